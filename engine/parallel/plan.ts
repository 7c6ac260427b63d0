// The canonical split of a training batch into shards. It depends only on the model and the batch's
// rows, never on how many workers run it: one worker computes both shards one after the other, two
// workers compute one each, and the summed gradients are the same bits either way.
import type { Model } from '../model.ts';

/** Fewest rows a shard may have: below this, half a batch wastes more in call overhead than it saves. */
export const MIN_SHARD_ROWS = 4;
/**
 * Multiply-adds per forward pass of a batch below which a batch stays whole: splitting a small batch
 * costs the one-worker path more (twice the per-call overhead: LSTM(32) at T = 50, 8.4M, ran 16%
 * slower split) than a second core gives back. The names char LSTM (11.5M) and everything larger split.
 */
export const SPLIT_MIN_WORK = 10_000_000;

/** A shard: rows [start, end) of the batch. */
export interface ShardRange {
  start: number;
  end: number;
}

/** The shards of a batch of `rows` rows: one (the whole batch) or two halves, the first the larger. */
export function shardRanges(rows: number, workPerRow: number): ShardRange[] {
  if (rows < 2 * MIN_SHARD_ROWS || rows * workPerRow < SPLIT_MIN_WORK) return [{ start: 0, end: rows }];
  const half = Math.ceil(rows / 2);
  return [
    { start: 0, end: half },
    { start: half, end: rows },
  ];
}

/**
 * Multiply-adds of one row's forward pass, roughly: every dense parameter is used once per position
 * of its layer's input (a Dense on a sequence, a recurrent layer over its time steps). Embedding
 * tables (sparse gradients) are lookups, not products, and do not count.
 */
export function workPerRow(model: Model): number {
  let work = 0;
  for (const node of model.graph.nodes) {
    const layer = model.layer(node.id);
    if (!layer || layer.params.length === 0) continue;
    const edge = model.graph.edges.find((e) => e.target === node.id);
    const input = edge ? model.layer(edge.source)?.outputShape : undefined;
    let positions = 1;
    if (input) for (let i = 0; i < input.length - 1; i++) positions *= input[i];
    for (const p of layer.params) if (!p.sparse) work += p.value.data.length * positions;
  }
  return work;
}

/** True when a batch of `rows` rows of this model is split in two (a second worker then pays). */
export function splitsBatch(model: Model, rows: number): boolean {
  return shardRanges(rows, workPerRow(model)).length > 1;
}
