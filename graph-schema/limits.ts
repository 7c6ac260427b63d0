// Every limit of Backprop Studio in one place: what a graph document may hold (checked before any
// recursive walk), what a graph may ask for (checked before anything is allocated), and the memory
// budget training must fit in. The browser and the CLI read the same numbers. docs/limits.md explains
// each choice.

/** Caps on a graph's design: they keep a graph trainable in a browser tab and stop absurd inputs early. */
export const LIMITS = {
  maxUnits: 4096,
  maxVocab: 1_000_000,
  maxDim: 4096,
  maxSeqLen: 10_000,
  maxInputRank: 3,
  maxNodes: 500,
  maxEdges: 2000,
  maxEpochs: 100_000,
  maxBatch: 100_000,
  /** total trainable parameters (Keras convention); 50 M float32 weights are 200 MB before gradients */
  maxTotalParams: 50_000_000,
} as const;

/** Caps on the text and shape of any document (graph, autosave, share link), checked in one linear pass. */
export const DOCUMENT_LIMITS = {
  /** characters of text (a real graph is a few kB) */
  maxTextChars: 5 * 1024 * 1024,
  /** nesting of objects and arrays; a graph needs about 6 (nodes[i].params.init) */
  maxDepth: 64,
  /** characters in one string (ids are at most 64, names 200; a long description fits) */
  maxStringChars: 100_000,
  /** items in one array (2000 edges is the largest real list) */
  maxArrayItems: 10_000,
  /** keys in one object */
  maxObjectKeys: 10_000,
  /** values (objects, arrays, strings, numbers, ...) in the whole document */
  maxValues: 500_000,
} as const;

/**
 * The training memory budget in bytes: parameters, their gradients, optimizer state and the
 * activations kept for backpropagation of one batch must fit in it. 1.5 GiB fits a browser tab on a
 * student's 8 GB laptop (Chromium allows ~4 GB per tab) and leaves room for the data set and the UI.
 */
export const TRAINING_MEMORY_BUDGET_BYTES = 1.5 * 1024 ** 3;

/** Largest data file the CLI or the app reads for training, in bytes (checked while reading). */
export const MAX_DATA_FILE_BYTES = 64 * 1024 * 1024;
