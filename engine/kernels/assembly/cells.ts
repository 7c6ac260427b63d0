// Fused gate math of one time step of each recurrent cell, forward and backward, on f32x4 lanes.
// The TypeScript cells (engine/layers/recurrent/*.ts) are the reference; their file headers have the
// equations this code follows line by line. Pointers are byte addresses; z-like rows (G·H wide, the
// gate blocks side by side) are zLd floats apart, state rows (H wide) ld floats apart, and the
// per-step adjoints dh, dc, dcPrev, dhPrev (and GRU's a, the prototype's dr) are dense [B, H] (a: [B, 3H]).
// Widths that are not a multiple of 4 run their last lanes through ld/st (math.ts), same formulas.
import { ld, sigmoidv, st, tanhv } from './math';

// @ts-ignore: decorator
@inline
function rowOf(base: usize, b: i32, stride: i32): usize {
  return base + ((<usize>b * <usize>stride) << 2);
}

// @ts-ignore: decorator
@inline
function act(kind: i32, z: v128): v128 {
  if (kind == 0) return tanhv(z);
  if (kind == 1) return f32x4.max(z, f32x4.splat(0));
  return sigmoidv(z);
}

// ---- vanilla RNN: h = act(z); act 0 tanh, 1 relu, 2 sigmoid ----

/** h = act(z) over B rows of H. */
export function rnnForward(kind: i32, B: i32, H: i32, z: usize, zLd: i32, h: usize, ldh: i32): void {
  for (let b = 0; b < B; b++) {
    const zr = rowOf(z, b, zLd);
    const hr = rowOf(h, b, ldh);
    for (let j = 0; j < H; j += 4) {
      const n = min(4, H - j);
      const o = <usize>j << 2;
      st(hr + o, act(kind, ld(zr + o, n)), n);
    }
  }
}

/** dz = dh ⊙ act'(h), written with the output h: tanh 1 - h², relu [h > 0], sigmoid h(1 - h). */
export function rnnBackward(kind: i32, B: i32, H: i32, h: usize, ldh: i32, dh: usize, dz: usize, zLd: i32): void {
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const hr = rowOf(h, b, ldh);
    const dr = rowOf(dh, b, H);
    const zr = rowOf(dz, b, zLd);
    for (let j = 0; j < H; j += 4) {
      const n = min(4, H - j);
      const o = <usize>j << 2;
      const y = ld(hr + o, n);
      let d: v128;
      if (kind == 0) d = f32x4.sub(one, f32x4.mul(y, y));
      else if (kind == 1) d = v128.and(f32x4.gt(y, f32x4.splat(0)), one);
      else d = f32x4.mul(y, f32x4.sub(one, y));
      st(zr + o, f32x4.mul(ld(dr + o, n), d), n);
    }
  }
}

// ---- LSTM, standard (peep = 0) or with peepholes (peep -> p_i | p_f | p_o, 3H floats) ----

/** z [i f g o pre-activations] -> activations; c = f⊙cPrev + i⊙g, tc = tanh c, h = o⊙tc. */
export function lstmForward(
  B: i32,
  H: i32,
  z: usize,
  zLd: i32,
  cPrev: usize,
  hasPrev: i32,
  c: usize,
  tc: usize,
  h: usize,
  ldh: i32,
  peep: usize,
): void {
  const hb = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const zr = rowOf(z, b, zLd);
    const pr = rowOf(cPrev, b, ldh);
    const sr = rowOf(0, b, ldh);
    for (let j = 0; j < H; j += 4) {
      const n = min(4, H - j);
      const o = <usize>j << 2;
      const cp = hasPrev ? ld(pr + o, n) : f32x4.splat(0);
      let zi = ld(zr + o, n);
      let zf = ld(zr + hb + o, n);
      let zo = ld(zr + 3 * hb + o, n);
      if (peep) {
        zi = f32x4.add(zi, f32x4.mul(ld(peep + o, n), cp));
        zf = f32x4.add(zf, f32x4.mul(ld(peep + hb + o, n), cp));
      }
      const i = sigmoidv(zi);
      const f = sigmoidv(zf);
      const g = tanhv(ld(zr + 2 * hb + o, n));
      const cn = hasPrev ? f32x4.add(f32x4.mul(f, cp), f32x4.mul(i, g)) : f32x4.mul(i, g);
      if (peep) zo = f32x4.add(zo, f32x4.mul(ld(peep + 2 * hb + o, n), cn));
      const og = sigmoidv(zo);
      const t = tanhv(cn);
      st(zr + o, i, n);
      st(zr + hb + o, f, n);
      st(zr + 2 * hb + o, g, n);
      st(zr + 3 * hb + o, og, n);
      st(c + sr + o, cn, n);
      st(tc + sr + o, t, n);
      st(h + sr + o, f32x4.mul(og, t), n);
    }
  }
}

