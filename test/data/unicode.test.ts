// Unicode text: NFC normalization, words and characters by Intl.Segmenter (UAX #29) instead of a
// hand regex. Field inputs: Hindi "यह मील है" / "यह मेल है" (mile / mail) were the same pieces
// because the regex split words at vowel signs; emoji.txt was counted in UTF-16 units.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFromUpload } from '../../engine/data/index.ts';
import { charVocab, encodeChars, graphemes, tokenizeWords } from '../../engine/data/tokens.ts';
import { compileModel } from '../../engine/model.ts';
import { createTrainer } from '../../engine/train/trainer.ts';
import { inputSpecOf } from '../../engine/train/spec.ts';
import { validateGraph } from '../../graph-schema/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import { chainOf, PYTHON, tempDir, writeExport } from '../export/helpers.ts';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/field', name);
function fieldGraph(name: string): Graph {
  const r = validateGraph(JSON.parse(readFileSync(fixture(name), 'utf8')));
  if (!r.ok) throw new Error(r.issues[0].message);
  return r.graph;
}

describe('words', () => {
  it('keep their combining marks: mile and mail are different words in Hindi', () => {
    expect(tokenizeWords('यह मील है')).toEqual(['यह', 'मील', 'है']);
    expect(tokenizeWords('यह मेल है')).toEqual(['यह', 'मेल', 'है']);
  });

  it('are NFC-normalized: a decomposed é is the same word as the precomposed one', () => {
    expect(tokenizeWords('Cafe\u0301 CAFÉ')).toEqual(['café', 'café']);
  });

  it("follow Unicode word rules: don't, 1,000 and 2.5 are one word each; punctuation and emoji separate", () => {
    expect(tokenizeWords("Don't pay 1,000 or 2.5 😀 now!")).toEqual([
      "don't",
      'pay',
      '1,000',
      'or',
      '2.5',
      'now',
    ]);
  });

  it('a GRU word classifier learns the Hindi mile/mail task as it learns the Latin one', () => {
    for (const csv of ['latin-mile-mail.csv', 'hindi-mile-mail.csv']) {
      const g = fieldGraph('word-classifier.graph.json');
      const model = compileModel(g);
      const r = datasetFromUpload('text-csv', readFileSync(fixture(csv), 'utf8'), inputSpecOf(model), {
        name: csv,
        seed: 1,
      });
      if (!r.ok) throw new Error(r.error.message);
      const t = createTrainer(g, r.dataset, { model, instrumentEvery: Number.POSITIVE_INFINITY });
      while (!t.done) t.step(50);
      expect(t.history.at(-1)?.valAccuracy, csv).toBe(1);
    }
  });
});

describe('characters', () => {
  it('are grapheme clusters: an emoji with a skin tone, a flag and e + accent are one each', () => {
    expect(graphemes('👍🏽🇩🇪e\u0301x')).toEqual(['👍🏽', '🇩🇪', 'é', 'x']);
    const vocab = charVocab('👍🏽a👍🏽');
    expect(vocab).toEqual(['a', '👍🏽']);
    expect(Array.from(encodeChars('a👍🏽', vocab))).toEqual([0, 1]);
  });

  it('the upload message counts emoji.txt as a reader does: 240 characters (280 code points, 360 UTF-16 units)', () => {
    const g = fieldGraph('emoji-charlm.graph.json');
    const r = datasetFromUpload(
      'text',
      readFileSync(fixture('emoji.txt'), 'utf8'),
      inputSpecOf(compileModel(g)),
      {
        name: 'emoji.txt',
      },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.dataset.description).toMatch(
      /^240 characters \(280 Unicode code points\) of your text \(4 distinct\)/,
    );
    expect(r.dataset.vocab).toEqual(['\n', 'x', 'é', '😀']);
  });
});

describe("the PyTorch export's tokenizer", () => {
  it('splits words and characters as the app does', () => {
    const samples = [
      'यह मील है',
      "Don't pay 1,000 or 2.5 now! a:b c.d e'f g’h x_y _z 1a a1 a..b 1,,2 5.x",
      'Cafe\u0301 CAFÉ Ελληνικά ٣٤ русский текст',
      '👍🏽🇩🇪e\u0301x\r\n😀👨‍👩‍👧 ok',
    ];
    const file = writeExport(
      chainOf([
        ['in', 'Input', { shape: [2] }],
        ['o', 'Dense', { units: 1 }],
      ]),
      tempDir(),
      'tok',
    );
    const py = [
      'import importlib.util, json, sys',
      `spec = importlib.util.spec_from_file_location("m", ${JSON.stringify(file)})`,
      'm = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)',
      'texts = json.load(sys.stdin)',
      'print(json.dumps([[m.words_of(t), m.chars_of(t)] for t in texts]))',
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', py], {
      input: JSON.stringify(samples),
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(samples.map((t) => [tokenizeWords(t), graphemes(t)]));
  });
});
