// The React Flow canvas: a controlled view of the graph store. Nodes and edges are derived (memoized)
// from the graph; every change React Flow reports becomes a named action (move, select, connect).
import {
  Background,
  BackgroundVariant,
  type Connection,
  Controls,
  type EdgeChange,
  type FinalConnectionState,
  MiniMap,
  type NodeChange,
  ReactFlow,
  type ReactFlowInstance,
} from '@xyflow/react';
import { type DragEvent, useCallback, useMemo, useRef } from 'react';
import type { NodeType } from '../../graph-schema/schema.ts';
import {
  addNodeAction,
  beginMoveAction,
  connectAction,
  moveAction,
  reconnectAction,
  removeEdgeAction,
} from '../actions/edit.ts';
import { importFileAction } from '../actions/files.ts';
import { analysisOf } from '../model/analysis.ts';
import { connectionProblem, reconnect, type XY } from '../model/graphOps.ts';
import { PALETTE_TYPES } from '../model/paramSpecs.ts';
import type { Selection } from '../store/history.ts';
import { recordSizes, type Size, useMeasured } from '../store/measure.ts';
import { select, showToast, useStudio } from '../store/store.ts';
import { fitView, registerFlow, toFlow } from './bridge.ts';
import { deriveEdges, deriveNodes, type LayerFlowNode, type ShapeFlowEdge } from './derive.ts';
import { LayerNode } from './LayerNode.tsx';
import { ShapeEdge } from './ShapeEdge.tsx';

/** MIME type the palette puts on its drag data. */
export const PALETTE_MIME = 'application/x-backprop-node';

// Module scope: React Flow warns (and re-mounts every node) when these objects change identity.
const nodeTypes = { layer: LayerNode };
const edgeTypes = { shape: ShapeEdge };
const SNAP: [number, number] = [20, 20];
const PRO = { hideAttribution: true };

/** The canvas (centre of the layout). */
export function Canvas() {
  const graph = useStudio((s) => s.graph);
  const selection = useStudio((s) => s.selection);
  const theme = useStudio((s) => s.theme);
  const sizes = useMeasured((s) => s.sizes);
  const analysis = analysisOf(graph);
  const prevNodes = useRef(new Map<string, LayerFlowNode>());
  const nodes = useMemo(() => {
    const out = deriveNodes(graph, analysis, selection, sizes, prevNodes.current);
    prevNodes.current = new Map(out.map((n) => [n.id, n]));
    return out;
  }, [graph, analysis, selection, sizes]);
  const edges = useMemo(() => deriveEdges(graph, analysis, selection), [graph, analysis, selection]);
  const wrapper = useRef<HTMLDivElement>(null);

  const onInit = useCallback((rf: ReactFlowInstance<LayerFlowNode, ShapeFlowEdge>) => {
    registerFlow(rf as unknown as ReactFlowInstance, wrapper.current);
    const vp = useStudio.getState().viewport;
    if (vp) void rf.setViewport(vp);
    else requestAnimationFrame(fitView);
  }, []);

  return (
    <div className="canvas" ref={wrapper} data-testid="canvas">
      <ReactFlow<LayerFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onReconnect={onReconnect}
        onReconnectStart={onReconnectStart}
        onReconnectEnd={onReconnectEnd}
        reconnectRadius={14}
        onNodeDragStart={beginMoveAction}
        onMoveEnd={(_, viewport) => useStudio.setState({ viewport })}
        onInit={onInit}
        onDragOver={onDragOver}
        onDrop={onDrop}
        colorMode={theme}
        snapToGrid
        snapGrid={SNAP}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        minZoom={0.2}
        maxZoom={2.5}
        proOptions={PRO}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.5} />
        {graph.nodes.length > 0 && <MiniMap pannable zoomable className="minimap" />}
        <Controls showInteractive={false} />
      </ReactFlow>
      {graph.nodes.length === 0 && <EmptyHint />}
    </div>
  );
}

function EmptyHint() {
  return (
    <div className="empty-hint" data-testid="empty-hint">
      <p>Drag a layer from the palette onto the canvas,</p>
      <p>or focus one and press Enter. Start with an Input.</p>
    </div>
  );
}

