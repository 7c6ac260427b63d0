// Edits of the design made on the canvas and in the inspector: add a node (palette), connect, move an
// edge's end, remove an edge, move nodes (drag, arrow keys), set a param, rename, the graph's name and
// training settings, auto-layout. Each is pure: perform() returns the next graph and its undo policy.
import type { Graph, GraphNode, NodeType } from '../../../graph-schema/schema.ts';
import {
  addNode,
  connect,
  moveNodes,
  reconnect,
  removeItems,
  renameNode,
  setParam,
  type XY,
} from '../../model/graphOps.ts';
import { TEACHER_LABEL } from '../../challenge/locks.ts';
import { autoLayout, DEFAULT_NODE_SIZE } from '../../model/layout.ts';
import { useMeasured } from '../../store/measure.ts';
import type { StudioState } from '../../store/store.ts';
import { type ActionResult, actionGroup } from '../types.ts';

/** A refused edit: nothing changes, the reason shows as an error toast. */
const refused = (label: string, reason: string): ActionResult => ({
  label,
  undo: 'none',
  toast: { text: reason, kind: 'error' },
});

export const CANVAS_ACTIONS = actionGroup('canvas', {
  addNode: {
    label: 'Add layer',
    hint: 'Add a layer from the palette; without a drop point it goes after the one selected node, wired to it',
    keys: [],
    perform: (s, a: { type: NodeType; at?: XY; centre?: XY }) => addNodeResult(s, a),
  },
  connect: {
    label: 'Connect',
    hint: "Drag from a node's right handle to another's left handle",
    keys: [],
    perform: (s, a: { source: string; target: string }) => {
      const label = `Connect ${a.source} -> ${a.target}`;
      const r = connect(s.graph, a.source, a.target);
      return r.ok ? { label, undo: 'record', graph: r.graph } : refused(label, r.reason);
    },
  },
  reconnect: {
    label: 'Reconnect',
    hint: "Drag an edge's end to another handle",
    keys: [],
    perform: (s, a: { edgeId: string; source: string; target: string }) => {
      const label = `Reconnect ${a.edgeId}`;
      const r = reconnect(s.graph, a.edgeId, a.source, a.target);
      return r.ok ? { label, undo: 'record', graph: r.graph } : refused(label, r.reason);
    },
  },
  removeEdge: {
    label: 'Remove connection',
    hint: "Drop an edge's end on empty canvas",
    keys: [],
    perform: (s, edgeId: string) => ({
      label: `Remove ${edgeId}`,
      undo: 'record',
      graph: removeItems(s.graph, [], [edgeId]),
      toast: { text: `Removed connection ${edgeId} (Ctrl+Z brings it back).` },
    }),
  },
  move: {
    label: 'Move',
    hint: 'Drag nodes (one undo step per drag), or nudge a focused node with the arrow keys (one step each)',
    keys: [],
    // The frames of one drag share its gesture number and coalesce into one step.
    perform: (s, a: { positions: Record<string, XY>; drag?: number | null }) => ({
      label: 'Move',
      undo: a.drag != null ? 'coalesce' : 'record',
      coalesceKey: a.drag != null ? `drag#${a.drag}` : undefined,
      graph: moveNodes(s.graph, a.positions),
    }),
  },
  setParam: {
    label: 'Set param',
    hint: "Edit a layer's param in the inspector",
    keys: [],
    // Setting the same field again right away (7, then 70) is one undo step, like typing in one field.
    perform: (s, a: { nodeId: string; key: string; value: unknown }) => ({
      label: `Set ${a.nodeId}.${a.key}`,
      undo: 'coalesce',
      coalesceKey: `param:${a.nodeId}.${a.key}`,
      graph: setParam(s.graph, a.nodeId, a.key, a.value),
    }),
  },
  renameNode: {
    label: 'Rename node',
    hint: "Change a node's id in the inspector",
    keys: [],
    perform: (s, a: { from: string; to: string }) => {
      const label = `Rename ${a.from} -> ${a.to}`;
      const r = renameNode(s.graph, a.from, a.to);
      return r.ok
        ? { label, undo: 'record', graph: r.graph, selection: { nodes: [a.to], edges: [] } }
        : refused(label, r.reason);
    },
  },
  setGraphName: {
    label: 'Rename graph',
    hint: "The graph's name (also the export file name)",
    keys: [],
    perform: (s, name: string) => ({ label: 'Rename graph', undo: 'record', graph: { ...s.graph, name } }),
  },
  setTraining: {
    label: 'Training settings',
    hint: 'Dataset, loss, optimizer and schedule in the inspector',
    keys: [],
    perform: (s, a: { label: string; training: NonNullable<Graph['training']> }) => ({
      label: a.label,
      undo: 'record',
      graph: { ...s.graph, training: a.training },
    }),
  },
  editJson: {
    label: 'Edit JSON',
    hint: 'The graph as typed in the JSON tab (applied once the text is a valid graph)',
    keys: [],
    perform: (_s, graph: Graph) => ({ label: 'Edit JSON', undo: 'record', graph }),
  },
  setChallenge: {
    label: 'Challenge',
    hint: "Teacher: set or remove the graph's challenge (hidden controls, locks, goal)",
    keys: [],
    // The label starts with TEACHER_LABEL: the challenge's own locks let the teacher's edits through.
    perform: (s, challenge: NonNullable<Graph['challenge']> | null) => {
      if (challenge) {
        const graph = { ...s.graph, challenge };
        return { label: `${TEACHER_LABEL}set "${challenge.title}"`, undo: 'record', graph };
      }
      const { challenge: _dropped, ...rest } = s.graph;
      return { label: `${TEACHER_LABEL}remove`, undo: 'record', graph: rest };
    },
  },
  layout: {
    label: 'Auto-layout',
    hint: 'Arrange the nodes left to right',
    keys: [{ key: 'l', shift: true }],
    perform: (s) =>
      s.graph.nodes.length === 0
        ? undefined
        : {
            label: 'Auto-layout',
            undo: 'record',
            // card sizes as the canvas measured them (a store of its own, read only)
            graph: moveNodes(s.graph, autoLayout(s.graph, useMeasured.getState().sizes)),
          },
  },
});

