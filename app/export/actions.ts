// The Export menu's actions: PyTorch and Keras code (engine/export, the same text as the CLI's
// `export`), the current weights as safetensors (the CLI's `train --save-weights X.safetensors`), the
// dataset as the CLI's `export-data` folder in one .tar, and Load weights into the current graph.
// A refused file never changes the graph or the weights, and says which tensor is wrong.
import { exportGraph } from '../../engine/index.ts';
import { importKerasText } from '../../engine/index.ts';
import { exportFileName, openGraphAction } from '../actions/files.ts';
import { showToast, useStudio } from '../store/store.ts';
import { apiWithModel, sourceFor, workerApi } from '../training/controller.ts';
import { downloadFile } from '../actions/download.ts';

/** "my-model" from the graph's name (the JSON export's file name without .json). */
function baseName(): string {
  return exportFileName(useStudio.getState().graph).replace(/\.json$/, '');
}

/** Downloads the graph as PyTorch or Keras source. */
export function exportCodeAction(target: 'pytorch' | 'keras'): void {
  const graph = useStudio.getState().graph;
  const r = exportGraph(graph, target);
  if (!r.ok) {
    const lines = r.problems.slice(0, 4).map((p) => `${p.nodeId ? `${p.nodeId}: ` : ''}${p.message}`);
    showToast(
      `Cannot export to ${target === 'pytorch' ? 'PyTorch' : 'Keras'}:\n${lines.join('\n')}`,
      'error',
    );
    return;
  }
  const name = `${baseName()}${target === 'keras' ? '_keras' : ''}.py`;
  downloadFile(name, r.code, 'text/x-python');
  showToast(
    target === 'pytorch'
      ? `Downloaded ${name}: python3 ${name} train --data DATA (see its --help)`
      : `Downloaded ${name} (needs TensorFlow 2)`,
  );
}

/** Downloads the model's current weights (trained, or the seeded initial ones) as .safetensors. */
export async function exportWeightsAction(): Promise<void> {
  const api = await apiWithModel();
  const bytes = api ? await api.weights() : null;
  if (!bytes) {
    showToast('Cannot export weights: the graph cannot be trained yet (see the Training tab).', 'error');
    return;
  }
  const name = `${baseName()}.safetensors`;
  downloadFile(name, bytes, 'application/octet-stream');
  // the script's name is the one the PyTorch download gets (exportCodeAction)
  showToast(`Downloaded ${name}: python3 ${baseName()}.py train --weights ${name} ..., or Load weights here`);
}

/** Downloads the graph's dataset (split and tokenized as here) as one .tar of an export-data folder. */
export async function exportDataAction(): Promise<void> {
  const graph = useStudio.getState().graph;
  const source = sourceFor(graph);
  if ('error' in source) {
    showToast(source.error, 'error');
    return;
  }
  const folder = `${baseName()}-data`;
  const r = await workerApi().exportData(graph, source, folder);
  if (!r.ok) {
    showToast(`Cannot export the dataset: ${r.message}`, 'error');
    return;
  }
  downloadFile(`${folder}.tar`, r.tar, 'application/x-tar');
  showToast(
    `Downloaded ${folder}.tar: python3 ${baseName()}.py train --data ${folder}.tar (or unpack it: tar xf)`,
  );
}

/** Loads a weights file (.safetensors or JSON) into the current graph's model. */
export async function loadWeightsAction(file: File): Promise<boolean> {
  const api = await apiWithModel();
  if (!api) {
    showToast(
      `Could not load ${file.name}: the graph cannot be trained yet. Your graph is unchanged.`,
      'error',
    );
    return false;
  }
  const r = await api.loadWeights(file.name, new Uint8Array(await file.arrayBuffer()));
  if (!r.ok) {
    showToast(`Could not load ${file.name}; the graph and its weights are unchanged.\n${r.message}`, 'error');
    return false;
  }
  showToast(`Loaded ${r.tensors} tensors from ${file.name}: Train continues from them, Try it uses them.`);
  return true;
}

/** Opens a Keras model config (model.to_json()) as the graph (one undo step); asks for the length
 *  of a variable-length input. A refused config leaves the graph as it is and names the layer. */
export async function importKerasAction(
  file: File,
  ask: (q: string, d: string) => string | null = (q, d) => window.prompt(q, d),
): Promise<boolean> {
  const text = await file.text();
  let r = importKerasText(text, { name: file.name.replace(/\.json$/i, '') });
  if (!r.ok && r.message.includes('variable sequence length')) {
    const answer = ask(
      'The Keras model reads sequences of any length; our Input needs one. Sequence length:',
      '200',
    );
    if (answer === null) return false;
    const T = Number(answer);
    if (!Number.isInteger(T) || T < 1) {
      showToast(
        `"${answer}" is not a sequence length (a whole number 1 or more). Your graph is unchanged.`,
        'error',
      );
      return false;
    }
    r = importKerasText(text, { name: file.name.replace(/\.json$/i, ''), sequenceLength: T });
  }
  if (!r.ok) {
    showToast(`Could not import ${file.name}; your graph is unchanged.\n${r.message}`, 'error');
    return false;
  }
  openGraphAction(r.graph, `Import Keras ${file.name}`, { tidy: true });
  const notes = r.notes.length ? `\n${r.notes.join('\n')}` : '';
  showToast(
    `Imported the Keras model ${file.name} (Undo returns to the previous graph). Pick a dataset in the inspector to train it.${notes}`,
  );
  return true;
}
