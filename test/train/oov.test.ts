// Inference input outside the vocabulary is reported: which characters or words, and what the model
// does instead. Field input: "Em" on the names model gave the same table as "m" without a word.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkerApi } from '../../app/worker/api.ts';
import { outOfVocabulary } from '../../engine/train/inference.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import { cli } from '../cli/helpers.ts';
import { tempDir } from '../export/helpers.ts';

const names = { vocab: ['.', ...'abcdefghijklmnopqrstuvwxyz'], tokenizer: 'char' as const, endToken: '.' };
const words = { vocab: ['<pad>', '<unk>', 'free', 'prize'], tokenizer: 'word' as const, padId: 0 };
const EXAMPLE = join(import.meta.dirname, '../../examples/char-lstm-names.json');

describe('out-of-vocabulary input', () => {
  it('a character model names the characters it skips and what it reads instead', () => {
    expect(outOfVocabulary(names, 'Em')).toEqual({
      unknown: ['E'],
      message:
        'The model never saw the character "E" (it knows lower-case "e"): it skips it, so it reads "m".',
    });
    expect(outOfVocabulary(names, 'm2 3!')?.message).toBe(
      'The model never saw the characters "2", " ", "3", "!": it skips them, so it reads "m".',
    );
    expect(outOfVocabulary(names, 'emma')).toBeNull();
  });

  it('a word model names the words it reads as <unk>', () => {
    expect(outOfVocabulary(words, 'Win a FREE prize')).toEqual({
      unknown: ['win', 'a'],
      message: 'The model never saw the words "win", "a": it reads each as <unk>.',
    });
    expect(outOfVocabulary(words, 'free prize!')).toBeNull();
  });

  it('the app worker answers for Try it', async () => {
    const g: Graph = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const api = createWorkerApi();
    expect((await api.load(g, { kind: 'builtin' }, () => {})).ok).toBe(true);
    expect(api.unknownTokens('Em')?.unknown).toEqual(['E']);
    expect(api.unknownTokens('em')).toBeNull();
  });

  it('the CLI: predict --text prints the top 5 and names the unknown characters on stderr', async () => {
    const w = join(tempDir(), 'names.weights.json');
    expect((await cli('train', EXAMPLE, '--epochs', '0', '--save-weights', w)).code).toBe(0);
    const r = await cli('predict', EXAMPLE, '--weights', w, '--text', 'Em');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'note: The model never saw the character "E" (it knows lower-case "e"): it skips it, so it reads "m".',
    );
    const out = JSON.parse(r.stdout);
    expect(out.unknown).toEqual(['E']);
    expect(out.next).toHaveLength(5);
    const known = JSON.parse((await cli('predict', EXAMPLE, '--weights', w, '--text', 'm')).stdout);
    expect(known.next).toEqual(out.next); // what "Em" does instead: it reads "m"
    expect(known.unknown).toBeUndefined();
  });
});
