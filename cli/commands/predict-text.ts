// `predict FILE --weights W --text TEXT [--data DATA]`: typed text through the model, read with the
// vocabulary of the graph's dataset (or DATA) exactly as the app's "Try it" reads it. A language
// model prints its top-5 next tokens, a text classifier its class probabilities; characters or
// words the model never saw are reported on stderr (and under "unknown"), with what it does instead.
import { classifyText, type Dataset, type Model, outOfVocabulary, topKNext } from '../../engine/index.ts';
import { EXIT, type CliIo } from '../command.ts';
import { loadTrainingData } from './train-setup.ts';
import type { Graph } from '../../graph-schema/schema.ts';

/** Prints the model's answer for typed text; returns the exit code. */
export async function predictText(
  graph: Graph,
  model: Model,
  text: string,
  dataFile: string | undefined,
  io: CliIo,
): Promise<number> {
  const data = await loadTrainingData(graph, model, dataFile, io);
  if (typeof data === 'number') return data;
  if (!data.vocab || !data.tokenizer) {
    io.err(`${data.id} is not text, so --text has nothing to read it with: use --input with a tensor`);
    return EXIT.usage;
  }
  const oov = outOfVocabulary(data, text);
  if (oov) io.err(`note: ${oov.message}`);
  const unknown = oov ? { unknown: oov.unknown } : {};
  try {
    if (data.task === 'language-model') {
      io.out(JSON.stringify({ next: topKNext(model, data, text, 5), ...unknown }));
    } else {
      io.out(JSON.stringify({ probs: classifyText(model, data as Dataset, text), ...unknown }));
    }
  } catch (e) {
    io.err(`--text: ${(e as Error).message}`);
    return EXIT.invalid;
  }
  return EXIT.ok;
}