/**
 * One LSTM step backward: from the activations (z), c, cPrev, tc and the adjoints dh, dc writes the
 * pre-activation adjoints dz (zLd apart) and dcPrev; with peepholes also dcPrev's peephole terms and
 * dpeep (3H floats) += the peephole gradients.
 */
export function lstmBackward(
  B: i32,
  H: i32,
  z: usize,
  zLd: i32,
  c: usize,
  cPrev: usize,
  hasPrev: i32,
  tc: usize,
  ldh: i32,
  dh: usize,
  dc: usize,
  dcPrev: usize,
  dz: usize,
  peep: usize,
  dpeep: usize,
): void {
  const hb = <usize>H << 2;
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const zr = rowOf(z, b, zLd);
    const gr = rowOf(dz, b, zLd);
    const sr = rowOf(0, b, ldh);
    const pr = rowOf(cPrev, b, ldh);
    const ar = rowOf(0, b, H);
    for (let j = 0; j < H; j += 4) {
      const n = min(4, H - j);
      const o = <usize>j << 2;
      const i = ld(zr + o, n);
      const f = ld(zr + hb + o, n);
      const g = ld(zr + 2 * hb + o, n);
      const og = ld(zr + 3 * hb + o, n);
      const t = ld(tc + sr + o, n);
      const cp = hasPrev ? ld(pr + o, n) : f32x4.splat(0);
      const d = ld(dh + ar + o, n);
      const dzo = f32x4.mul(f32x4.mul(f32x4.mul(d, t), og), f32x4.sub(one, og));
      let dct = f32x4.add(ld(dc + ar + o, n), f32x4.mul(f32x4.mul(d, og), f32x4.sub(one, f32x4.mul(t, t))));
      if (peep) dct = f32x4.add(dct, f32x4.mul(dzo, ld(peep + 2 * hb + o, n)));
      const dzi = f32x4.mul(f32x4.mul(f32x4.mul(dct, g), i), f32x4.sub(one, i));
      const dzf = f32x4.mul(f32x4.mul(f32x4.mul(dct, cp), f), f32x4.sub(one, f));
      st(gr + o, dzi, n);
      st(gr + hb + o, dzf, n);
      st(gr + 2 * hb + o, f32x4.mul(f32x4.mul(dct, i), f32x4.sub(one, f32x4.mul(g, g))), n);
      st(gr + 3 * hb + o, dzo, n);
      let dcp = f32x4.mul(dct, f);
      if (peep) {
        dcp = f32x4.add(dcp, f32x4.add(f32x4.mul(dzi, ld(peep + o, n)), f32x4.mul(dzf, ld(peep + hb + o, n))));
        st(dpeep + o, f32x4.add(ld(dpeep + o, n), f32x4.mul(dzi, cp)), n);
        st(dpeep + hb + o, f32x4.add(ld(dpeep + hb + o, n), f32x4.mul(dzf, cp)), n);
        st(dpeep + 2 * hb + o, f32x4.add(ld(dpeep + 2 * hb + o, n), f32x4.mul(dzo, ld(c + sr + o, n))), n);
      }
      st(dcPrev + ar + o, dcp, n);
    }
  }
}

// ---- GRU (PyTorch semantics, gates r, z, n; a = h_{t-1}·W_hhᵀ, dense [B, 3H]; bhh 3H floats) ----

