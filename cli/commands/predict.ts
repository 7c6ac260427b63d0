// `backprop-studio predict FILE --weights W --input IN`: IN is {"x": {"shape": [B, ...], "data": [...]}}
// (a batch); prints {"y": {"shape": [B, ...outputShape], "data": [...]}}, the model's output with its
// output activations applied: the same JSON as the exported PyTorch script's `predict`.
import { sizeOf } from '../../engine/index.ts';
import { predict } from '../../engine/index.ts';
import { inputSpecOf } from '../../engine/index.ts';
import { argsOrExit } from '../args.ts';
import { EXIT, type Command } from '../command.ts';
import { predictText } from './predict-text.ts';
import { compileOrReport, loadWeightsInto, readGraphOrReport, readTextOrReport } from './train-setup.ts';

/** The `predict` command. */
export const predictCommand: Command = {
  name: 'predict',
  summary: 'run the model on a batch of inputs and print its output (JSON)',
  usage: [
    'usage: backprop-studio predict FILE --weights W --input IN',
    '       backprop-studio predict FILE --weights W --text TEXT [--data DATA]',
    '',
    '  IN is a JSON file {"x": {"shape": [B, ...input shape], "data": [...]}} (row-major, token ids as',
    '  whole numbers); prints {"y": {"shape": [B, ...output shape], "data": [...]}}.',
    '  W is a weights file (train --save-weights): .safetensors or our JSON format.',
    "  --text reads typed text with the vocabulary of the graph's dataset (or DATA), as the app does:",
    '  a language model prints {"next": [{"token", "prob"}, ...]} (top 5), a text classifier',
    '  {"probs": [...]}; characters or words the model never saw are named on stderr and in "unknown".',
    '  Exit 1 for an invalid graph, weights or input.',
  ].join('\n'),
  async run(args, io) {
    const parsed = argsOrExit(
      this,
      args,
      {
        weights: { type: 'string' },
        input: { type: 'string' },
        text: { type: 'string' },
        data: { type: 'string' },
      },
      io,
      1,
    );
    if (typeof parsed === 'number') return parsed;
    const weights = parsed.values.weights;
    const input = parsed.values.input;
    const typed = parsed.values.text;
    if (typeof weights === 'string' && typeof typed === 'string' && input === undefined) {
      const file = parsed.positionals[0];
      const graph = await readGraphOrReport(file, io);
      if (typeof graph === 'number') return graph;
      const model = compileOrReport(graph, file, io);
      if (typeof model === 'number') return model;
      const code = await loadWeightsInto(model, weights, io);
      if (code !== EXIT.ok) return code;
      const data = parsed.values.data;
      return predictText(graph, model, typed, typeof data === 'string' ? data : undefined, io);
    }
    if (typeof weights !== 'string' || typeof input !== 'string') {
      io.err('predict needs --weights W and either --input IN or --text TEXT');
      io.err(this.usage.split('\n')[0]);
      return EXIT.usage;
    }
    const file = parsed.positionals[0];
    const graph = await readGraphOrReport(file, io);
    if (typeof graph === 'number') return graph;
    const model = compileOrReport(graph, file, io);
    if (typeof model === 'number') return model;
    const code = await loadWeightsInto(model, weights, io);
    if (code !== EXIT.ok) return code;
    const text = await readTextOrReport(input, 'input file', io);
    if (text === null) return EXIT.usage;
    const spec = inputSpecOf(model);
    const x = parseInput(
      text,
      model.inputShape,
      spec.dtype === 'int32' ? (spec.vocabSize ?? null) : undefined,
    );
    if (typeof x === 'string') {
      io.err(`${input}: ${x}`);
      return EXIT.invalid;
    }
    const y = predict(model, { shape: x.shape, data: Float32Array.from(x.data) });
    io.out(JSON.stringify({ y: { shape: y.shape, data: Array.from(y.data) } }));
    return EXIT.ok;
  },
};

/**
 * Checks {"x": {"shape", "data"}} against the model's input [B, ...inputShape]; token ids (ids !==
 * undefined) must be whole numbers below the vocabulary size. Returns the batch or a message.
 */
export function parseInput(
  text: string,
  inputShape: number[],
  ids?: number | null,
): { shape: number[]; data: number[] } | string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `not valid JSON (${(e as Error).message})`;
  }
  const x = (doc as { x?: { shape?: unknown; data?: unknown } } | null)?.x;
  if (!x || !Array.isArray(x.shape) || !Array.isArray(x.data)) {
    return 'the input must be {"x": {"shape": [...], "data": [...]}}';
  }
  const shape = x.shape as unknown[];
  const want = `[B, ${inputShape.join(', ')}]`;
  const okShape =
    shape.length === inputShape.length + 1 &&
    shape.every((d) => Number.isInteger(d) && (d as number) >= 1) &&
    inputShape.every((d, i) => shape[i + 1] === d);
  if (!okShape) return `x has shape ${JSON.stringify(shape)} but the model takes ${want}`;
  const data = x.data as unknown[];
  const n = sizeOf(shape as number[]);
  if (data.length !== n)
    return `x has shape ${JSON.stringify(shape)}, which needs ${n} values, but data has ${data.length}`;
  const bad = data.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) return `x.data[${bad}] is not a finite number`;
  if (ids !== undefined) {
    const limit = ids ?? Number.POSITIVE_INFINITY;
    const badId = (data as number[]).findIndex((v) => !Number.isInteger(v) || v < 0 || v >= limit);
    if (badId >= 0) {
      return `x.data[${badId}] = ${data[badId]} is not a token id: ids are whole numbers from 0 to ${limit - 1}`;
    }
  }
  return { shape: shape as number[], data: data as number[] };
}
