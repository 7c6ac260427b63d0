// File commands: new, examples, import (picker, or a file dropped or picked), the JSON export, share,
// and the PyTorch · Keras menu (code, weights, dataset downloads; load weights; import a Keras model).
import {
  exportCodeAction,
  exportDataAction,
  exportWeightsAction,
  importKerasAction,
  loadWeightsAction,
} from '../../export/actions.ts';
import { actionGroup, effectOnly } from '../types.ts';
import type { Graph } from '../../../graph-schema/schema.ts';
import { useAutosave } from '../../store/autosaveStore.ts';
import { keepMine, refusedDownloadText, takeTheirs } from '../../store/session.ts';
import { hasUnsavedWork, showToast } from '../../store/store.ts';
import { downloadFile } from '../download.ts';
import {
  exportAction,
  importFileAction,
  newGraphAction,
  openGraphAction,
  openShareLinkAction,
  shareAction,
} from '../files.ts';

const pick = (inputId: string) => () => document.getElementById(inputId)?.click();

export const FILE_ACTIONS = actionGroup('file', {
  new: {
    label: 'New',
    hint: 'Start an empty graph',
    keys: [],
    perform: () => effectOnly('New', () => newGraphAction()),
  },
  examples: {
    label: 'Examples',
    hint: 'Open an example graph',
    keys: [],
    perform: () => ({ label: 'Examples', undo: 'none', patch: { dialog: 'examples' } }),
  },
  openExample: {
    label: 'Open example',
    hint: 'Open an example from the gallery (asks first when there is unsaved work; Undo returns)',
    keys: [],
    perform: (_s, ex: { title: string; graph: Graph }) =>
      effectOnly(`Open example ${ex.title}`, () => {
        const q = `Open "${ex.title}" instead of your graph? (Undo brings it back.)`;
        if (hasUnsavedWork() && !window.confirm(q)) return;
        openGraphAction(ex.graph, `Open example ${ex.title}`, { tidy: true });
      }),
  },
  openShareLink: {
    label: 'Open share link',
    hint: 'A #g=… link opened in this tab (one undo step; a damaged link changes nothing and says why)',
    keys: [],
    perform: (_s, hash: string) => effectOnly('Open share link', () => void openShareLinkAction(hash)),
  },
  reopenRecent: {
    label: 'Reopen',
    hint: 'Reopen a graph replaced by a link, an import, an example or New (Recent; Undo returns)',
    keys: [],
    perform: (_s, r: { name: string; graph: Graph }) =>
      effectOnly(`Reopen ${r.name}`, () => {
        useAutosave.setState({ recentOpen: false });
        openGraphAction(r.graph, `Reopen ${r.name}`);
        showToast(`Reopened "${r.name}" (Undo returns to the graph you had).`);
      }),
  },
  autosaveTakeTheirs: {
    label: 'Open the other tab’s graph',
    hint: 'Autosave conflict: open the graph the other tab saved (this one stays one Undo away and in Recent)',
    keys: [],
    perform: () => effectOnly('Open the other tab’s graph', () => takeTheirs(window.localStorage)),
  },
  autosaveKeepMine: {
    label: 'Keep this tab’s graph',
    hint: 'Autosave conflict: keep this tab’s graph and save it over the other tab’s',
    keys: [],
    perform: () => effectOnly('Keep this tab’s graph', () => keepMine(window.localStorage)),
  },
  autosaveDownload: {
    label: 'Download the saved copy',
    hint: 'A saved graph that could not be opened: download it as a file (autosave resumes)',
    keys: [],
    perform: () =>
      effectOnly('Download the saved copy', () => {
        const problem = useAutosave.getState().problem;
        if (problem?.kind !== 'refused') return;
        downloadFile(
          'backprop-studio-saved-graph.json',
          refusedDownloadText(problem.text),
          'application/json',
        );
        useAutosave.setState({ paused: false });
      }),
  },
  import: {
    label: 'Import',
    hint: 'Open a graph .json file (or drop it on the canvas)',
    keys: [{ key: 'o', mod: true }],
    perform: () => effectOnly('Import', pick('import-file-input')),
  },
  openFile: {
    label: 'Open file',
    hint: 'Open a picked or dropped graph file (one undo step; a refused file changes nothing)',
    keys: [],
    perform: (_s, file: File) => effectOnly(`Import ${file.name}`, () => importFileAction(file)),
  },
  export: {
    label: 'Export',
    hint: 'Download the graph as JSON',
    keys: [{ key: 's', mod: true }],
    perform: () => effectOnly('Export', exportAction),
  },
  share: {
    label: 'Share',
    hint: 'Copy a link that carries this graph',
    keys: [],
    perform: () => effectOnly('Share', shareAction),
  },
  exportPytorch: {
    label: 'PyTorch code (.py)',
    hint: 'A PyTorch script: the model, its training setup, DataLoader, GPU, torchrun',
    keys: [],
    perform: () => effectOnly('Export PyTorch', () => exportCodeAction('pytorch')),
  },
  exportKeras: {
    label: 'Keras code (.py)',
    hint: 'A tf.keras functional model with the same layers and training setup',
    keys: [],
    perform: () => effectOnly('Export Keras', () => exportCodeAction('keras')),
  },
  exportWeights: {
    label: 'Weights (.safetensors)',
    hint: 'The current weights (trained, or the initial ones) for the script, the CLI or later',
    keys: [],
    perform: () => effectOnly('Export weights', exportWeightsAction),
  },
  exportData: {
    label: 'Dataset (.tar)',
    hint: "The graph's data, split and tokenized as here, for the PyTorch script's --data",
    keys: [],
    perform: () => effectOnly('Export dataset', exportDataAction),
  },
  loadWeights: {
    label: 'Load weights…',
    hint: 'Weights (.safetensors or .json) for this graph, e.g. trained by the PyTorch script',
    keys: [],
    perform: () => effectOnly('Load weights', pick('load-weights-input')),
  },
  loadWeightsFile: {
    label: 'Load weights file',
    hint: 'Load a picked weights file into the current model (a refused file changes nothing)',
    keys: [],
    perform: (_s, file: File) => effectOnly(`Load weights ${file.name}`, () => loadWeightsAction(file)),
  },
  importKeras: {
    label: 'Import Keras model…',
    hint: 'A Keras model config (model.to_json()) becomes this graph (Undo returns)',
    keys: [],
    perform: () => effectOnly('Import Keras', pick('import-keras-input')),
  },
  importKerasFile: {
    label: 'Import Keras file',
    hint: 'Open a picked Keras model config as the graph (one undo step)',
    keys: [],
    perform: (_s, file: File) => effectOnly(`Import Keras ${file.name}`, () => importKerasAction(file)),
  },
});
