// The embedding map's data: the rows of an Embedding table projected on their first two principal
// components (PCA by power iteration on the D x D covariance, deflated once), each point's nearest
// neighbours by cosine similarity in the full D dimensions, and how much variance the two axes keep.
import type { Model } from '../model.ts';

/** What the embedding view draws. */
export interface EmbeddingMap {
  nodeId: string;
  /** rows shown (the first `count` token ids) and the table's size */
  count: number;
  vocabSize: number;
  dim: number;
  /** [count, 2] PCA coordinates */
  coords: Float32Array;
  /** labels by row (the vocabulary's tokens, or "#id") */
  labels: string[];
  /** rows 0..tokenRows-1 belong to a token of the data; the rows after them (ids no token has: the
   *  table is larger than the vocabulary) are never looked up, so they keep their initial values */
  tokenRows: number;
  /** [count, k] nearest other rows by cosine, most similar first, and their similarities */
  neighbours: Int32Array;
  similarity: Float32Array;
  k: number;
  /** share of the total variance along each of the two axes */
  explained: [number, number];
}

/** Most points the map shows (the first ids: built-in vocabularies are ordered by frequency). */
export const EMBEDDING_MAX_POINTS = 300;

/** The map of Embedding node `nodeId`'s table. */
export function embeddingMap(
  model: Model,
  nodeId: string,
  vocab: string[] | undefined,
  maxPoints = EMBEDDING_MAX_POINTS,
  k = 5,
): EmbeddingMap {
  const table = model.params.find((p) => p.nodeId === nodeId && p.name === 'table');
  if (!table) throw new Error(`node "${nodeId}" is not an Embedding: it has no table to map`);
  const [V, D] = table.value.shape;
  const n = Math.min(V, maxPoints);
  const X = new Float64Array(n * D);
  for (let i = 0; i < n * D; i++) X[i] = table.value.data[i];
  const mean = new Float64Array(D);
  for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) mean[d] += X[i * D + d] / n;
  for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) X[i * D + d] -= mean[d];
  const C = new Float64Array(D * D);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < D; a++) {
      const xa = X[i * D + a];
      for (let b = 0; b < D; b++) C[a * D + b] += xa * X[i * D + b];
    }
  let trace = 0;
  for (let d = 0; d < D; d++) trace += C[d * D + d];
  const v1 = topEigen(C, D);
  const l1 = rayleigh(C, v1, D);
  for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) C[a * D + b] -= l1 * v1[a] * v1[b];
  const v2 = topEigen(C, D);
  const l2 = rayleigh(C, v2, D);
  const coords = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    let p = 0;
    let q = 0;
    for (let d = 0; d < D; d++) {
      p += X[i * D + d] * v1[d];
      q += X[i * D + d] * v2[d];
    }
    coords[2 * i] = p;
    coords[2 * i + 1] = q;
  }
  const { neighbours, similarity, k: kk } = nearestByCosine(table.value.data, n, D, k);
  return {
    nodeId,
    count: n,
    vocabSize: V,
    dim: D,
    coords,
    labels: Array.from({ length: n }, (_, i) => vocab?.[i] ?? `#${i}`),
    // without a vocabulary the data's id range is unknown here: every row counts as used
    tokenRows: vocab ? Math.min(n, vocab.length) : n,
    neighbours,
    similarity,
    k: kk,
    explained: trace > 0 ? [l1 / trace, Math.max(0, l2) / trace] : [0, 0],
  };
}

/** Unit eigenvector of the largest eigenvalue of a symmetric PSD matrix, sign fixed (largest entry > 0). */
function topEigen(C: Float64Array, D: number): Float64Array {
  let v = new Float64Array(D);
  for (let d = 0; d < D; d++) v[d] = 1 + d / D; // deterministic, not orthogonal to a generic eigenvector
  for (let it = 0; it < 200; it++) {
    const w = new Float64Array(D);
    for (let a = 0; a < D; a++) {
      let s = 0;
      for (let b = 0; b < D; b++) s += C[a * D + b] * v[b];
      w[a] = s;
    }
    let norm = 0;
    for (const x of w) norm += x * x;
    norm = Math.sqrt(norm);
    if (norm === 0) break;
    let change = 0;
    for (let d = 0; d < D; d++) {
      w[d] /= norm;
      change += Math.abs(w[d] - v[d]);
    }
    v = w;
    if (change < 1e-10) break;
  }
  let big = 0;
  for (let d = 1; d < D; d++) if (Math.abs(v[d]) > Math.abs(v[big])) big = d;
  if (v[big] < 0) for (let d = 0; d < D; d++) v[d] = -v[d];
  return v;
}

function rayleigh(C: Float64Array, v: Float64Array, D: number): number {
  let s = 0;
  for (let a = 0; a < D; a++) for (let b = 0; b < D; b++) s += v[a] * C[a * D + b] * v[b];
  return s;
}

/** For each of the first n rows, the k most cosine-similar other rows among them. */
export function nearestByCosine(
  data: ArrayLike<number>,
  n: number,
  D: number,
  k: number,
): { neighbours: Int32Array; similarity: Float32Array; k: number } {
  const kk = Math.min(k, Math.max(0, n - 1));
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = 0; d < D; d++) s += data[i * D + d] ** 2;
    norms[i] = Math.sqrt(s) || 1;
  }
  const neighbours = new Int32Array(n * kk);
  const similarity = new Float32Array(n * kk);
  const sims = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += data[i * D + d] * data[j * D + d];
      sims[j] = j === i ? Number.NEGATIVE_INFINITY : s / (norms[i] * norms[j]);
    }
    const order = Array.from(sims.keys()).sort((a, b) => sims[b] - sims[a] || a - b);
    for (let r = 0; r < kk; r++) {
      neighbours[i * kk + r] = order[r];
      similarity[i * kk + r] = sims[order[r]];
    }
  }
  return { neighbours, similarity, k: kk };
}
