// The inspector's optimizer fields check a typed value with the format's own schema, so the app
// accepts exactly what validates (and what torch.optim accepts): no second table of ranges.
import { describe, expect, it } from 'vitest';
import { checkHyper } from '../../app/panels/TrainingSettings.tsx';

describe('optimizer fields in the inspector', () => {
  const adam = { type: 'adam', lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
  it('refuses Adam beta1 = 1 with PyTorch’s reason, accepts 0', () => {
    expect(checkHyper(adam, 'beta1', '1')).toEqual({
      ok: false,
      reason:
        "beta1 must be at least 0 and below 1 (PyTorch's Adam refuses beta1 = 1: the moment never moves from 0)",
    });
    expect(checkHyper(adam, 'beta1', '0')).toEqual({ ok: true, value: 0 });
  });
  it('accepts lr = 0 and eps = 0 (PyTorch does), refuses negatives', () => {
    expect(checkHyper(adam, 'lr', '0')).toEqual({ ok: true, value: 0 });
    expect(checkHyper(adam, 'eps', '0')).toEqual({ ok: true, value: 0 });
    expect(checkHyper(adam, 'lr', '-0.1').ok).toBe(false);
  });
  it('Nesterov momentum 0 is refused; plain momentum 0 is fine', () => {
    const nest = { type: 'nesterov', lr: 0.01, momentum: 0.9, dampening: 0 };
    const r = checkHyper(nest, 'momentum', '0');
    expect(r.ok || r.reason).toMatch(/^momentum must be above 0/);
    expect(checkHyper({ ...nest, type: 'momentum' }, 'momentum', '0')).toEqual({ ok: true, value: 0 });
  });
  it('says when the text is not a number', () => {
    expect(checkHyper(adam, 'lr', 'fast')).toEqual({ ok: false, reason: 'lr must be a number' });
  });
});
