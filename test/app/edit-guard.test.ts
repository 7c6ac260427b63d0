// The "stop training first?" question: asked when an edit would drop trained weights, not when the run is
// paused at step 0 (after Reset, or loaded and never stepped), where nothing trained would be lost.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../app/training/controller.ts', () => ({ discardRun: vi.fn() }));
const { installEditGuard } = await import('../../app/training/guard.ts');
const { useTraining } = await import('../../app/training/store.ts');
const { commit, useStudio } = await import('../../app/store/store.ts');

describe('edit guard', () => {
  const ask = vi.fn(() => true);
  beforeEach(async () => {
    ask.mockClear();
    installEditGuard(ask);
    const { readFileSync } = await import('node:fs');
    const { validateGraph } = await import('../../graph-schema/index.ts');
    const r = validateGraph(
      JSON.parse(readFileSync(new URL('../../examples/mlp-spirals.json', import.meta.url), 'utf8')),
    );
    if (!r.ok) throw new Error('example invalid');
    useStudio.setState({ graph: r.graph });
  });

  const renameEdit = () => {
    const g = useStudio.getState().graph;
    commit(
      'Rename',
      { ...g, nodes: g.nodes.map((n, i) => (i === 0 ? { ...n, id: `${n.id}x` } : n)) },
      'record',
    );
  };

  it('does not ask when paused at step 0', () => {
    useTraining.setState({ phase: 'paused', step: 0 });
    renameEdit();
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks when paused after training steps, and when running', () => {
    useTraining.setState({ phase: 'paused', step: 3 });
    renameEdit();
    expect(ask).toHaveBeenCalledTimes(1);
    useTraining.setState({ phase: 'running', step: 0 });
    renameEdit();
    expect(ask).toHaveBeenCalledTimes(2);
  });

  it('a declined edit changes nothing and says so', () => {
    useTraining.setState({ phase: 'running', step: 5 });
    ask.mockReturnValueOnce(false);
    const before = useStudio.getState().graph;
    renameEdit();
    expect(useStudio.getState().graph).toBe(before);
    expect(useStudio.getState().toast?.text).toBe(
      '"Rename" was not applied: training goes on. Stop training first to change the graph.',
    );
  });
});
