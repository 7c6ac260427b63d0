// Optimizers: PyTorch defaults, and the first steps of each rule on a one-element parameter with a
// constant gradient, worked out by hand from the README table (the train_mlp reference cases check
// whole trajectories). Clipping by norm and by value.
import { describe, expect, it } from 'vitest';
import { clipGradients, createOptimizer, globalGradNorm, ruleFor } from '../../engine/optim/index.ts';
import type { OptimizerSpec } from '../../engine/optim/index.ts';

function scalarParam(value: number, grad: number) {
  return {
    value: { shape: [1], data: new Float64Array([value]) },
    grad: { shape: [1], data: new Float64Array([grad]) },
  };
}

/** Positions after each of `steps` updates with gradient g held constant, from p0 = 1. */
function trajectory(cfg: OptimizerSpec, g: number, steps: number): number[] {
  const p = scalarParam(1, g);
  const opt = createOptimizer(cfg, [p]);
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    opt.step();
    out.push(p.value.data[0]);
  }
  return out;
}

describe('optimizer defaults (PyTorch)', () => {
  it('fills every missing field', () => {
    expect(ruleFor({ type: 'sgd' }).lr).toBe(0.01);
    expect(ruleFor({ type: 'momentum' })).toMatchObject({
      lr: 0.01,
      momentum: 0.9,
      dampening: 0,
      nesterov: false,
    });
    expect(ruleFor({ type: 'nesterov' })).toMatchObject({ momentum: 0.9, nesterov: true });
    expect(ruleFor({ type: 'adagrad' })).toMatchObject({
      lr: 0.01,
      eps: 1e-10,
      initialAccumulator: 0,
      lrDecay: 0,
    });
    expect(ruleFor({ type: 'rmsprop' })).toMatchObject({
      lr: 0.01,
      rho: 0.99,
      eps: 1e-8,
      momentum: 0,
      centered: false,
    });
    expect(ruleFor({ type: 'adam' })).toMatchObject({ lr: 0.001, beta1: 0.9, rho: 0.999, eps: 1e-8 });
  });

  it('refuses an unknown type and a non-numeric field with a sentence', () => {
    expect(() => ruleFor({ type: 'adamw' } as unknown as OptimizerSpec)).toThrow(
      'unknown optimizer type "adamw"; use sgd, momentum, nesterov, adagrad, rmsprop or adam',
    );
    expect(() => ruleFor({ type: 'sgd', lr: 'fast' } as unknown as OptimizerSpec)).toThrow(
      'optimizer sgd: lr must be a number from 0 to 1e6 (PyTorch refuses a negative learning rate), got "fast"',
    );
  });
});

