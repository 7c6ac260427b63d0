// How many workers a CLI run trains with (--workers 1|2|auto): two when the batches are split
// (engine/parallel: big enough that a second core pays) and the machine has a second core that is
// not busy; one otherwise, or when the second worker cannot start. Results are the same bits either
// way. On a loaded machine two workers ran slower (each step waits for the later half: measured
// 0.77-0.98x at load average 13-18 on 2 cores, docs/performance.md), hence the load check.
import { availableParallelism, loadavg } from 'node:os';
import type { Dataset, Model, ShardRunner } from '../../engine/index.ts';
import { splitsBatch, startShardPeer } from '../../engine/index.ts';
import { spawnNodePeer } from './node-peer.ts';

/** --workers: a count, or 'auto' (the default). */
export type WorkersOption = 1 | 2 | 'auto';

/** The second worker for `model` (none for one worker), and a sentence when the choice differs from the ask. */
export async function shardPeerFor(
  model: Model,
  dataset: Dataset,
  workers: WorkersOption,
  interrupt?: Int32Array,
): Promise<{ peer?: ShardRunner; note?: string }> {
  if (workers === 1) return {};
  const cfg = model.graph.training!;
  const rows = dataset.x.shape[0];
  const batchRows = cfg.batchSize === 'full' ? rows : Math.min(cfg.batchSize, rows);
  if (!splitsBatch(model, batchRows)) {
    const note = `one worker: batches of ${batchRows} rows of this model are too small to split`;
    return workers === 2 ? { note } : {};
  }
  if (workers === 'auto') {
    const cores = availableParallelism();
    if (cores < 2) return {};
    // silent: auto is a speed choice, and the start line says '(2 workers)' only when two run
    if (loadavg()[0] > cores - 0.5) return {};
  }
  try {
    const seed = cfg.seed ?? 42;
    const peer = await startShardPeer(model, {
      batchRows,
      seed,
      data: dataset,
      spawn: spawnNodePeer,
      interrupt,
    });
    return { peer };
  } catch (e) {
    return { note: `one worker: ${(e as Error).message}` };
  }
}
