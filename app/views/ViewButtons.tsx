// The row of view buttons a node offers (on its card and in the inspector): one per kind in kinds.ts.
import { runAction } from '../actions/registry.ts';
import { useStudio } from '../store/store.ts';
import type { NodeAddonProps } from '../slots/nodeAddons.ts';
import { VIEW_LABELS, viewKindsFor } from './kinds.ts';
import { useViews } from './store.ts';

/** Buttons for node `nodeId`; `where` keeps test ids unique (the card's are the contract ids). */
export function ViewButtons({ nodeId, where }: { nodeId: string; where: 'card' | 'inspector' }) {
  const graph = useStudio((s) => s.graph);
  const open = useViews((s) => s.open);
  const kinds = viewKindsFor(graph, nodeId);
  if (kinds.length === 0) return null;
  return (
    <div className={`view-buttons ${where === 'card' ? 'nodrag' : ''}`}>
      {kinds.map((k) => {
        const active = open?.kind === k && open.nodeId === nodeId;
        return (
          <button
            key={k}
            type="button"
            className={`view-button${active ? ' active' : ''}`}
            data-testid={where === 'card' ? `view-${k}-${nodeId}` : `inspector-view-${k}-${nodeId}`}
            title={VIEW_LABELS[k].title}
            aria-pressed={active}
            onClick={(e) => {
              e.stopPropagation();
              runAction('openView', { kind: k, nodeId });
            }}
          >
            {VIEW_LABELS[k].text}
          </button>
        );
      })}
    </div>
  );
}

/** The card addon (registered in register.ts). */
export function NodeViewButtons({ nodeId }: NodeAddonProps) {
  return <ViewButtons nodeId={nodeId} where="card" />;
}
