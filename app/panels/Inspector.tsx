// The right panel: the selected node's params (typed, range-checked) and the graph-level settings.
import type { GraphEdge, GraphNode } from '../../graph-schema/schema.ts';
import { runAction } from '../actions/registry.ts';
import { onNodeMessage } from '../canvas/LayerNode.tsx';
import { useDataFit } from '../data/dataFit.ts';
import { analysisOf, formatCount, formatShape } from '../model/analysis.ts';
import { checkParamValue, NODE_BLURBS, PARAM_SPECS, type ParamSpec } from '../model/paramSpecs.ts';
import { useStudio } from '../store/store.ts';
import { BoolField, CheckedField, SelectField } from './Fields.tsx';
import { TrainingSettings } from './TrainingSettings.tsx';
import { ActivationPlot } from '../views/ActivationPlot.tsx';
import { ViewButtons } from '../views/ViewButtons.tsx';

/** The inspector panel. */
export function Inspector() {
  const graph = useStudio((s) => s.graph);
  const selection = useStudio((s) => s.selection);
  const node =
    selection.nodes.length === 1 ? graph.nodes.find((n) => n.id === selection.nodes[0]) : undefined;
  const edge =
    selection.nodes.length === 0 && selection.edges.length === 1
      ? graph.edges.find((e) => e.id === selection.edges[0])
      : undefined;
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      {node ? (
        <NodeSection node={node} />
      ) : edge ? (
        <EdgeSection edge={edge} />
      ) : (
        <section className="panel-section">
          <h2>Layer</h2>
          <p className="muted">
            {selection.nodes.length > 1
              ? `${selection.nodes.length} nodes selected. Select one to edit its params.`
              : 'Select a node to edit its params.'}
          </p>
        </section>
      )}
      <section className="panel-section">
        <h2>Graph</h2>
        <CheckedField
          label="name"
          testId="graph-name"
          value={graph.name}
          hint="Also the export file name"
          check={(raw) =>
            raw.trim().length > 0 && raw.length <= 200
              ? { ok: true, value: raw.trim() }
              : { ok: false, reason: 'name must be 1 to 200 characters' }
          }
          onCommit={(v) => runAction('setGraphName', String(v))}
        />
      </section>
      <TrainingSettings />
    </aside>
  );
}

function EdgeSection({ edge }: { edge: GraphEdge }) {
  const graph = useStudio((s) => s.graph);
  const shape = analysisOf(graph).nodes[edge.source]?.outputShape;
  return (
    <section className="panel-section" data-testid="inspector-edge" data-edge-id={edge.id}>
      <h2>Connection {edge.id}</h2>
      <p>
        <code>{edge.source}</code> → <code>{edge.target}</code> carries <code>{formatShape(shape)}</code> per
        example (the batch axis comes first).
      </p>
      <button
        type="button"
        className="tool"
        data-testid="inspector-edge-delete"
        onClick={() => runAction('delete')}
      >
        Delete connection
      </button>
    </section>
  );
}

function NodeSection({ node }: { node: GraphNode }) {
  const graph = useStudio((s) => s.graph);
  const info = analysisOf(graph).nodes[node.id];
  const fitProblem = useDataFit((s) => (s.inputId === node.id ? s.problem : null));
  const params = node.params as Record<string, unknown>;
  return (
    <section className="panel-section" data-testid="inspector-node" data-node-id={node.id}>
      <h2>
        {node.type} <span className="muted small">{NODE_BLURBS[node.type]}</span>
      </h2>
      <CheckedField
        label="id"
        testId="node-id"
        value={node.id}
        hint="Names this node in files, the CLI and weights"
        check={(raw) => ({ ok: true, value: raw.trim() })}
        onCommit={(v) => runAction('renameNode', { from: node.id, to: String(v) })}
      />
      {PARAM_SPECS[node.type].map((spec) => (
        <ParamField key={`${node.id}:${spec.key}`} nodeId={node.id} spec={spec} value={params[spec.key]} />
      ))}
      {PARAM_SPECS[node.type].length === 0 && <p className="muted">This layer has no params.</p>}
      <dl className="node-facts">
        <dt>output</dt>
        <dd data-testid="inspector-shape">{formatShape(info?.outputShape)}</dd>
        <dt>params</dt>
        <dd data-testid="inspector-params">{formatCount(info?.params ?? 0)}</dd>
      </dl>
      {node.type === 'Dense' && <ActivationPlot activation={String(params.activation ?? 'identity')} />}
      <ViewButtons nodeId={node.id} where="inspector" />
      {fitProblem && (
        <div className="inspector-errors" role="alert" data-testid="inspector-data-fit">
          <p>⚠ The data does not fit: {fitProblem}</p>
        </div>
      )}
      {info && info.errors.length > 0 && (
        <div className="inspector-errors" role="alert">
          {info.errors.map((e) => (
            <p key={e}>⚠ {onNodeMessage(node.id, e)}</p>
          ))}
        </div>
      )}
    </section>
  );
}

function ParamField({ nodeId, spec, value }: { nodeId: string; spec: ParamSpec; value: unknown }) {
  const testId = `param-${spec.key}`;
  const commit = (v: unknown) => runAction('setParam', { nodeId, key: spec.key, value: v });
  switch (spec.kind) {
    case 'bool':
      return (
        <BoolField
          label={spec.label}
          testId={testId}
          hint={spec.help}
          value={value === true}
          onCommit={commit}
        />
      );
    case 'enum':
      return (
        <SelectField
          label={spec.label}
          testId={testId}
          hint={spec.help}
          value={String(value ?? spec.options[0])}
          options={spec.options}
          onCommit={commit}
        />
      );
    default:
      return (
        <CheckedField
          label={spec.label}
          testId={testId}
          hint={spec.help}
          value={spec.kind === 'shape' && Array.isArray(value) ? value.join(', ') : String(value ?? '')}
          check={(raw) => checkParamValue(spec, raw)}
          onCommit={commit}
        />
      );
  }
}
