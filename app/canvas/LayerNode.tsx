// The one node component (keyed by the node's `type` in its data): type, key params, output shape,
// parameter count, errors, and the badges other parts put in the overlay slot.
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { type CSSProperties, memo } from 'react';
import { formatCount } from '../model/analysis.ts';
import { typeStyle } from '../model/typeStyle.ts';
import { useNodeAddons } from '../slots/nodeAddons.ts';
import { type NodeBadge, useOverlays } from '../slots/overlays.ts';
import type { LayerFlowNode } from './derive.ts';
import { useCardScale } from './lod.ts';

const NO_BADGES: NodeBadge[] = [];
/** Messages shown on the card; the rest are counted (all are in the inspector and the Summary tab). */
const MAX_SHOWN = 2;

/** A diagnostic as shown ON its node: the "node x (Type)" prefix is dropped, the card already says it. */
export function onNodeMessage(id: string, message: string): string {
  const prefix = `node ${id} `;
  if (!message.startsWith(prefix)) return message;
  const rest = message.slice(prefix.length).replace(/^\([^)]*\)\s*/, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const badges = useOverlays((s) => s.nodeBadges[id] ?? NO_BADGES);
  const addons = useNodeAddons((s) => s.addons);
  const hasError = data.errors.length > 0;
  // Level of detail (lod.ts): zoomed out, the card keeps type, shape and gradient chip, scaled by k.
  const { k, compact } = useCardScale();
  return (
    <div
      className={`layer-node typed type-${data.type.toLowerCase()}${selected ? ' selected' : ''}${hasError ? ' has-error' : ''}${compact ? ' lod-compact' : ''}`}
      style={{ ...typeStyle(data.type), '--k': k } as CSSProperties}
      data-testid={`node-${id}`}
      data-node-type={data.type}
      data-output-shape={data.shape}
      data-param-count={data.params}
    >
      {data.hasInput && <Handle type="target" position={Position.Left} data-testid={`handle-in-${id}`} />}
      <div className="layer-node-head">
        <span className="layer-node-type">{data.type}</span>
        <span className="layer-node-id">{id}</span>
      </div>
      <div className="layer-node-params">{data.summary}</div>
      <div className="layer-node-stats">
        <span className="layer-node-shape" title="output shape (without the batch axis)">
          → {data.shape}
        </span>
        <span className="layer-node-count" title="trainable parameters">
          {formatCount(data.params)} params
        </span>
      </div>
      {badges.length > 0 && (
        <div className="layer-node-badges">
          {badges.map((b) => (
            <span key={b.id} className={`badge tone-${b.tone ?? 'info'}`} title={b.title}>
              {b.text}
            </span>
          ))}
        </div>
      )}
      {Object.values(addons).map((a) => (
        <a.Component key={a.id} nodeId={id} nodeType={data.type} />
      ))}
      {hasError && (
        <div
          className="layer-node-error"
          data-testid={`node-error-${id}`}
          role="alert"
          title={data.errors.join('\n')}
        >
          {data.errors.slice(0, MAX_SHOWN).map((e) => (
            <div key={e} className="err-line">
              ⚠ {onNodeMessage(id, e)}
            </div>
          ))}
          {data.errors.length > MAX_SHOWN && (
            <div className="err-more">+{data.errors.length - MAX_SHOWN} more (see the inspector)</div>
          )}
        </div>
      )}
      <Handle type="source" position={Position.Right} data-testid={`handle-out-${id}`} />
    </div>
  );
}

/** Memoized node component for every layer type. */
export const LayerNode = memo(LayerNodeView);
