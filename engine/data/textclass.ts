// Text classification datasets (built-in spam, uploaded text,label CSV): word ids with a vocabulary
// capped to fit the graph, padded/truncated to the Input's length, labels to class ids.
import { DatasetError } from './errors.ts';
import { checkOneHotSize, classTargets, classTask, tokenLayout, tokensToX } from './fit.ts';
import { buildWordVocab, encodeWords, PAD_ID, tokenizeWords, vocabIndex } from './tokens.ts';
import type { Dataset, InputSpec } from './types.ts';

/** Vocabulary cap when nothing in the graph sets one (an int32 Input without an Embedding). */
export const DEFAULT_WORD_VOCAB = 10000;

/** Labelled texts, already in training order; labels are class ids into classNames. */
export interface LabelledTexts {
  id: string;
  texts: string[];
  labels: Int32Array;
  classNames: string[];
  /** "{n}", "{T}" and "{V}" are filled in */
  description: string;
  /** with 2 classes and no known output shape, give 'binary' targets [N, 1] */
  preferBinary?: boolean;
}

/** The vocabulary cap the graph implies: Embedding vocabSize, or the one-hot width. */
export function wordVocabCap(spec: InputSpec): number {
  if (spec.dtype === 'int32') return spec.vocabSize ?? DEFAULT_WORD_VOCAB;
  return spec.shape.length === 2 ? spec.shape[1] : DEFAULT_WORD_VOCAB;
}

/** Word-id sequences [N, T] (pre-padded, truncated after T words) and targets for the graph's output. */
export function textClassDataset(src: LabelledTexts, spec: InputSpec): Dataset {
  const cap = wordVocabCap(spec);
  if (cap < 3) {
    throw new DatasetError(
      `${src.id} needs a vocabulary of at least 3 ids (<pad>, <unk> and one word) but the graph allows ${cap}`,
    );
  }
  const docs = src.texts.map(tokenizeWords);
  const vocab = buildWordVocab(docs, cap);
  const layout = tokenLayout(src.id, spec, vocab.length);
  const task = classTask(src.id, src.classNames.length, spec, src.preferBinary);
  const n = docs.length;
  checkOneHotSize(src.id, n, layout.length, layout.oneHot ? layout.width : 0);
  const index = vocabIndex(vocab);
  const ids = new Int32Array(n * layout.length);
  for (let i = 0; i < n; i++) encodeWords(docs[i], index, layout.length, ids, i * layout.length);
  return {
    id: src.id,
    description: src.description
      .replace('{n}', String(n))
      .replace('{T}', String(layout.length))
      .replace('{V}', String(vocab.length)),
    task,
    x: tokensToX(ids, n, layout),
    y: classTargets(src.labels, task),
    numClasses: src.classNames.length,
    vocab,
    tokenizer: 'word',
    padId: PAD_ID,
    classNames: src.classNames,
  };
}
