// The one edge component: a bezier carrying its tensor shape as a label, plus the gradient overlay slot
// (colour, width, data-grad-norm) that the training panel fills through slots/overlays.ts.
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo } from 'react';
import { useOverlays } from '../slots/overlays.ts';
import type { ShapeFlowEdge } from './derive.ts';

function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const { id, data, selected, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const overlay = useOverlays((s) => s.edges[id]);
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const className = `shape-edge${data?.broken ? ' broken' : ''}${selected ? ' selected' : ''}`;
  const style =
    overlay?.color || overlay?.width ? { stroke: overlay.color, strokeWidth: overlay.width } : undefined;
  return (
    <>
      <g
        data-testid={`edge-${id}`}
        data-grad-norm={overlay?.gradNorm}
        data-shape={data?.shape}
        className={className}
      >
        {overlay?.gradNorm !== undefined && (
          <title>{`gradient norm sent back along ${id}: ${overlay.gradNorm}`}</title>
        )}
        <BaseEdge id={id} path={path} style={style} interactionWidth={24} />
      </g>
      <EdgeLabelRenderer>
        <div
          className={`edge-label${data?.broken ? ' broken' : ''}`}
          data-testid={`edge-label-${id}`}
          style={{
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
            // The overlay colour also frames the label, so short edges still show it.
            ...(overlay?.color ? { borderColor: overlay.color, borderWidth: 2 } : {}),
          }}
        >
          {data?.shape ?? '?'}
          {overlay?.label && (
            <div
              className="edge-overlay-label"
              style={
                overlay.labelBackground
                  ? {
                      background: overlay.labelBackground,
                      color: overlay.labelColor,
                      borderRadius: 3,
                      padding: '0 3px',
                    }
                  : undefined
              }
            >
              {overlay.label}
            </div>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

/** Memoized edge component for every connection. */
export const ShapeEdge = memo(ShapeEdgeView);