describe('update rules, constant gradient g = 0.5 from p = 1', () => {
  const g = 0.5;
  const close = (got: number[], want: number[]) => {
    expect(got.length).toBe(want.length);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i], 12);
  };

  it('sgd: p - lr·g', () => close(trajectory({ type: 'sgd', lr: 0.1 }, g, 2), [0.95, 0.9]));

  it('momentum: buffer g, then 0.9·g + g', () => {
    close(trajectory({ type: 'momentum', lr: 0.1 }, g, 2), [1 - 0.1 * g, 1 - 0.1 * g - 0.1 * 1.9 * g]);
  });

  it('momentum with dampening 0.5: the first step is undamped', () => {
    close(trajectory({ type: 'momentum', lr: 0.1, dampening: 0.5 }, g, 2), [
      1 - 0.05,
      1 - 0.05 - 0.1 * (0.9 + 0.5) * g,
    ]);
  });

  it('nesterov: g + μ·buf', () => {
    close(trajectory({ type: 'nesterov', lr: 0.1 }, g, 2), [
      1 - 0.1 * 1.9 * g,
      1 - 0.1 * 1.9 * g - 0.1 * (g + 0.9 * 1.9 * g),
    ]);
  });

  it('adagrad: g / √(Σg²), with lr decay on step 2', () => {
    const s1 = 1 - 0.1 * (g / (g + 1e-10));
    close(trajectory({ type: 'adagrad', lr: 0.1 }, g, 2), [s1, s1 - (0.1 * g) / (Math.sqrt(2) * g + 1e-10)]);
    const d = trajectory({ type: 'adagrad', lr: 0.1, lrDecay: 0.5 }, g, 2);
    expect(d[1]).toBeCloseTo(s1 - (0.1 / 1.5) * (g / (Math.sqrt(2) * g + 1e-10)), 12);
  });

  it('rmsprop: v = 0.01·g² after one step, so the step is lr·g / (0.1·|g|)', () => {
    close(trajectory({ type: 'rmsprop', lr: 0.01 }, g, 1), [1 - (0.01 * g) / (0.1 * g + 1e-8)]);
  });

  it('rmsprop centered subtracts the squared mean gradient', () => {
    const v = 0.01 * g * g - (0.01 * g) ** 2;
    close(trajectory({ type: 'rmsprop', lr: 0.01, centered: true }, g, 1), [
      1 - (0.01 * g) / (Math.sqrt(v) + 1e-8),
    ]);
  });

  it('rmsprop with momentum accumulates the scaled steps', () => {
    const d1 = g / (Math.sqrt(0.01 * g * g) + 1e-8);
    const d2 = g / (Math.sqrt(0.0199 * g * g) + 1e-8);
    close(trajectory({ type: 'rmsprop', lr: 0.01, momentum: 0.9 }, g, 2), [
      1 - 0.01 * d1,
      1 - 0.01 * d1 - 0.01 * (0.9 * d1 + d2),
    ]);
  });

  it('adam: bias correction makes every step with a constant gradient ≈ lr', () => {
    const steps = trajectory({ type: 'adam', lr: 0.01 }, g, 3);
    const step = 0.01 * (g / (g + 1e-8));
    close(steps, [1 - step, 1 - 2 * step, 1 - 3 * step]);
  });

  it('lr can be changed between steps, and reset() forgets the state', () => {
    const p = scalarParam(1, g);
    const opt = createOptimizer({ type: 'momentum', lr: 0.1 }, [p]);
    opt.step();
    opt.lr = 0.2;
    opt.step();
    expect(p.value.data[0]).toBeCloseTo(1 - 0.1 * g - 0.2 * 1.9 * g, 12);
    opt.reset();
    expect(opt.t).toBe(0);
    opt.step(); // a fresh buffer: exactly lr·g
    expect(p.value.data[0]).toBeCloseTo(1 - 0.1 * g - 0.2 * 1.9 * g - 0.2 * g, 12);
  });
});

describe('clipping', () => {
  const params = () => [
    scalarParam(0, 3),
    {
      value: { shape: [2], data: new Float64Array(2) },
      grad: { shape: [2], data: new Float64Array([4, 0]) },
    },
  ];

  it('globalGradNorm is the norm of all gradients as one vector', () => {
    expect(globalGradNorm(params())).toBe(5);
  });

  it('by norm scales by max / (norm + 1e-6) and returns the raw norm', () => {
    const ps = params();
    expect(clipGradients(ps, { type: 'norm', max: 1 })).toBe(5);
    expect(ps[0].grad.data[0]).toBeCloseTo((3 * 1) / (5 + 1e-6), 15);
    expect(globalGradNorm(ps)).toBeLessThan(1);
  });

  it('by norm leaves small gradients alone', () => {
    const ps = params();
    clipGradients(ps, { type: 'norm', max: 10 });
    expect(Array.from(ps[1].grad.data)).toEqual([4, 0]);
  });

  it('by value clamps each element', () => {
    const ps = params();
    ps[1].grad.data[1] = -7;
    clipGradients(ps, { type: 'value', max: 3.5 });
    expect([ps[0].grad.data[0], ...ps[1].grad.data]).toEqual([3, 3.5, -3.5]);
  });
});
