// Data files, generated and mutated: CSV and text (empty, header only, ragged, quoted newlines, very
// wide rows, binary, 10,000 labels) always give a dataset or a DataError with a message, never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetFromUpload, parseCsv, parseTextCorpus, parseTextLabelCsv } from '../../engine/data/index.ts';
import type { InputSpec } from '../../engine/data/types.ts';
import { params, TEST_TIMEOUT_MS } from './settings.ts';

const cell = fc.oneof(
  fc.constantFrom('', '0', '-0', '1e308', 'NaN', 'Infinity', '"a,b"', '"line\nbreak"', '"', '""', 'x'),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.string({ maxLength: 8 }),
);
const row = fc.array(cell, { minLength: 0, maxLength: 6 }).map((cells) => cells.join(','));
const csv = fc.oneof(
  fc.array(row, { maxLength: 40 }).map((rows) => rows.join('\n')),
  fc.constantFrom('', 'a,b,label', 'a,b,label\n', '\ufeffa,b,label\n1,2,0\n', '\r\n\r\n'),
  fc
    .integer({ min: 1, max: 10_000 })
    .map((n) => Array.from({ length: n }, (_, i) => `${i % 7},${i}`).join('\n')),
  fc.constant(`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(99_999)}1\n`),
  fc.uint8Array({ maxLength: 300 }).map((b) => new TextDecoder().decode(b)),
);

const specs: InputSpec[] = [
  { shape: [2], dtype: 'float32', outputShape: [2] },
  { shape: [2], dtype: 'float32', outputShape: [1] },
  { shape: [8], dtype: 'int32', outputShape: [3], vocabSize: 50 },
  { shape: [6], dtype: 'int32', outputShape: [6, 30], vocabSize: 30 },
];

function expectDataResult(r: { ok: boolean; error?: { message: string } }): void {
  if (!r.ok) expect(r.error!.message.length).toBeGreaterThan(0);
}

describe('data files, generated and mutated', () => {
  it(
    'parsers return a value or a DataError for any text',
    () => {
      fc.assert(
        fc.property(csv, (text) => {
          expectDataResult(parseCsv(text, {}));
          expectDataResult(parseCsv(text, { header: true, label: 'label' }));
          expectDataResult(parseTextLabelCsv(text, {}));
          expectDataResult(parseTextCorpus(text));
        }),
        params,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'uploads for every kind of input give a dataset or a DataError',
    () => {
      fc.assert(
        fc.property(
          csv,
          fc.constantFrom(...specs),
          fc.constantFrom('csv', 'text', 'text-csv' as const),
          (text, spec, kind) => {
            expectDataResult(datasetFromUpload(kind as 'csv', text, spec, { name: 'f', seed: 1 }));
          },
        ),
        { ...params, numRuns: Math.min(params.numRuns, 150) },
      );
    },
    TEST_TIMEOUT_MS,
  );
});
