// The reference-case harness: runReferenceCase(case) runs one shared/reference case file on the
// engine and returns the case with `actual` (shaped like `expected`) added. The CLI's `reference`
// command and the tests both call this, so what the tests check is what users run.
import type { DType } from '../tensor.ts';
import { runDenseCase } from './dense.ts';
import { runEmbeddingCase } from './embedding.ts';
import { LAYER_KINDS } from './layer-kinds.ts';
import { runMseCase, runSigmoidBceCase, runSoftmaxCeCase } from './losses.ts';
import { runRecurrentCase } from './recurrent.ts';
import type { CaseFile } from './tensors.ts';
import { runTrainCharRnnCase, runTrainMlpCase } from './train.ts';

export type { CaseFile, CaseTensor } from './tensors.ts';

type Runner = (c: CaseFile, dtype: DType) => Record<string, unknown>;

/** One runner per case kind (README "Case kinds"). */
const RUNNERS: Record<string, Runner> = {
  dense: runDenseCase,
  embedding: runEmbeddingCase,
  rnn: runRecurrentCase,
  lstm: runRecurrentCase,
  gru: runRecurrentCase,
  softmax_ce: runSoftmaxCeCase,
  sequence_softmax_ce: runSoftmaxCeCase,
  sigmoid_bce: runSigmoidBceCase,
  mse: runMseCase,
  train_mlp: runTrainMlpCase,
  train_charrnn: runTrainCharRnnCase,
  ...LAYER_KINDS,
};

/** The case kinds the harness knows. */
export const REFERENCE_KINDS = Object.keys(RUNNERS);

/** Options of runReferenceCase. */
export interface ReferenceOptions {
  /** float64 (default: agrees with PyTorch to ~1e-10) or float32 (the training precision) */
  dtype?: DType;
}

/** The case with `actual` added; throws an Error with a readable message when the case is malformed. */
export function runReferenceCase(
  caseJson: unknown,
  opts: ReferenceOptions = {},
): CaseFile & { actual: unknown } {
  if (typeof caseJson !== 'object' || caseJson === null || Array.isArray(caseJson)) {
    throw new Error('a reference case must be a JSON object with "kind", "inputs", "params" and "upstream"');
  }
  const c = caseJson as CaseFile;
  const runner = typeof c.kind === 'string' ? RUNNERS[c.kind] : undefined;
  if (!runner || !Object.hasOwn(RUNNERS, c.kind)) {
    throw new Error(
      `case ${c.case ?? '?'}: unknown kind ${JSON.stringify(c.kind)}; known kinds: ${REFERENCE_KINDS.join(', ')}`,
    );
  }
  const actual = runner(c, opts.dtype ?? 'float64');
  return { ...c, actual };
}
