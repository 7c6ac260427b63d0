// The engine's public entry: everything app/ and cli/ use (see docs/internal-apis.md). The lint
// refuses deep imports into engine/ from there (biome.json), so this list is the engine's API.

// node types: descriptors, layers, parameter counts
export {
  LAYERS,
  layerOf,
  isLayerType,
  createLayer,
  paramShapes,
  paramCount,
  cardLine,
  PER_STEP_TYPES,
  type AnyLayerDescriptor,
  type LayerDescriptor,
  type ParamShape,
} from './layers/registry.ts';

// analysis: validation + shapes + counts, the summary table
export { analyzeGraph } from './shapes/analyze.ts';
export { formatCount, kerasShape, summaryTable } from './shapes/summary.ts';
export type { Diagnostic, GraphAnalysis, NodeInfo } from './shapes/types.ts';

// the model, tensors, randomness, activation functions
export { CompileError, compileModel, type Model } from './model.ts';
export { allocArray, sizeOf, type Tensor } from './tensor.ts';
export { Rng } from './random.ts';
export { sigmoid } from './layers/activations.ts';
export type {
  DivergenceInfo,
  EpochMetrics,
  GradientReport,
  TrainSnapshot,
  TrainStatus,
  WeightsFile,
} from './types.ts';

// data
export {
  datasetFromUpload,
  listBuiltinDatasets,
  loadDataset,
  type BuiltinInfo,
  type OptionSpec,
  type UploadKind,
} from './data/index.ts';
export type { Dataset, InputSpec } from './data/types.ts';
export { datasetFromExport } from './data/exported.ts';

// training, inference, weights
export { createTrainer, type Interruption, type Trainer } from './train/trainer.ts';
export {
  type InterruptCheck,
  type InterruptPlace,
  Interrupted,
  placeText,
  sharedInterrupt,
} from './interrupt.ts';
export { classifyText, decisionGrid, outOfVocabulary, predict, sample, topKNext } from './train/inference.ts';
export { inputSpecOf } from './train/spec.ts';
export { TargetsError } from './train/targets.ts';
export { checkTrainingMemory } from './train/memory.ts';
export { doneLine, epochLine, epochText } from './train/report.ts';
export { encodeSafetensors, isSafetensorsName, parseWeightsBytes } from './train/safetensors.ts';
export { weightsToText } from './train/weights-file.ts';

// views of a trained model
export { recordAttention, type AttentionRecord } from './views/attention.ts';
export { embeddingMap, type EmbeddingMap } from './views/embedding.ts';
export { gateTransferables, recordGates, type GateMap, type GateRecord } from './views/gates.ts';
export { layerGradients, type LayerGrad, type LayerGrads } from './views/layergrads.ts';
export { defaultLmText, lmTable, type LmRow, type LmTable } from './views/lmtable.ts';
export {
  VALUES_MAX_PARAMS,
  recordValues,
  valuesTransferables,
  type Matrix,
  type SoftmaxCheck,
  type ValuesRecord,
} from './views/values.ts';

// export and import
export { EXPORT_TARGETS, exportGraph, type ExportTarget } from './export/index.ts';
export { datasetFiles } from './export/data.ts';
export { tarArchive } from './export/tar.ts';
export { importKerasText } from './import/keras.ts';

// tools behind CLI commands
export {
  BENCH_MODEL_NAMES,
  runBench,
  type BenchModel,
  type BenchReport,
  type Peer,
  type StepRunner,
} from './bench/index.ts';
export { BENCH_BATCH } from './bench/models.ts';
export { kernelsName } from './kernels/index.ts';
export { runReferenceCase } from './reference/index.ts';
export { compareCase } from './reference/compare.ts';
export { createShardServer } from './parallel/serve.ts';
export { type PeerHandle, type SpawnPeer, startShardPeer } from './parallel/remote.ts';
export { canShareMemory, type PeerInit } from './parallel/shared.ts';
export { splitsBatch } from './parallel/plan.ts';
export type { ShardRunner } from './parallel/shards.ts';
