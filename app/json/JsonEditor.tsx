// The JSON tab's editor: Monaco over the graph text. Typing that parses and validates as a graph updates
// the store (debounced, one undo step per pause); anything else lists its problems and leaves the canvas.
import { useEffect, useRef, useState } from 'react';
import type { GraphIssue } from '../../graph-schema/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import { acceptGraphText } from '../model/accept.ts';
import { runAction } from '../actions/registry.ts';
import { useStudio } from '../store/store.ts';
import { formatGraphJson } from './format.ts';
import { GRAPH_MODEL_URI, monaco } from './monaco.ts';

/** Pause after the last keystroke before the text is applied (ms). */
export const APPLY_DELAY_MS = 350;

/** The Monaco editor bound to the graph (default export for React.lazy). */
export default function JsonEditor() {
  const host = useRef<HTMLDivElement>(null);
  const [issues, setIssues] = useState<GraphIssue[]>([]);
  const theme = useStudio((s) => s.theme);

  useEffect(() => {
    if (!host.current) return;
    const uri = monaco.Uri.parse(GRAPH_MODEL_URI);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(formatGraphJson(useStudio.getState().graph), 'json', uri);
    const editor = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      fontSize: 15,
      lineHeight: 22,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      tabSize: 2,
      wordWrap: 'on',
      wrappingIndent: 'deepIndent',
      fixedOverflowWidgets: true,
    });
    // The graph the editor itself last applied: store updates equal to it need no reload of the text.
    let applied: Graph | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = model.onDidChangeContent((e) => {
      if (e.isFlush) return; // setValue from the store, not the user
      clearTimeout(timer);
      timer = setTimeout(() => {
        const r = acceptGraphText(model.getValue());
        if (!r.ok) return setIssues(r.issues);
        setIssues([]);
        applied = r.graph;
        runAction('editJson', r.graph);
      }, APPLY_DELAY_MS);
    });
    const unsub = useStudio.subscribe((s, prev) => {
      if (s.graph === prev.graph || s.graph === applied) return;
      clearTimeout(timer);
      setIssues([]);
      const text = formatGraphJson(s.graph);
      if (text !== model.getValue()) model.setValue(text);
    });
    return () => {
      clearTimeout(timer);
      unsub();
      sub.dispose();
      editor.dispose();
      model.dispose();
    };
  }, []);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  return (
    <div className="json-tab">
      <div className="json-editor" ref={host} data-testid="json-editor" />
      <div
        className={`json-status${issues.length > 0 ? ' bad' : ''}`}
        data-testid="json-status"
        role="status"
      >
        {issues.length === 0
          ? 'Valid graph: edits apply to the canvas as you type.'
          : `Not applied (the canvas keeps the last valid graph): ${issues.length} problem${issues.length === 1 ? '' : 's'}`}
        {issues.length > 0 && (
          <ul data-testid="json-errors">
            {issues.slice(0, 6).map((i) => (
              <li key={`${i.path}:${i.message}`}>
                {i.path ? <code>{i.path}</code> : null} {i.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
