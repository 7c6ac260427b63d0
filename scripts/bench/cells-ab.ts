// One recurrent layer (B 32, T 64, H 128, I 32, float32), forward + backward, per cell kind: the fused
// WebAssembly cells in their workspaces against the same kernels without workspaces (the wasm gemm,
// copying W_hh at every step, and the TypeScript gate loops: the engine before the fused cells).
// Interleaved, median CPU ms. `node --import tsx scripts/bench/cells-ab.ts`.
import { kernels, setKernels } from '../../engine/kernels/index.ts';
import { createRecurrentLayer, type RecurrentNode } from '../../engine/layers/recurrent/index.ts';
import { Rng } from '../../engine/random.ts';

const [B, T, H, I] = [32, 64, 128, 32];
const kinds: [string, Record<string, unknown>, string][] = [
  ['RNN tanh', { activation: 'tanh' }, 'RNN'],
  ['LSTM standard', { variant: 'standard' }, 'LSTM'],
  ['LSTM peephole', { variant: 'peephole' }, 'LSTM'],
  ['LSTM prototype', { variant: 'prototype' }, 'LSTM'],
  ['GRU', {}, 'GRU'],
];
const fused = kernels();
const plain = { gemm: fused.gemm }; // no recurrentWorkspace: per-step copies + TypeScript gates
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
const r = new Rng(1);
const x = { shape: [B, T, I], data: Float32Array.from({ length: B * T * I }, () => r.uniform(-1, 1)) };
const dy = { shape: [B, T, H], data: Float32Array.from({ length: B * T * H }, () => r.uniform(-1, 1)) };
for (const [label, params, type] of kinds) {
  const node = { id: 'r', type, position: { x: 0, y: 0 }, params: { units: H, returnSequences: true, ...params } };
  const layers = [fused, plain].map((k) => {
    setKernels(k, 'x');
    const layer = createRecurrentLayer(node as RecurrentNode, [T, I], 'float32', new Rng(2));
    return { k, layer };
  });
  const ms: number[][] = [[], []];
  for (let rep = 0; rep < 25; rep++) {
    layers.forEach(({ k, layer }, i) => {
      setKernels(k, 'x');
      const c0 = process.cpuUsage();
      layer.forward([x], { instrument: false });
      layer.backward(dy, { instrument: false });
      const d = process.cpuUsage(c0);
      if (rep >= 5) ms[i].push((d.user + d.system) / 1000);
    });
  }
  const [a, b] = ms.map(median);
  console.log(`${label.padEnd(15)} fused ${a.toFixed(2)} ms  before ${b.toFixed(2)} ms  ${(b / a).toFixed(2)}x`);
}
setKernels(fused);
