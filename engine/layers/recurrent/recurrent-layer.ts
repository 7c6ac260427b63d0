// A recurrent layer = one or two Directions of the same cell kind, plus the output convention:
// returnSequences (every step or only the final output) and bidirectional (a second, independent
// direction over the reversed sequence, params suffixed _rev, outputs aligned back to their
// position and concatenated forward-first). Bidirectional without returnSequences follows Keras:
// y = [forward h after step T, backward h after its last step, which is position 1].
import type { DType, FloatArray, Tensor } from '../../tensor.ts';
import type { Layer, Param, PassOptions } from '../layer.ts';
import type { Cell, SeqBuffers } from './cell.ts';
import { Arena } from './arena.ts';
import { Direction } from './direction.ts';

/** Static description of a recurrent layer instance. */
export interface RecurrentConfig {
  /** node id, for error messages */
  id: string;
  /** node type, for error messages */
  type: 'RNN' | 'LSTM' | 'GRU';
  units: number;
  inputSize: number;
  /** sequence length the graph declares; forward accepts other lengths too */
  steps: number;
  returnSequences: boolean;
  bidirectional: boolean;
}

/** Final states of the last forward, each [B, H] (copies); `c` only for LSTM standard/peephole. */
export interface FinalStates {
  h_last: Tensor;
  c_last?: Tensor;
  h_last_rev?: Tensor;
  c_last_rev?: Tensor;
}

/** Extra seeds for backwardWithFinalState: dL/d(final h) per direction, each [B, H]. */
export interface FinalStateGrads {
  h_last?: Tensor;
  h_last_rev?: Tensor;
}

/** The Layer implementation shared by RNN, LSTM (all variants) and GRU. */
export class RecurrentLayer implements Layer {
  readonly params: Param[];
  readonly outputShape: number[];
  private readonly dirs: Direction[];
  private x: Tensor | null = null;
  private readonly arena: Arena;
  private norms: Float64Array[] = [];
  private normsValid = false;
  private sat: number | null = null;

  constructor(
    readonly dtype: DType,
    private readonly cfg: RecurrentConfig,
    makeCell: () => Cell,
  ) {
    const { units: H, inputSize: I } = cfg;
    this.arena = new Arena(dtype);
    this.dirs = [new Direction(makeCell(), false, dtype, H, I)];
    if (cfg.bidirectional) {
      const rev = new Direction(makeCell(), true, dtype, H, I);
      for (const p of rev.cell.params) p.name += '_rev';
      this.dirs.push(rev);
    }
    this.params = this.dirs.flatMap((d) => d.cell.params);
    const width = this.dirs.length * H;
    this.outputShape = cfg.returnSequences ? [cfg.steps, width] : [width];
  }

  /** x [B, T, I] -> y [B, T, D*H] (returnSequences) or [B, D*H]; D = 2 when bidirectional. */
  forward(inputs: Tensor[], opts: PassOptions): Tensor {
    const x = this.checkInput(inputs);
    const [B, T] = x.shape;
    for (const d of this.dirs) d.forward(x.data, B, T, opts.interrupt);
    this.x = x;
    this.normsValid = false;
    this.sat = opts.instrument ? this.measureSaturation() : null;
    return this.assembleOutput(B, T);
  }

  /** dOut shaped like the last output -> [dX [B, T, I]]; adds into every param grad. */
  backward(dOut: Tensor, opts: PassOptions): (Tensor | null)[] {
    return this.backwardWithFinalState(dOut, null, opts);
  }

  /**
   * Backward seeded by dOut (or nothing, when null) plus optional gradients of the final states
   * (h_last, h_last_rev). Used by the reference harness for time-step gradient norms.
   */
  backwardWithFinalState(dOut: Tensor | null, dFinal: FinalStateGrads | null, opts: PassOptions): Tensor[] {
    const x = this.x;
    if (!x) throw new Error(`${this.cfg.type} "${this.cfg.id}": backward called before forward`);
    const [B, T, I] = x.shape;
    const H = this.cfg.units;
    const width = this.dirs.length * H;
    if (dOut) this.checkGrad(dOut, B, T, width);
    const dX: Tensor = { shape: [B, T, I], data: this.arena.get('dX', B * T * I) };
    if (opts.instrument) this.norms = this.dirs.map(() => new Float64Array(T));
    this.dirs.forEach((d, i) => {
      const final = (i === 0 ? dFinal?.h_last : dFinal?.h_last_rev)?.data ?? null;
      const up = { data: dOut?.data ?? null, width, col: i * H, seq: this.cfg.returnSequences, final };
      d.backward(
        up,
        x.data,
        dX.data,
        i === 0 ? 0 : 1,
        opts.instrument ? this.norms[i] : null,
        opts.interrupt,
      );
    });
    this.normsValid = opts.instrument;
    return [dX];
  }

