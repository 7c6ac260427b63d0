// The one edge component: a bezier carrying its tensor shape as a label, plus the gradient overlay slot
// (colour, width, data-grad-norm) that the training panel fills through slots/overlays.ts. The label is
// scaled to stay readable zoomed out (lod.ts) and moved off any card it would hide under, with a thin
// leader line back to its edge (labelPlacement.ts).
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from '@xyflow/react';
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { useOverlays } from '../slots/overlays.ts';
import { useCardRects } from './cardRects.ts';
import type { ShapeFlowEdge } from './derive.ts';
import { placeLabel } from './labelPlacement.ts';
import { LABEL_TEXT_PX, useLabelScale } from './lod.ts';

/** The label's size in flow px (offsetWidth is not affected by the viewport's zoom transform), measured
 *  after every render; the state only changes when the size does. */
function useBoxSize() {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const next = { w: el.offsetWidth, h: el.offsetHeight };
    setSize((old) => (old.w === next.w && old.h === next.h ? old : next));
  });
  return [ref, size] as const;
}

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
  const k = useLabelScale();
  const cards = useCardRects();
  const [labelRef, size] = useBoxSize();
  const at = size.w ? placeLabel({ x: labelX, y: labelY }, size, cards) : { x: labelX, y: labelY };
  const moved = at.x !== labelX || at.y !== labelY;
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
        {moved && <line className="edge-leader" x1={labelX} y1={labelY} x2={at.x} y2={at.y} />}
      </g>
      <EdgeLabelRenderer>
        <div
          ref={labelRef}
          className={`edge-label${data?.broken ? ' broken' : ''}`}
          data-testid={`edge-label-${id}`}
          style={{
            transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)`,
            fontSize: LABEL_TEXT_PX * k,
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
