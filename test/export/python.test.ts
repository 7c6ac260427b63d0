// Node ids -> Python names: distinct, valid, and never hiding a keyword, an nn.Module attribute or
// a name the generated file uses itself.
import { describe, expect, it } from 'vitest';
import { pyInts, pyNum, pyStr, pythonNames } from '../../engine/export/python.ts';

describe('pythonNames', () => {
  it('keeps plain ids and turns dashes into underscores', () => {
    const names = pythonNames(['emb', 'lstm-1', 'Dense_2']);
    expect([...names.values()]).toEqual(['emb', 'lstm_1', 'Dense_2']);
  });

  it("suffixes keywords, nn.Module attributes and the file's own names", () => {
    const ids = ['in', 'class', 'train', 'forward', 'float', 'register_hook', 'x', 'logits', 'torch', 'next'];
    const names = [...pythonNames(ids).values()];
    expect(names).toEqual([
      'in_',
      'class_',
      'train_',
      'forward_',
      'float_',
      'register_hook_',
      'x_',
      'logits_',
      'torch_',
      'next_',
    ]);
  });

  it('keeps names distinct when two ids map to the same text', () => {
    const names = pythonNames(['a-b', 'a_b', 'in', 'in_']);
    expect(new Set(names.values()).size).toBe(4);
    expect(names.get('a-b')).toBe('a_b');
    expect(names.get('a_b')).toBe('a_b_2');
    expect(names.get('in_')).toBe('in__2');
  });
});

describe('Python literals', () => {
  it('writes strings, numbers and shapes Python reads back', () => {
    expect(pyStr('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(pyNum(1e-8)).toBe('1e-8');
    expect(pyNum(0.001)).toBe('0.001');
    expect(() => pyNum(Number.NaN)).toThrow();
    expect(pyInts([200], true)).toBe('(200,)');
    expect(pyInts([5, 3])).toBe('[5, 3]');
  });
});
