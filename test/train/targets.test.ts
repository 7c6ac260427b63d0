// Targets are checked against the loss before training; "auto" takes the loss the data implies.
// The field inputs (test/fixtures/field): a sigmoid output on labels 1/2 and ±1 trained with BCE to a
// negative loss and "100%" accuracy; an LSTM + sigmoid on the adding problem (a regression) likewise.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWorkerApi } from '../../app/worker/api.ts';
import { datasetFromUpload, loadDataset } from '../../engine/data/index.ts';
import type { Dataset } from '../../engine/data/types.ts';
import { compileModel } from '../../engine/model.ts';
import { TargetsError } from '../../engine/train/targets.ts';
import { createTrainer } from '../../engine/train/trainer.ts';
import { inputSpecOf } from '../../engine/train/spec.ts';
import { validateGraph } from '../../graph-schema/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import { cli } from '../cli/helpers.ts';

const FIELD = new URL('../fixtures/field/', import.meta.url);
const fieldFile = (name: string) => new URL(name, FIELD).pathname;
/** A field graph as the app and CLI hold it: validated, defaults filled in. */
function graphOf(name: string): Graph {
  const r = validateGraph(JSON.parse(readFileSync(fieldFile(name), 'utf8')));
  if (!r.ok) throw new Error(r.issues[0].message);
  return r.graph;
}

function upload(graph: Graph, csv: string): Dataset {
  const model = compileModel(graph);
  const r = datasetFromUpload('csv', readFileSync(fieldFile(csv), 'utf8'), inputSpecOf(model), { name: csv });
  if (!r.ok) throw new Error(r.error.message);
  return r.dataset;
}

function refusal(graph: Graph, data: Dataset): string {
  try {
    createTrainer(graph, data);
  } catch (e) {
    expect(e).toBeInstanceOf(TargetsError);
    return (e as Error).message;
  }
  throw new Error('training was not refused');
}

describe('targets against the loss', () => {
  it('labels 1/2 on a sigmoid output: refused, saying to relabel as 0/1 or predict numbers', () => {
    const g = graphOf('sigmoid-output.graph.json');
    expect(refusal(g, upload(g, 'labels-1-2.csv'))).toBe(
      "the sigmoid on 'out' only gives values from 0 to 1, but upload:labels-1-2.csv has targets from 1 to 2: relabel 1 as 0 and 2 as 1 for a yes/no classifier (binary cross-entropy), or use activation identity on 'out' to predict the numbers (a regression), or rescale the targets into [0, 1]",
    );
  });

  it('labels ±1: refused the same way', () => {
    const g = graphOf('sigmoid-output.graph.json');
    expect(refusal(g, upload(g, 'labels-plus-minus-1.csv'))).toMatch(/relabel -1 as 0 and 1 as 1/);
  });

  it('the adding problem (a regression) on a sigmoid output: refused, not trained with BCE', async () => {
    const g = graphOf('adding-with-sigmoid.graph.json');
    const model = compileModel(g);
    const data = await loadDataset(
      { id: 'builtin:adding', options: { n: 400, seed: 1 } },
      inputSpecOf(model),
    );
    expect(refusal(g, data)).toMatch(
      /^the sigmoid on 'out' only gives values from 0 to 1, but builtin:adding has targets from 0\.\d+ to 1\.\d+: use activation identity on 'out'/,
    );
  });

  it('auto takes MSE for a regression the sigmoid can reach, and says so', () => {
    const g = graphOf('sigmoid-output.graph.json');
    const rows = Array.from({ length: 40 }, (_, i) => `${(i % 7) / 7},${(i % 5) / 5},${((i % 9) + 1) / 10}`);
    const model = compileModel(g);
    const r = datasetFromUpload('csv', `a,b,y\n${rows.join('\n')}\n`, inputSpecOf(model), {
      name: 'soft.csv',
    });
    if (!r.ok) throw new Error(r.error.message);
    const t = createTrainer(g, r.dataset, { model });
    expect(t.model.loss).toBe('mse');
    expect(t.lossNote).toMatch(
      /^loss "auto": the data is a regression task, so mean squared error \(not binary cross-entropy/,
    );
    const s = t.step(5);
    expect(s.loss).toBeGreaterThan(0);
    expect(s.accuracy).toBeUndefined();
    // the original model object shares the weights the trainer updates (the CLI saves through it)
    expect(model.getWeights()).toEqual(t.model.getWeights());
  });

  it('an explicit binary_crossentropy on targets outside [0, 1] is refused', () => {
    const g = graphOf('sigmoid-output.graph.json');
    g.training!.loss = 'binary_crossentropy';
    expect(refusal(g, upload(g, 'labels-1-2.csv'))).toMatch(
      /^binary cross-entropy needs targets from 0 to 1 \(a probability\), but upload:labels-1-2.csv has targets from 1 to 2: relabel 1 as 0 and 2 as 1/,
    );
  });

  it('categorical cross-entropy needs whole class ids below the output width', () => {
    const g: Graph = JSON.parse(
      readFileSync(new URL('../../examples/mlp-spirals.json', import.meta.url), 'utf8'),
    );
    const model = compileModel(g);
    const k = model.outputShape[0];
    const data: Dataset = {
      id: 'upload:classes.csv',
      description: '',
      task: 'classification',
      x: { shape: [3, 2], data: new Float32Array(6) },
      y: { shape: [3], data: Float32Array.from([0, 1, k]) },
    };
    expect(refusal(g, data)).toBe(
      `categorical cross-entropy needs class ids 0 to ${k - 1} (the output 'probs' has ${k} classes), but target 3 of upload:classes.csv is ${k}: give 'probs''s layer at least ${k + 1} units (one per class), or relabel the classes 0 to ${k - 1}`,
    );
    data.y.data[2] = 0.5;
    expect(refusal(g, data)).toMatch(
      /target 3 of upload:classes.csv is 0.5: relabel the classes as whole numbers/,
    );
  });

  it('the CLI refuses with the message and exit 1, no stack trace', async () => {
    const r = await cli(
      'train',
      fieldFile('sigmoid-output.graph.json'),
      '--data',
      fieldFile('labels-1-2.csv'),
      '--epochs',
      '1',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/labels-1-2.csv: the sigmoid on 'out' only gives values from 0 to 1/);
    expect(r.stdout).toBe('');
  });

  it('the app worker returns the refusal as its load error', async () => {
    const g = graphOf('sigmoid-output.graph.json');
    const api = createWorkerApi();
    const r = await api.load(
      g,
      {
        kind: 'upload',
        uploadKind: 'csv',
        name: 'labels-1-2.csv',
        text: readFileSync(fieldFile('labels-1-2.csv'), 'utf8'),
      },
      () => {},
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/relabel 1 as 0 and 2 as 1/);
  });
});
