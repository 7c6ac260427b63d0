// The steps before training and prediction, each turning a failure into one clear message and the
// right exit code (1: the graph, data or weights are wrong; 2: a file cannot be read or written).
import { readFile } from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Graph } from '../../graph-schema/schema.ts';
import { datasetFromExport } from '../../engine/index.ts';
import { datasetFromUpload, loadDataset, type UploadKind } from '../../engine/index.ts';
import type { Dataset, InputSpec, WeightsFile } from '../../engine/index.ts';
import { CompileError, compileModel, type Model } from '../../engine/index.ts';
import { inputSpecOf } from '../../engine/index.ts';
import { parseWeightsBytes } from '../../engine/index.ts';
import { MAX_DATA_FILE_BYTES } from '../../graph-schema/limits.ts';
import type { GraphAnalysis } from '../../engine/index.ts';
import { checkTrainingMemory } from '../../engine/index.ts';
import { EXIT, type CliIo } from '../command.ts';
import { jsonDataProblem } from '../json-data.ts';
import { readCappedText } from '../read-capped.ts';
import { loadAndAnalyze, printDiagnostics, problemExit } from '../load.ts';

/** The validated graph with a training section, or the exit code after reporting why not. */
export async function readGraphOrReport(file: string, io: CliIo): Promise<Graph | number> {
  const r = await readTrainableOrReport(file, io);
  return typeof r === 'number' ? r : r.graph;
}

/** Like readGraphOrReport, with the analysis (shapes, parameter counts) for checks before allocating. */
export async function readTrainableOrReport(
  file: string,
  io: CliIo,
): Promise<{ graph: Graph; analysis: GraphAnalysis } | number> {
  const loaded = await loadAndAnalyze(file, io);
  if (!loaded.ok && loaded.code === EXIT.usage) return EXIT.usage;
  const diagnostics = loaded.ok ? loaded.analysis.diagnostics : loaded.diagnostics;
  if (!loaded.ok || diagnostics.length > 0 || !loaded.analysis.graph) {
    printDiagnostics(file, diagnostics, { out: io.err, err: io.err });
    return problemExit(diagnostics);
  }
  const graph = loaded.analysis.graph;
  if (!graph.training) {
    io.err(`${file} has no "training" section: add one with a dataset, a loss and an optimizer`);
    return EXIT.invalid;
  }
  return { graph, analysis: loaded.analysis };
}

/** EXIT.ok when training fits the memory budget (checked before compiling or loading), else reports. */
export function memoryOrReport(analysis: GraphAnalysis, file: string, io: CliIo, examples?: number): number {
  const refusal = checkTrainingMemory(analysis, { examples });
  if (!refusal) return EXIT.ok;
  printDiagnostics(file, [refusal], { out: io.err, err: io.err });
  return EXIT.invalid;
}

/** What the input data must fit, read from the analysis (no model is built for it). */
export function specSourceOf(graph: Graph, analysis: GraphAnalysis): Parameters<typeof inputSpecOf>[0] {
  const last = analysis.order[analysis.order.length - 1];
  return { graph, order: analysis.order, outputShape: analysis.nodes[last]?.outputShape ?? [] };
}

/** The compiled model, or EXIT.invalid after listing what stops the graph from compiling. */
export function compileOrReport(graph: Graph, file: string, io: CliIo): Model | number {
  try {
    return compileModel(graph);
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    printDiagnostics(file, e.diagnostics, { out: io.err, err: io.err });
    return EXIT.invalid;
  }
}

/** Reads a text file; null after reporting (exit 2) when it cannot be read. */
export async function readTextOrReport(path: string, what: string, io: CliIo): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    io.err(`cannot read the ${what} ${path}: ${whyUnreadable(e)}`);
    return null;
  }
}

/** Reads a binary file; null after reporting (exit 2) when it cannot be read. */
export async function readBytesOrReport(path: string, what: string, io: CliIo): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    io.err(`cannot read the ${what} ${path}: ${whyUnreadable(e)}`);
    return null;
  }
}

