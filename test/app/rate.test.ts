// Throughput (issue 11): the worker's sliding-window rate meter and how the panel words it.
import { describe, expect, test } from 'vitest';
import { fmtAmount, fmtDuration, fmtStepRate } from '../../app/training/rateText.ts';
import { RateMeter } from '../../app/worker/rate.ts';

describe('RateMeter', () => {
  test('needs two samples that span time', () => {
    const m = new RateMeter();
    expect(m.rate(32, 100)).toBeNull();
    m.sample(0, 0);
    m.sample(0, 5);
    expect(m.rate(32, 100)).toBeNull();
  });
  test('steps/s over the window, examples/s = steps/s x examples per step, time left', () => {
    const m = new RateMeter(1000);
    m.sample(0, 0);
    m.sample(500, 50);
    m.sample(1000, 100);
    expect(m.rate(8, 400)).toEqual({ stepsPerSec: 100, examplesPerSec: 800, secondsLeft: 4 });
  });
  test('follows a slowdown: only the last window counts', () => {
    const m = new RateMeter(1000);
    m.sample(0, 0);
    m.sample(1000, 1000); // 1000 steps/s
    m.sample(2000, 1010); // then 10 steps/s
    m.sample(3000, 1020);
    expect(m.rate(1, 0)?.stepsPerSec).toBeCloseTo(10, 10);
  });
  test('reset forgets the samples (a pause is not slow training)', () => {
    const m = new RateMeter();
    m.sample(0, 0);
    m.sample(100, 10);
    m.reset();
    expect(m.rate(1, 10)).toBeNull();
  });
});

describe('rate text', () => {
  test('slow models read as seconds per step', () => {
    expect(fmtStepRate(0.1)).toBe('1 step per 10 s');
    expect(fmtStepRate(12.34)).toBe('12.3 steps/s');
    expect(fmtStepRate(250.4)).toBe('250 steps/s');
    expect(fmtStepRate(0)).toBe('0 steps/s');
  });
  test('amounts and durations', () => {
    expect([0.5, 12, 340.6, 25_300].map(fmtAmount)).toEqual(['0.5', '12', '341', '25k']);
    expect([4.2, 125, 3780].map(fmtDuration)).toEqual(['4 s', '2 min 5 s', '1 h 3 min']);
  });
});
