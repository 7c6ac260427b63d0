// The fused WebAssembly cells (engine/kernels/assembly/cells.ts via the per-direction workspace)
// against the TypeScript cells, the reference: for every cell kind, forward outputs, dX and every
// param gradient after one backward, at widths that are and are not multiples of 4, one or many steps,
// one or two directions. All params (peepholes, GRU's b_hh included) get random values so every term
// of every equation matters. Each case also checks the fused path really ran (workspace calls).
import { describe, expect, it } from 'vitest';
import { kernels, setKernels, tsKernels } from '../../../engine/kernels/index.ts';
import type { RecurrentLayer } from '../../../engine/layers/recurrent/index.ts';
import { Rng } from '../../../engine/random.ts';
import { build, VARIANTS, type Variant } from './helpers.ts';

interface Case {
  B: number;
  T: number;
  I: number;
  H: number;
  seq: boolean;
  bidir: boolean;
}

const CASES: Case[] = [
  { B: 3, T: 4, I: 3, H: 5, seq: true, bidir: false },
  { B: 2, T: 6, I: 7, H: 8, seq: false, bidir: true },
  { B: 5, T: 3, I: 4, H: 13, seq: true, bidir: true },
  { B: 4, T: 1, I: 2, H: 6, seq: false, bidir: false },
  { B: 33, T: 5, I: 9, H: 36, seq: true, bidir: false }, // more rows than one 4-row tile, H % 8 != 0
];

interface Run {
  y: Float32Array;
  dx: Float32Array;
  grads: Float32Array[];
  calls: number;
}

function makeLayer(v: Variant, c: Case): RecurrentLayer {
  const layer = build(v, { H: c.H, T: c.T, I: c.I, seq: c.seq, bidir: c.bidir, dtype: 'float32', seed: 3 });
  const r = new Rng(11);
  // every param random (the defaults leave biases and peepholes at zero, which would hide their terms)
  for (const p of layer.params)
    for (let i = 0; i < p.value.data.length; i++) p.value.data[i] = r.uniform(-0.8, 0.8);
  return layer;
}

function pass(layer: RecurrentLayer, c: Case, seed: number): Run {
  const r = new Rng(seed);
  const x = {
    shape: [c.B, c.T, c.I],
    data: Float32Array.from({ length: c.B * c.T * c.I }, () => r.uniform(-2, 2)),
  };
  const out = layer.forward([x], { instrument: false });
  const y = Float32Array.from(out.data);
  const dy = {
    shape: out.shape,
    data: Float32Array.from({ length: out.data.length }, () => r.uniform(-1, 1)),
  };
  for (const p of layer.params) p.grad.data.fill(0);
  const dx = Float32Array.from(layer.backward(dy, { instrument: false })[0]!.data);
  const calls = layer.directionBuffers().reduce((n, d) => n + (d.buffers.ws?.calls ?? 0), 0);
  return { y, dx, grads: layer.params.map((p) => Float32Array.from(p.grad.data)), calls };
}

/** Runs `f` with the TypeScript kernels active. */
function withTs<T>(f: () => T): T {
  const prev = setKernels(tsKernels);
  try {
    return f();
  } finally {
    setKernels(prev);
  }
}

function expectClose(got: Float32Array, want: Float32Array, what: string) {
  expect(got.length, what).toBe(want.length);
  let scale = 0;
  for (const w of want) scale = Math.max(scale, Math.abs(w));
  // float32 sums in another order (and ~2-ulp exp/tanh): 1e-4 of each value plus 2e-5 of the array's
  // largest value (small values that are differences of large terms keep only the large terms' precision)
  let worst = 0;
  let at = -1;
  for (let i = 0; i < got.length; i++) {
    const err = Math.abs(got[i] - want[i]) / (1e-4 * Math.abs(want[i]) + 2e-5 * scale + 1e-30);
    if (!(err <= worst)) {
      worst = err;
      at = i;
    }
  }
  expect(worst, `${what}[${at}]: ${got[at]} vs ${want[at]} (largest ${scale})`).toBeLessThan(1);
}

describe('fused WebAssembly cells match the TypeScript cells', () => {
  it('the fast kernels are active (the cells below would otherwise compare TypeScript with itself)', () => {
    expect(kernels()).not.toBe(tsKernels);
    expect(kernels().recurrentWorkspace).toBeTypeOf('function');
  });

  for (const v of VARIANTS) {
    for (const c of CASES) {
      const label = `${v.label} B=${c.B} T=${c.T} I=${c.I} H=${c.H}${c.seq ? ' seq' : ''}${c.bidir ? ' bidirectional' : ''}`;
      it(`${label}: forward, dX and param grads`, () => {
        const fast = pass(makeLayer(v, c), c, 21);
        const ref = withTs(() => pass(makeLayer(v, c), c, 21));
        expect(fast.calls, 'fused calls').toBeGreaterThan(0);
        expect(ref.calls).toBe(0);
        expectClose(fast.y, ref.y, 'y');
        expectClose(fast.dx, ref.dx, 'dX');
        const names = makeLayer(v, c).params.map((p) => p.name);
        for (const [i, g] of fast.grads.entries()) expectClose(g, ref.grads[i], `d${names[i]}`);
      });
    }
  }

  it('a layer that changes batch size and length (memory re-laid out, grown) stays right', () => {
    const v = VARIANTS.find((x) => x.label === 'LSTM peephole')!;
    const small: Case = { B: 2, T: 3, I: 4, H: 7, seq: true, bidir: true };
    const big: Case = { ...small, B: 40, T: 30 };
    const fastLayer = makeLayer(v, small);
    const refLayer = makeLayer(v, small);
    for (const [c, seed] of [
      [small, 1],
      [big, 2],
      [small, 3],
    ] as const) {
      const fast = pass(fastLayer, c, seed);
      const ref = withTs(() => pass(refLayer, c, seed));
      expectClose(fast.y, ref.y, `y B=${c.B}`);
      expectClose(fast.dx, ref.dx, `dX B=${c.B}`);
      for (const [i, g] of fast.grads.entries()) expectClose(g, ref.grads[i], `grad ${i} B=${c.B}`);
    }
  });

  it('where the workspace cannot hold a sequence, the layer keeps ordinary arrays and the TypeScript cells', () => {
    const real = kernels();
    const refusing = {
      ...real,
      recurrentWorkspace: (G: number, H: number) => {
        const ws = real.recurrentWorkspace!(G, H)!;
        return Object.assign(Object.create(ws), { layout: () => null });
      },
    };
    const c = CASES[1];
    const v = VARIANTS[6];
    const prev = setKernels(refusing, 'refusing');
    let got: Run;
    let ws: unknown;
    try {
      const layer = makeLayer(v, c);
      got = pass(layer, c, 5);
      ws = layer.directionBuffers()[0].buffers.ws;
    } finally {
      setKernels(prev);
    }
    expect(ws).toBeNull();
    const ref = withTs(() => pass(makeLayer(v, c), c, 5));
    expectClose(got.y, ref.y, 'y');
    expectClose(got.dx, ref.dx, 'dX');
  });

  it('float64 layers run the TypeScript cells (no workspace)', () => {
    const layer = build(VARIANTS[3], { H: 4, T: 2, I: 3, seq: true, bidir: false, dtype: 'float64' });
    layer.forward([{ shape: [1, 2, 3], data: new Float64Array(6) }], { instrument: false });
    expect(layer.directionBuffers()[0].buffers.ws).toBeNull();
  });
});