/** z [r z n input parts] -> activations; aux = a_n + b_hn; h = (1-z)⊙n + z⊙hPrev (a = 0 without hPrev). */
export function gruForward(
  B: i32,
  H: i32,
  z: usize,
  zLd: i32,
  a: usize,
  bhh: usize,
  hPrev: usize,
  hasPrev: i32,
  h: usize,
  aux: usize,
  ldh: i32,
): void {
  const hb = <usize>H << 2;
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const zr = rowOf(z, b, zLd);
    const ar = rowOf(a, b, 3 * H);
    const sr = rowOf(0, b, ldh);
    const pr = rowOf(hPrev, b, ldh);
    for (let j = 0; j < H; j += 4) {
      const n = min(4, H - j);
      const o = <usize>j << 2;
      let xr = f32x4.add(ld(zr + o, n), ld(bhh + o, n));
      let xz = f32x4.add(ld(zr + hb + o, n), ld(bhh + hb + o, n));
      let an = ld(bhh + 2 * hb + o, n);
      if (hasPrev) {
        xr = f32x4.add(xr, ld(ar + o, n));
        xz = f32x4.add(xz, ld(ar + hb + o, n));
        an = f32x4.add(an, ld(ar + 2 * hb + o, n));
      }
      const r = sigmoidv(xr);
      const u = sigmoidv(xz);
      const nn = tanhv(f32x4.add(ld(zr + 2 * hb + o, n), f32x4.mul(r, an)));
      st(zr + o, r, n);
      st(zr + hb + o, u, n);
      st(zr + 2 * hb + o, nn, n);
      st(aux + sr + o, an, n);
      let hn = f32x4.mul(f32x4.sub(one, u), nn);
      if (hasPrev) hn = f32x4.add(hn, f32x4.mul(u, ld(pr + o, n)));
      st(h + sr + o, hn, n);
    }
  }
}

/** GRU step backward: dz (input side) and da (recurrent side, same layout) zLd apart, dbhh += da,
 *  dhPrev = dh⊙z (the caller adds da·W_hh). */
export function gruBackward(
  B: i32,
  H: i32,
  z: usize,
  zLd: i32,
  hPrev: usize,
  hasPrev: i32,
  aux: usize,
  ldh: i32,
  dh: usize,
  dz: usize,
  da: usize,
  dbhh: usize,
  dhPrev: usize,
): void {
  const hb = <usize>H << 2;
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const zr = rowOf(z, b, zLd);
    const gr = rowOf(dz, b, zLd);
    const rr = rowOf(da, b, zLd);
    const sr = rowOf(0, b, ldh);
    const pr = rowOf(hPrev, b, ldh);
    const ar = rowOf(0, b, H);
    for (let j = 0; j < H; j += 4) {
      const n = min(4, H - j);
      const o = <usize>j << 2;
      const r = ld(zr + o, n);
      const u = ld(zr + hb + o, n);
      const nn = ld(zr + 2 * hb + o, n);
      const hp = hasPrev ? ld(pr + o, n) : f32x4.splat(0);
      const d = ld(dh + ar + o, n);
      const dn = f32x4.mul(f32x4.mul(d, f32x4.sub(one, u)), f32x4.sub(one, f32x4.mul(nn, nn)));
      const du = f32x4.mul(f32x4.mul(f32x4.mul(d, f32x4.sub(hp, nn)), u), f32x4.sub(one, u));
      const dr = f32x4.mul(f32x4.mul(f32x4.mul(dn, ld(aux + sr + o, n)), r), f32x4.sub(one, r));
      const dnr = f32x4.mul(dn, r);
      st(gr + o, dr, n);
      st(gr + hb + o, du, n);
      st(gr + 2 * hb + o, dn, n);
      st(rr + o, dr, n);
      st(rr + hb + o, du, n);
      st(rr + 2 * hb + o, dnr, n);
      st(dbhh + o, f32x4.add(ld(dbhh + o, n), dr), n);
      st(dbhh + hb + o, f32x4.add(ld(dbhh + hb + o, n), du), n);
      st(dbhh + 2 * hb + o, f32x4.add(ld(dbhh + 2 * hb + o, n), dnr), n);
      st(dhPrev + ar + o, f32x4.mul(d, u), n);
    }
  }
}

// ---- the lecture's prototype LSTM (gates i, f, c, o; one state s; read gate inside the candidate) ----

/** First half of the forward: o = σ(z_o) (in place), aux = r = o⊙sPrev (0 without sPrev). */
export function protoForwardRead(B: i32, H: i32, z: usize, zLd: i32, sPrev: usize, hasPrev: i32, aux: usize, ldh: i32): void {
  const hb = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const zr = rowOf(z, b, zLd) + 3 * hb;
    const sr = rowOf(0, b, ldh);
    for (let j = 0; j < H; j += 4) {
      const n = min(4, H - j);
      const o = <usize>j << 2;
      const og = sigmoidv(ld(zr + o, n));
      st(zr + o, og, n);
      st(aux + sr + o, hasPrev ? f32x4.mul(og, ld(sPrev + sr + o, n)) : f32x4.splat(0), n);
    }
  }
}

