// Selection commands: copy, paste, delete, select all. All pure: the clipboard and its paste offset are
// store state, so perform() alone changes nothing.
import { copyNodes, pasteClip, removeItems } from '../../model/graphOps.ts';
import type { Selection } from '../../store/history.ts';
import { actionGroup } from '../types.ts';

export const SELECTION_ACTIONS = actionGroup('edit', {
  copy: {
    label: 'Copy',
    hint: 'Copy the selected nodes',
    keys: [{ key: 'c', mod: true }],
    perform: (s) => {
      if (s.selection.nodes.length === 0) return undefined;
      const clip = copyNodes(s.graph, s.selection.nodes);
      const n = clip.nodes.length;
      return {
        label: 'Copy',
        undo: 'none',
        patch: { clipboard: { clip, pastes: 0 } },
        toast: { text: `Copied ${n} node${n === 1 ? '' : 's'}` },
      };
    },
  },
  paste: {
    label: 'Paste',
    hint: 'Paste copied nodes (each paste 40 px further)',
    keys: [{ key: 'v', mod: true }],
    perform: (s) => {
      const clipboard = s.clipboard;
      if (!clipboard || clipboard.clip.nodes.length === 0) return undefined;
      const n = clipboard.pastes + 1;
      const r = pasteClip(s.graph, clipboard.clip, { x: 40 * n, y: 40 * n });
      return {
        label: 'Paste',
        undo: 'record',
        graph: r.graph,
        selection: { nodes: r.ids, edges: [] },
        patch: { clipboard: { ...clipboard, pastes: n } },
      };
    },
  },
  delete: {
    label: 'Delete',
    hint: 'Delete the selection',
    keys: [{ key: 'Delete' }, { key: 'Backspace' }],
    perform: ({ graph, selection }) => {
      if (selection.nodes.length === 0 && selection.edges.length === 0) return undefined;
      const next = removeItems(graph, selection.nodes, selection.edges);
      return { label: 'Delete', undo: 'record', graph: next, selection: { nodes: [], edges: [] } };
    },
  },
  select: {
    label: 'Select',
    hint: 'Click a node or edge (Shift/Ctrl+click adds), or a problem in the Summary tab',
    keys: [],
    perform: (_s, selection: Selection) => ({ label: 'Select', undo: 'none', selection }),
  },
  selectAll: {
    label: 'Select all',
    hint: 'Select every node and edge',
    keys: [{ key: 'a', mod: true }],
    perform: (s) => ({
      label: 'Select all',
      undo: 'none',
      selection: { nodes: s.graph.nodes.map((n) => n.id), edges: s.graph.edges.map((e) => e.id) },
    }),
  },
});
