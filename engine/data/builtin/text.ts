// The shipped text datasets: first names and Moby-Dick (character language models) and SpamAssassin
// messages (word-level binary classification). Their assets are lazy-imported, so the app only
// downloads a corpus when a graph uses it.
import { Rng } from '../../random.ts';
import { charLmDataset } from '../charlm.ts';
import { DatasetError } from '../errors.ts';
import { type OptionSpec, type RawOptions, readOptions, SEED_OPTION } from '../options.ts';
import { parseTextLabelCsv } from '../parsers.ts';
import { textClassDataset } from '../textclass.ts';
import { charVocab, encodeChars, graphemes } from '../tokens.ts';
import type { Dataset, InputSpec } from '../types.ts';
import { permutation } from './shuffle.ts';
import type { BuiltinDataset } from './types.ts';

/** Names vocabulary: "." marks the start and end of a name (id 0), then a-z (ids 1-26). */
export const NAMES_VOCAB = ['.', ...'abcdefghijklmnopqrstuvwxyz'];

const maxRows = (d: number): OptionSpec => ({
  name: 'n',
  label: 'max rows',
  kind: 'int',
  default: d,
  min: 1,
  max: 100000,
});

async function loadNames(raw: RawOptions | undefined, spec: InputSpec): Promise<Dataset> {
  const id = 'builtin:names';
  const o = readOptions(id, NAMES_OPTIONS, raw);
  const names = (await import('../assets/names.ts')).default.split('\n');
  new Rng(o.seed as number).shuffle(names);
  // ".emma.liam.ava." : each name is followed by the marker, so after "." the model learns how names start
  const stream = encodeChars(`.${names.join('.')}.`, NAMES_VOCAB);
  return charLmDataset(
    {
      id,
      stream,
      vocab: NAMES_VOCAB,
      description: `${names.length} English first names packed into {n} windows of {T} characters ("." marks each name's start and end); predict the next character.`,
      maxRows: o.n as number,
      endToken: '.',
    },
    spec,
  );
}

const NAMES_OPTIONS: OptionSpec[] = [maxRows(100000), SEED_OPTION];

async function loadText(raw: RawOptions | undefined, spec: InputSpec): Promise<Dataset> {
  const id = 'builtin:text';
  const o = readOptions(id, TEXT_OPTIONS, raw);
  let text = (await import('../assets/moby-dick.ts')).default;
  if (o.lowercase) text = text.toLowerCase();
  const vocab = charVocab(text);
  const length = spec.shape[0];
  const stride = (o.stride as number) > 0 ? (o.stride as number) : length;
  return charLmDataset(
    {
      id,
      stream: encodeChars(text, vocab),
      vocab,
      description: `Moby-Dick, chapters 1-15 (${graphemes(text).length} characters, ${vocab.length} distinct) cut into {n} windows of {T}; predict the next character.`,
      stride,
      maxRows: o.n as number,
    },
    spec,
  );
}

const TEXT_OPTIONS: OptionSpec[] = [
  {
    name: 'lowercase',
    label: 'lowercase',
    kind: 'boolean',
    default: true,
    help: 'fold capitals (a smaller vocabulary)',
  },
  {
    name: 'stride',
    label: 'stride',
    kind: 'int',
    default: 0,
    min: 0,
    max: 10000,
    help: 'characters between window starts; 0 = the Input length (no overlap)',
  },
  maxRows(100000),
  SEED_OPTION,
];

async function loadSpam(raw: RawOptions | undefined, spec: InputSpec): Promise<Dataset> {
  const id = 'builtin:spam';
  const o = readOptions(id, SPAM_OPTIONS, raw);
  const parsed = parseTextLabelCsv((await import('../assets/spam.ts')).default);
  if (!parsed.ok) throw new DatasetError(`${id}: the shipped corpus is damaged (${parsed.error.message})`);
  const perm = permutation(parsed.texts.length, new Rng(o.seed as number)).subarray(0, o.n as number);
  const texts = Array.from(perm, (i) => parsed.texts[i]);
  const labels = Int32Array.from(perm, (i) => (parsed.labels[i] === 'spam' ? 1 : 0));
  return textClassDataset(
    {
      id,
      texts,
      labels,
      classNames: ['ham', 'spam'],
      preferBinary: true,
      description:
        '{n} e-mails (SpamAssassin corpus: subject + start of body) as {T} word ids from a vocabulary of {V}; predict spam (1) or ham (0).',
    },
    spec,
  );
}

const SPAM_OPTIONS: OptionSpec[] = [maxRows(1189), SEED_OPTION];

/** The three shipped text datasets. */
export const TEXT_DATASETS: BuiltinDataset[] = [
  {
    id: 'builtin:names',
    title: 'First names',
    description:
      'About 8,000 English first names, one character at a time; predict the next character (a character language model).',
    task: 'language-model',
    options: NAMES_OPTIONS,
    input: { shape: [16], dtype: 'int32', vocabSize: 27 },
    suits:
      'Input [T] int32 + Embedding(vocabSize >= 27), or Input [T, 27] float32 one-hot; output [T, 27] (recurrent layer returning sequences, Dense(27), Softmax)',
    source: 'stdlib datasets female/male-first-names-en (from Moby Word II), PDDL-1.0 / CC0-1.0',
    load: loadNames,
  },
  {
    id: 'builtin:text',
    title: 'Moby-Dick',
    description:
      "The first 15 chapters of Melville's Moby-Dick (public domain), one character at a time; predict the next character.",
    task: 'language-model',
    options: TEXT_OPTIONS,
    input: { shape: [64], dtype: 'int32', vocabSize: 64 },
    suits:
      "Input [T] int32 + Embedding(vocabSize >= the text's characters), or one-hot Input [T, V]; output [T, V]",
    source:
      'Herman Melville, Moby-Dick (1851), public domain; text from stdlib datasets-moby-dick (PDDL-1.0 / CC0-1.0)',
    load: loadText,
  },
  {
    id: 'builtin:spam',
    title: 'Spam or ham',
    description:
      'About 1,200 e-mails (half spam) from the SpamAssassin public corpus as word ids; predict whether each is spam.',
    task: 'binary',
    options: SPAM_OPTIONS,
    input: { shape: [40], dtype: 'int32', vocabSize: 5000 },
    suits:
      'Input [T] int32 + Embedding (vocabSize caps the vocabulary); output Dense(1) sigmoid, or Dense(2) + Softmax',
    source:
      'SpamAssassin public corpus (via stdlib datasets-spam-assassin, PDDL-1.0 / CC0-1.0); subject + first 200 characters of 1,189 messages',
    load: loadSpam,
  },
];
