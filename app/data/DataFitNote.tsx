// The data-fit problem on the Input node's card (a node addon), in the style of the card's own errors.
import type { NodeAddonProps } from '../slots/nodeAddons.ts';
import { useDataFit } from './dataFit.ts';

/** Shows nothing unless this node is the Input the data does not fit. */
export function DataFitNote({ nodeId }: NodeAddonProps) {
  const problem = useDataFit((s) => (s.inputId === nodeId ? s.problem : null));
  if (!problem) return null;
  return (
    <div className="layer-node-error" data-testid={`node-datafit-${nodeId}`} role="alert" title={problem}>
      <div className="err-line">⚠ Data does not fit: {problem}</div>
    </div>
  );
}
