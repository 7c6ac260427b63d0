// Character language-model datasets (built-in names and text, uploaded plain text): a stream of
// character ids cut into windows; the target at each step is the next character.
import { checkOneHotSize, requireLmOutput, tokenLayout, tokensToX } from './fit.ts';
import { DatasetError } from './errors.ts';
import { nextTokenWindows } from './tokens.ts';
import type { Dataset, InputSpec } from './types.ts';

/** What a char-LM dataset is built from. */
export interface CharStream {
  id: string;
  /** character ids, already in training order */
  stream: Int32Array;
  /** characters by id */
  vocab: string[];
  /** a sentence for the student; "{n}" and "{T}" are filled in */
  description: string;
  /** window start every `stride` characters; defaults to the Input length (no overlap) */
  stride?: number;
  /** keep at most this many windows */
  maxRows?: number;
  /** the character that ends each item (and starts the next), when the stream has one */
  endToken?: string;
}

/** Cuts the stream into [N, T] next-character windows shaped to the Input (ids or one-hot). */
export function charLmDataset(src: CharStream, spec: InputSpec): Dataset {
  const layout = tokenLayout(src.id, spec, src.vocab.length);
  const length = layout.length;
  requireLmOutput(src.id, spec, length, src.vocab.length);
  const { x, y, n } = nextTokenWindows(
    src.stream,
    length,
    src.stride ?? length,
    src.maxRows ?? Number.MAX_SAFE_INTEGER,
  );
  if (n === 0) {
    throw new DatasetError(
      `${src.id} has ${src.stream.length} characters, too few for even one window of ${length} (+1 for the target): shorten the Input's sequence length`,
    );
  }
  checkOneHotSize(src.id, n, length, layout.oneHot ? layout.width : 0);
  return {
    id: src.id,
    description: src.description.replace('{n}', String(n)).replace('{T}', String(length)),
    task: 'language-model',
    x: tokensToX(x, n, layout),
    y: { shape: [n, length], data: Float32Array.from(y) },
    numClasses: src.vocab.length,
    vocab: src.vocab,
    tokenizer: 'char',
    ...(src.endToken !== undefined ? { endToken: src.endToken } : {}),
  };
}
