// The React Flow canvas: a controlled view of the graph store. Nodes and edges are derived (memoized)
// from the graph; every change React Flow reports becomes a named action (move, select, connect).
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  type ReactFlowInstance,
} from '@xyflow/react';
import { useCallback, useMemo, useRef } from 'react';
import { analysisOf } from '../model/analysis.ts';
import { useMeasured } from '../store/measure.ts';
import { Toast } from '../panels/Toast.tsx';
import { useStudio } from '../store/store.ts';
import { useView } from '../store/view.ts';
import { fitView, registerFlow } from './bridge.ts';
import { onDragOver, onDragStart, onDragStop, onDrop, onEdgesChange, onNodesChange } from './changes.ts';
import { deriveEdges, deriveNodes, type LayerFlowNode, type ShapeFlowEdge } from './derive.ts';
import { LayerNode } from './LayerNode.tsx';
import { useRefitOnResize } from './refit.ts';
import { ShapeEdge } from './ShapeEdge.tsx';
import {
  isValidConnection,
  onConnect,
  onConnectEnd,
  onReconnect,
  onReconnectEnd,
  onReconnectStart,
} from './wiring.ts';

// Module scope: React Flow warns (and re-mounts every node) when these objects change identity.
const nodeTypes = { layer: LayerNode };
const edgeTypes = { shape: ShapeEdge };
const SNAP: [number, number] = [20, 20];
const PRO = { hideAttribution: true };
// Small: it must not hide the graph it maps (it also hides on a small canvas, see app.css).
const MINIMAP_SIZE = { width: 150, height: 96 };

/** The canvas (centre of the layout). */
export function Canvas() {
  const graph = useStudio((s) => s.graph);
  const selection = useStudio((s) => s.selection);
  const theme = useStudio((s) => s.theme);
  const presenter = useView((s) => s.presenter);
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
  useRefitOnResize(wrapper);

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
        onNodeDragStart={onDragStart}
        onNodeDragStop={onDragStop}
        onSelectionDragStart={onDragStart}
        onSelectionDragStop={onDragStop}
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
        {graph.nodes.length > 0 && !presenter && (
          <MiniMap pannable zoomable className="minimap" style={MINIMAP_SIZE} />
        )}
        <Controls showInteractive={false} />
      </ReactFlow>
      {graph.nodes.length === 0 && <EmptyHint />}
      <Toast />
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