function whyUnreadable(e: unknown): string {
  const code = (e as { code?: string }).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
}

/** A weights file read and parsed (safetensors by name or content, else our JSON), or the exit code. */
export async function readWeightsOrReport(path: string, io: CliIo): Promise<WeightsFile | number> {
  const bytes = await readBytesOrReport(path, 'weights file', io);
  if (bytes === null) return EXIT.usage;
  const parsed = parseWeightsBytes(path, bytes);
  if (!parsed.ok) {
    io.err(`${path}: ${parsed.message}`);
    return EXIT.invalid;
  }
  return parsed.weights;
}

/** Loads a weights file into the model; the exit code (0 when loaded). */
export async function loadWeightsInto(model: Model, path: string, io: CliIo): Promise<number> {
  const weights = await readWeightsOrReport(path, io);
  if (typeof weights === 'number') return weights;
  try {
    model.setWeights(weights);
  } catch (e) {
    io.err(`${path}: ${(e as Error).message}`);
    return EXIT.invalid;
  }
  return EXIT.ok;
}

/** The graph's dataset, or the uploaded file DATA, shaped for the model; or the exit code. */
export async function loadTrainingData(
  graph: Graph,
  model: Parameters<typeof inputSpecOf>[0],
  dataFile: string | undefined,
  io: CliIo,
): Promise<Dataset | number> {
  const spec = inputSpecOf(model);
  const training = graph.training!;
  try {
    if (dataFile !== undefined && isDirectory(dataFile)) {
      // an export-data folder: its rows and its validation split, as the PyTorch script reads them
      const big = ['train_x.npy', 'val_x.npy'].find((f) => sizeOf(join(dataFile, f)) > MAX_DATA_FILE_BYTES);
      if (big) {
        io.err(`${join(dataFile, big)} is larger than ${MAX_DATA_FILE_BYTES / 2 ** 20} MB, the data limit`);
        return EXIT.invalid;
      }
      const r = datasetFromExport((name) => readIfExists(join(dataFile, name)), spec);
      if (!r.ok) {
        io.err(`${dataFile}: ${r.message}`);
        return EXIT.invalid;
      }
      return r.dataset;
    }
    if (dataFile !== undefined) {
      const read = await readCappedText(dataFile, MAX_DATA_FILE_BYTES);
      if (!read.ok) {
        io.err(read.message);
        return read.tooLarge ? EXIT.invalid : EXIT.usage;
      }
      const text = read.text;
      const notJson = jsonDataProblem(dataFile, text);
      if (notJson) {
        io.err(notJson);
        return EXIT.invalid;
      }
      const kind = uploadKind(dataFile, spec);
      const r = datasetFromUpload(kind, text, spec, { name: basename(dataFile), seed: training.seed });
      if (!r.ok) {
        const where =
          r.error.line !== undefined ? `:${r.error.line}${r.error.column ? `:${r.error.column}` : ''}` : '';
        io.err(`${dataFile}${where}: ${r.error.message}`);
        return EXIT.invalid;
      }
      return r.dataset;
    }
    const options = { seed: training.seed, ...training.dataset.options };
    return await loadDataset({ id: training.dataset.id, options }, spec);
  } catch (e) {
    io.err(`data: ${(e as Error).message}`);
    return EXIT.invalid;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function readIfExists(path: string): Uint8Array | null {
  try {
    return new Uint8Array(readFileSync(path));
  } catch {
    return null;
  }
}

/**
 * What an uploaded file is, from its extension and the graph: a .csv feeding token ids (or one-hot
 * sequences) is text,label; a .csv feeding a feature vector is numeric; anything else is plain text.
 */
export function uploadKind(file: string, spec: InputSpec): UploadKind {
  if (extname(file).toLowerCase() !== '.csv') return 'text';
  return spec.dtype === 'int32' || spec.shape.length === 2 ? 'text-csv' : 'csv';
}
