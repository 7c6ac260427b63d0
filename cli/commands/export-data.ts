// `backprop-studio export-data FILE -o DIR [--data DATA] [--force]`: the graph's dataset (built-in,
// or the uploaded DATA) with the app's split, shuffling and tokenization, as files the exported
// PyTorch script reads (`python3 model.py train --data DIR`): .npy tensors, vocabulary, JSONL, README.
import { datasetFiles } from '../../engine/index.ts';
import { inputSpecOf } from '../../engine/index.ts';
import { argsOrExit } from '../args.ts';
import { EXIT, type Command } from '../command.ts';
import { writeOutputFiles } from '../output.ts';
import { compileOrReport, loadTrainingData, readGraphOrReport } from './train-setup.ts';

/** The `export-data` command. */
export const exportDataCommand: Command = {
  name: 'export-data',
  summary: "write the graph's dataset (split and tokenized as the app does) for the exported script",
  usage: [
    'usage: backprop-studio export-data FILE -o DIR [--data DATA] [--force]',
    '',
    "  Writes FILE's training.dataset (or DATA: a CSV or text file, read as `train --data` does)",
    '  into DIR: train_x.npy, train_y.npy, val_x.npy, val_y.npy (the same validation split and',
    '  seed as the app), manifest.json, README.md and, for text, vocab.json and train/val.jsonl.',
    '  Then: python3 model.py train --data DIR   (model.py from `export --to pytorch`).',
    '  --force replaces files already in DIR. Exit 1 for an invalid graph or data, 2 for usage.',
  ].join('\n'),
  async run(args, io) {
    const spec = {
      out: { type: 'string' as const, short: 'o' },
      data: { type: 'string' as const },
      force: { type: 'boolean' as const },
    };
    const parsed = argsOrExit(this, args, spec, io, 1);
    if (typeof parsed === 'number') return parsed;
    const dir = parsed.values.out;
    if (typeof dir !== 'string') {
      io.err('export-data needs -o DIR (the folder to write the dataset into)');
      return EXIT.usage;
    }
    const file = parsed.positionals[0];
    const graph = await readGraphOrReport(file, io);
    if (typeof graph === 'number') return graph;
    const model = compileOrReport(graph, file, io);
    if (typeof model === 'number') return model;
    const dataFile = parsed.values.data as string | undefined;
    const dataset = await loadTrainingData(graph, model, dataFile, io);
    if (typeof dataset === 'number') return dataset;
    const training = graph.training!;
    const stride = training.dataset.options?.stride;
    const files = datasetFiles(dataset, training, {
      xDtype: inputSpecOf(model).dtype,
      stride: typeof stride === 'number' ? stride : undefined,
      graphName: graph.name,
    });
    if (!(await writeOutputFiles(dir, files, io, { force: parsed.values.force === true }))) return EXIT.usage;
    const n = dataset.x.shape[0];
    io.out(`wrote ${dataset.id} (${n} rows) to ${dir}: ${files.map((f) => f.name).join(', ')}`);
    return EXIT.ok;
  },
};
