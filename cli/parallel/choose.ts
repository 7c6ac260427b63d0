// How many workers a CLI run trains with (--workers 1|2|auto): two when the batches are split
// (engine/parallel: big enough that a second core pays) and the machine has a second core; one
// otherwise, or when the second worker cannot start. Results are the same bits either way.
import { availableParallelism } from 'node:os';
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
  if (workers === 'auto' && availableParallelism() < 2) return {};
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
