// Monaco, the lean way: the editor core, a dozen editing features and the JSON language only, served
// from node_modules (no CDN). Only JsonEditor.tsx imports this file, and only through a dynamic import,
// so none of it is in the first page's bundle.
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
// The suggest widget itself (the feature entry above only brings inline completions).
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { GRAPH_SCHEMA_ID, graphJsonSchema } from '../../graph-schema/index.ts';

/** The model URI the schema is bound to. */
export const GRAPH_MODEL_URI = 'inmemory://backprop-studio/graph.json';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker: (id: string, label: string) => Worker };
  }
}

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

// The format's JSON Schema drives markers (wrong types, unknown node types, out-of-range values) and
// completion (node types, param names, enum values) for the graph model only.
jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  enableSchemaRequest: false,
  schemas: [{ uri: GRAPH_SCHEMA_ID, fileMatch: [GRAPH_MODEL_URI], schema: graphJsonSchema() }],
});

export { monaco };