/** Second half: i, f, s~ activations in place; s = f⊙sPrev + i⊙s~. */
export function protoForwardState(B: i32, H: i32, z: usize, zLd: i32, sPrev: usize, hasPrev: i32, s: usize, ldh: i32): void {
  const hb = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const zr = rowOf(z, b, zLd);
    const sr = rowOf(0, b, ldh);
    for (let j = 0; j < H; j += 4) {
      const n = min(4, H - j);
      const o = <usize>j << 2;
      const i = sigmoidv(ld(zr + o, n));
      const f = sigmoidv(ld(zr + hb + o, n));
      const c = tanhv(ld(zr + 2 * hb + o, n));
      st(zr + o, i, n);
      st(zr + hb + o, f, n);
      st(zr + 2 * hb + o, c, n);
      const ic = f32x4.mul(i, c);
      st(s + sr + o, hasPrev ? f32x4.add(f32x4.mul(f, ld(sPrev + sr + o, n)), ic) : ic, n);
    }
  }
}

/** Backward, first half: dz_i, dz_f, dz_c, dz_o = 0 and dsPrev = ds⊙f. */
export function protoBackwardGates(B: i32, H: i32, z: usize, zLd: i32, sPrev: usize, hasPrev: i32, ldh: i32, ds: usize, dz: usize, dsPrev: usize): void {
  const hb = <usize>H << 2;
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const zr = rowOf(z, b, zLd);
    const gr = rowOf(dz, b, zLd);
    const sr = rowOf(0, b, ldh);
    const ar = rowOf(0, b, H);
    for (let j = 0; j < H; j += 4) {
      const n = min(4, H - j);
      const o = <usize>j << 2;
      const i = ld(zr + o, n);
      const f = ld(zr + hb + o, n);
      const c = ld(zr + 2 * hb + o, n);
      const sp = hasPrev ? ld(sPrev + sr + o, n) : f32x4.splat(0);
      const d = ld(ds + ar + o, n);
      st(gr + o, f32x4.mul(f32x4.mul(f32x4.mul(d, c), i), f32x4.sub(one, i)), n);
      st(gr + hb + o, f32x4.mul(f32x4.mul(f32x4.mul(d, sp), f), f32x4.sub(one, f)), n);
      st(gr + 2 * hb + o, f32x4.mul(f32x4.mul(d, i), f32x4.sub(one, f32x4.mul(c, c))), n);
      st(gr + 3 * hb + o, f32x4.splat(0), n);
      st(dsPrev + ar + o, f32x4.mul(d, f), n);
    }
  }
}

/** Backward, second half (with a previous state): dz_o = dr⊙sPrev⊙o(1-o), dsPrev += dr⊙o. */
export function protoBackwardRead(B: i32, H: i32, z: usize, zLd: i32, sPrev: usize, ldh: i32, dr: usize, dz: usize, dsPrev: usize): void {
  const hb = <usize>H << 2;
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const zr = rowOf(z, b, zLd) + 3 * hb;
    const gr = rowOf(dz, b, zLd) + 3 * hb;
    const sr = rowOf(0, b, ldh);
    const ar = rowOf(0, b, H);
    for (let j = 0; j < H; j += 4) {
      const n = min(4, H - j);
      const o = <usize>j << 2;
      const og = ld(zr + o, n);
      const r = ld(dr + ar + o, n);
      st(gr + o, f32x4.mul(f32x4.mul(f32x4.mul(r, ld(sPrev + sr + o, n)), og), f32x4.sub(one, og)), n);
      st(dsPrev + ar + o, f32x4.add(ld(dsPrev + ar + o, n), f32x4.mul(r, og)), n);
    }
  }
}

// ---- the input bias over all steps (rows of a dense [rows, cols] matrix) ----

/** x[r, :] += v for every row r. */
export function addRowVector(x: usize, rows: i32, cols: i32, v: usize): void {
  for (let r = 0; r < rows; r++) {
    const xr = rowOf(x, r, cols);
    for (let j = 0; j < cols; j += 4) {
      const n = min(4, cols - j);
      const o = <usize>j << 2;
      st(xr + o, f32x4.add(ld(xr + o, n), ld(v + o, n)), n);
    }
  }
}

/** out[j] += x[r, j] for r = 0, 1, ... in order (the TypeScript loop's order, so the same float32 sums). */
export function addColumnSums(x: usize, rows: i32, cols: i32, out: usize): void {
  for (let r = 0; r < rows; r++) {
    const xr = rowOf(x, r, cols);
    for (let j = 0; j < cols; j += 4) {
      const n = min(4, cols - j);
      const o = <usize>j << 2;
      st(out + o, f32x4.add(ld(out + o, n), ld(xr + o, n)), n);
    }
  }
}
