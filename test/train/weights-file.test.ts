import { describe, expect, it } from 'vitest';
import { parseWeightsText, weightsToText } from '../../engine/train/weights-file.ts';
import type { WeightsFile } from '../../engine/types.ts';

describe('weights file', () => {
  const w: WeightsFile = {
    format: 'backprop-studio.weights',
    version: 1,
    tensors: {
      'dense1.W': { shape: [2, 2], data: [0.5, -1.25, 3, 1e-7] },
      'dense1.b': { shape: [2], data: [0, 1] },
    },
  };

  it('round-trips through text exactly', () => {
    const r = parseWeightsText(weightsToText(w));
    expect(r).toEqual({ ok: true, weights: w });
  });

  it('names the tensor whose data does not fit its shape', () => {
    const bad = { ...w, tensors: { 'dense1.W': { shape: [2, 3], data: [1, 2] } } };
    const r = parseWeightsText(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('tensor "dense1.W": shape [2, 3] needs 6 values, the data has 2');
  });

  it('refuses other formats and broken JSON without throwing', () => {
    expect(parseWeightsText('{"format": "x"}').ok).toBe(false);
    const r = parseWeightsText('{');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^not valid JSON/);
  });
});
