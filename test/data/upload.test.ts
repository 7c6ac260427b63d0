import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetFromUpload } from '../../engine/data/index.ts';
import { floatInput, idInput, row } from './helpers.ts';

const iris = 'a,b,kind\n1,2,setosa\n3,4,virginica\n5,6,setosa\n7,8,versicolor\n';

describe('datasetFromUpload: numeric CSV', () => {
  it('string labels become class ids in sorted order; rows stay paired with their labels', () => {
    const r = datasetFromUpload('csv', iris, floatInput([2], [3]), { name: 'iris.csv' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.dataset;
    expect(d.id).toBe('upload:iris.csv');
    expect(d.task).toBe('classification');
    expect(d.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(d.x.shape).toEqual([4, 2]);
    expect(d.y.shape).toEqual([4]);
    const expected: Record<number, number> = { 1: 0, 3: 2, 5: 0, 7: 1 };
    for (let i = 0; i < 4; i++) expect(d.y.data[i]).toBe(expected[row(d.x, i)[0]]);
  });

  it('0/1 labels with a [1] output are binary; other numbers with [1] are regression', () => {
    const bin = datasetFromUpload('csv', 'x,y\n1,0\n2,1\n', floatInput([1], [1]));
    expect(bin.ok && bin.dataset.task).toBe('binary');
    expect(bin.ok && bin.dataset.y.shape).toEqual([2, 1]);
    const reg = datasetFromUpload('csv', 'x,y\n1,0.5\n2,3.25\n', floatInput([1], [1]));
    expect(reg.ok && reg.dataset.task).toBe('regression');
    if (reg.ok) expect(Array.from(reg.dataset.y.data).sort()).toEqual([0.5, 3.25]);
  });

  it('integer labels are class ids when the output has that many classes', () => {
    const r = datasetFromUpload('csv', '1,2,0\n3,4,2\n', floatInput([2], [3]));
    expect(r.ok && r.dataset.numClasses).toBe(3);
    const bad = datasetFromUpload('csv', '1,2,0\n3,4,5\n', floatInput([2], [3]));
    expect(bad).toEqual({
      ok: false,
      error: {
        message:
          "upload:csv: the model's output [3] means 3 classes, so labels must be class ids 0 to 2, but one is 5: end with Dense(1) to predict a number instead",
      },
    });
  });

  it('names both shapes when the feature count does not fit the Input', () => {
    expect(datasetFromUpload('csv', iris, floatInput([4]), { name: 'iris.csv' })).toEqual({
      ok: false,
      error: {
        message:
          "upload:iris.csv gives rows of shape [2] (float32) but the Input expects [4] (float32): set the Input's shape to [2] and its dtype to float32",
      },
    });
  });

  it('passes parse errors through with their line and column', () => {
    expect(datasetFromUpload('csv', 'a,b,c\n1,x,0\n', floatInput([2]))).toEqual({
      ok: false,
      error: { message: '"x" in column "b" is not a number', line: 2, column: 3 },
    });
  });
});

describe('datasetFromUpload: plain text', () => {
  it("builds a char language model whose vocabulary is the text's characters", () => {
    const r = datasetFromUpload('text', 'abcabcabcabc\n', idInput([4], 10));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dataset.vocab).toEqual(['\n', 'a', 'b', 'c']);
    expect(r.dataset.x.shape).toEqual([3, 4]);
    expect(row(r.dataset.x, 0)).toEqual([1, 2, 3, 1]);
    expect(row(r.dataset.y, 0)).toEqual([2, 3, 1, 2]);
  });

  it('says when the text is shorter than one window', () => {
    const r = datasetFromUpload('text', 'abc', idInput([10], 10));
    expect(r).toEqual({
      ok: false,
      error: {
        message:
          "upload:text has 3 characters, too few for even one window of 10 (+1 for the target): shorten the Input's sequence length",
      },
    });
  });

  it('asks for a bigger Embedding than the character count', () => {
    const r = datasetFromUpload('text', 'abcdefgh'.repeat(10), idInput([4], 5));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(
        "upload:text uses 8 token ids but the Embedding's vocabSize is 5: raise vocabSize to at least 8",
      );
  });
});

describe('datasetFromUpload: text,label CSV', () => {
  const csv = 'text,label\n"great film, loved it",pos\nawful,neg\n"loved the acting",pos\nboring film,neg\n';

  it('tokenizes words, maps labels in sorted order, binary for a [1] output', () => {
    const r = datasetFromUpload('text-csv', csv, idInput([5], 100, [1]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.dataset;
    expect(d.task).toBe('binary');
    expect(d.classNames).toEqual(['neg', 'pos']);
    expect(d.vocab!.slice(0, 4)).toEqual(['<pad>', '<unk>', 'film', 'loved']);
    for (let i = 0; i < 4; i++) {
      const words = row(d.x, i)
        .filter((t) => t !== 0)
        .map((t) => d.vocab![t]);
      expect(d.y.data[i]).toBe(words.includes('awful') || words.includes('boring') ? 0 : 1);
    }
  });

  it('three labels and a [1] output is an error naming both', () => {
    const r = datasetFromUpload('text-csv', `${csv}meh,neutral\n`, idInput([5], 100, [1]));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toMatch(/^upload:text-csv has 3 classes but the model's output is \[1\]/);
  });

  it('returns an error, never throws, for an unknown kind', () => {
    // @ts-expect-error: a kind from outside the type, as plain JS might send
    expect(datasetFromUpload('xlsx', 'a', floatInput([1])).ok).toBe(false);
  });
});

describe('datasetFromUpload never throws', () => {
  const specs = [
    floatInput([2]),
    floatInput([1], [1]),
    idInput([4], 50, [1]),
    floatInput([3, 6]),
    idInput([3], 8, [3, 8]),
  ];
  const kinds = ['csv', 'text', 'text-csv'] as const;
  it('on random text, for every kind and Input, it returns ok with consistent shapes or an error', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', '1', '0', '.', ',', '"', '\n', ' ', '-') });
    fc.assert(
      fc.property(cell, fc.constantFrom(...kinds), fc.constantFrom(...specs), (text, kind, spec) => {
        const r = datasetFromUpload(kind, text, spec);
        if (!r.ok) {
          expect(r.error.message.length).toBeGreaterThan(0);
          return;
        }
        const { x, y } = r.dataset;
        expect(x.shape.slice(1)).toEqual(spec.shape);
        expect(y.shape[0]).toBe(x.shape[0]);
        expect(x.data.length).toBe(x.shape.reduce((a, b) => a * b, 1));
      }),
      { numRuns: 400 },
    );
  });
});