function onNodesChange(changes: NodeChange<LayerFlowNode>[]): void {
  const positions: Record<string, XY> = {};
  const sizes: Record<string, Size> = {};
  let moved = false;
  let selection: Selection | null = null;
  for (const c of changes) {
    if (c.type === 'position' && c.position) {
      positions[c.id] = c.position;
      moved = true;
    } else if (c.type === 'dimensions' && c.dimensions) {
      sizes[c.id] = c.dimensions;
    } else if (c.type === 'select') {
      selection = toggle(selection ?? useStudio.getState().selection, 'nodes', c.id, c.selected);
    }
  }
  if (Object.keys(sizes).length > 0) recordSizes(sizes);
  if (moved) moveAction(positions);
  if (selection) select(selection);
}

function onEdgesChange(changes: EdgeChange<ShapeFlowEdge>[]): void {
  let selection: Selection | null = null;
  for (const c of changes) {
    if (c.type === 'select')
      selection = toggle(selection ?? useStudio.getState().selection, 'edges', c.id, c.selected);
  }
  if (selection) select(selection);
}

function toggle(sel: Selection, kind: 'nodes' | 'edges', id: string, on: boolean): Selection {
  const has = sel[kind].includes(id);
  if (on === has) return sel;
  return { ...sel, [kind]: on ? [...sel[kind], id] : sel[kind].filter((x) => x !== id) };
}

function onConnect(c: Connection): void {
  connectAction(c.source, c.target);
}

// While dragging a wire, a target that would be refused does not light up as valid...
function isValidConnection(c: Connection | ShapeFlowEdge): boolean {
  const graph = useStudio.getState().graph;
  if (movingEdge) return reconnect(graph, movingEdge, c.source, c.target).ok;
  return connectionProblem(graph, c.source, c.target) === null;
}

// The edge whose end is being dragged (React Flow's reconnect gesture), if any.
let movingEdge: string | null = null;
let reconnected = false;

function onReconnectStart(_: unknown, edge: ShapeFlowEdge): void {
  movingEdge = edge.id;
  reconnected = false;
}

function onReconnect(old: ShapeFlowEdge, c: Connection): void {
  reconnected = true;
  reconnectAction(old.id, c.source, c.target);
}

// An edge end let go over nothing removes the edge (the habit of node editors); over a refused
// handle it says why.
function onReconnectEnd(
  _: MouseEvent | TouchEvent,
  edge: ShapeFlowEdge,
  __: unknown,
  state: FinalConnectionState,
): void {
  const id = movingEdge;
  movingEdge = null;
  if (reconnected || id !== edge.id) return;
  if (!state.toNode) {
    removeEdgeAction(edge.id);
    return;
  }
  if (!state.isValid && state.fromHandle && state.toHandle && state.fromHandle.type !== state.toHandle.type) {
    const fromSource = state.fromHandle.type === 'source';
    const source = fromSource ? state.fromNode!.id : state.toNode.id;
    const target = fromSource ? state.toNode.id : state.fromNode!.id;
    const r = reconnect(useStudio.getState().graph, edge.id, source, target);
    if (!r.ok) showToast(r.reason, 'error');
  }
}

// ...and letting go on it says why (React Flow calls onConnect only for valid connections).
function onConnectEnd(_: MouseEvent | TouchEvent, state: FinalConnectionState): void {
  if (state.isValid || !state.fromNode || !state.toNode || !state.fromHandle || !state.toHandle) return;
  if (state.fromHandle.type === state.toHandle.type) return;
  const fromSource = state.fromHandle.type === 'source';
  const source = fromSource ? state.fromNode.id : state.toNode.id;
  const target = fromSource ? state.toNode.id : state.fromNode.id;
  const problem = connectionProblem(useStudio.getState().graph, source, target);
  if (problem) showToast(problem, 'error');
}

function onDragOver(e: DragEvent): void {
  e.preventDefault();
  e.dataTransfer.dropEffect = e.dataTransfer.types.includes('Files') ? 'copy' : 'move';
}

function onDrop(e: DragEvent): void {
  e.preventDefault();
  const type = e.dataTransfer.getData(PALETTE_MIME) as NodeType;
  if (type && PALETTE_TYPES.includes(type)) {
    const p = toFlow({ x: e.clientX, y: e.clientY });
    // Drop point = the card's top-left area under the cursor, so the node lands where it was let go.
    addNodeAction(type, { x: p.x - 20, y: p.y - 20 });
    return;
  }
  const file = e.dataTransfer.files?.[0];
  if (file) void importFileAction(file);
}