  /**
   * ||dL/dh_t|| for t = 1..T from the last instrumented backward. Bidirectional: per position
   * sqrt(fwd² + bwd²), the norm of the adjoint of the concatenated output at that position.
   */
  timestepGradNorms(): number[] | null {
    if (!this.normsValid) return null;
    const T = this.norms[0].length;
    const out: number[] = [];
    for (let t = 0; t < T; t++) {
      let s = 0;
      for (const n of this.norms) s += n[t] * n[t];
      out.push(Math.sqrt(s));
    }
    return out;
  }

  /** Share of gate activations on a flat end in the last instrumented forward (rule in activations.ts). */
  saturation(): number | null {
    return this.sat;
  }

  /** Read-only access to each direction's buffers of the last forward (the gate view reads the gate
   *  activations the cells leave in xz; nothing is recorded during training, so it costs nothing). */
  directionBuffers(): { reverse: boolean; buffers: SeqBuffers }[] {
    return this.dirs.map((d) => ({ reverse: d.reverse, buffers: d.buffers }));
  }

  /** Copies of the final states of the last forward. */
  finalStates(): FinalStates {
    const out: FinalStates = { h_last: this.stateAt(0, 'h') };
    if (this.dirs[0].cell.needs.cellState) out.c_last = this.stateAt(0, 'c');
    if (this.dirs.length === 2) {
      out.h_last_rev = this.stateAt(1, 'h');
      if (this.dirs[1].cell.needs.cellState) out.c_last_rev = this.stateAt(1, 'c');
    }
    return out;
  }

  private stateAt(dir: number, which: 'h' | 'c'): Tensor {
    const d = this.dirs[dir];
    const s = d.buffers;
    const src = which === 'h' ? s.h : s.c;
    const p = d.lastPos(s.T);
    const data = this.alloc(s.B * s.H);
    for (let b = 0; b < s.B; b++)
      data.set(src.subarray((b * s.T + p) * s.H, (b * s.T + p + 1) * s.H), b * s.H);
    return { shape: [s.B, s.H], data };
  }

  private assembleOutput(B: number, T: number): Tensor {
    const H = this.cfg.units;
    const D = this.dirs.length;
    const seq = this.cfg.returnSequences;
    // one direction with every step: its h buffer already is y
    if (seq && D === 1) return { shape: [B, T, H], data: this.dirs[0].buffers.h };
    const shape = seq ? [B, T, D * H] : [B, D * H];
    const n = seq ? B * T * D * H : B * D * H;
    const y = this.arena.get('y', n);
    this.dirs.forEach((d, i) => {
      const h = d.buffers.h;
      const last = d.lastPos(T);
      for (let b = 0; b < B; b++) {
        for (let t = seq ? 0 : last; t <= (seq ? T - 1 : last); t++) {
          const src = (b * T + t) * H;
          const dst = (seq ? b * T + t : b) * D * H + i * H;
          for (let j = 0; j < H; j++) y[dst + j] = h[src + j];
        }
      }
    });
    return { shape, data: y };
  }

  private measureSaturation(): number | null {
    let near = 0;
    let total = 0;
    for (const d of this.dirs) {
      const c = d.cell.saturationCounts(d.buffers);
      if (!c) return null;
      near += c[0];
      total += c[1];
    }
    return total > 0 ? near / total : null;
  }

  private checkInput(inputs: Tensor[]): Tensor {
    const { id, type, inputSize } = this.cfg;
    if (inputs.length !== 1) throw new Error(`${type} "${id}" takes one input, got ${inputs.length}`);
    const x = inputs[0];
    if (x.shape.length !== 3 || x.shape[2] !== inputSize || x.shape[1] < 1) {
      throw new Error(
        `${type} "${id}" expects a sequence [batch, steps, ${inputSize}], got [${x.shape.join(', ')}]`,
      );
    }
    return x;
  }

  private checkGrad(dOut: Tensor, B: number, T: number, width: number): void {
    const want = this.cfg.returnSequences ? B * T * width : B * width;
    if (dOut.data.length !== want) {
      throw new Error(
        `${this.cfg.type} "${this.cfg.id}": gradient has ${dOut.data.length} values, the output has ${want}`,
      );
    }
  }

  private alloc(n: number): FloatArray {
    return this.dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  }
}