// Add: at the drop point; else right of the one selected node and wired to it when allowed (a chain
// built from the keyboard); else at the view's centre, nudged so repeated adds do not stack exactly.
function addNodeResult(s: StudioState, a: { type: NodeType; at?: XY; centre?: XY }): ActionResult {
  const sel = s.selection.nodes;
  const anchor = a.at || sel.length !== 1 ? undefined : s.graph.nodes.find((n) => n.id === sel[0]);
  const at = a.at ?? (anchor ? besideOf(s.graph, anchor) : offsetCentre(s.graph, a.centre));
  const added = addNode(s.graph, a.type, at);
  const selection = { nodes: [added.id], edges: [] };
  const wired = anchor ? connect(added.graph, anchor.id, added.id) : null;
  return wired?.ok
    ? { label: `Add ${a.type} after ${anchor!.id}`, undo: 'record', graph: wired.graph, selection }
    : { label: `Add ${a.type}`, undo: 'record', graph: added.graph, selection };
}

// Right of the anchor, moved down past any card already there.
function besideOf(graph: Graph, anchor: GraphNode): XY {
  const p = anchor.position ?? { x: 0, y: 0 };
  const spot = { x: p.x + DEFAULT_NODE_SIZE.width + 80, y: p.y };
  while (
    graph.nodes.some(
      (n) => Math.abs((n.position?.x ?? 0) - spot.x) < 200 && Math.abs((n.position?.y ?? 0) - spot.y) < 100,
    )
  ) {
    spot.y += 140;
  }
  return spot;
}

function offsetCentre(graph: Graph, c: XY = { x: 0, y: 0 }): XY {
  const n = graph.nodes.length % 6;
  return { x: c.x - 110 + n * 24, y: c.y - 50 + n * 24 };
}
