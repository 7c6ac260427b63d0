// safetensors weights: the byte layout of the format, exact round trips, and one clear message for
// every way a foreign or damaged file can be wrong; then the CLI choosing the format by file name.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, parseWeightsBytes } from '../../engine/train/safetensors.ts';
import { weightsToText } from '../../engine/train/weights-file.ts';
import type { WeightsFile } from '../../engine/types.ts';
import { cli } from '../cli/helpers.ts';
import { tempDir } from '../export/helpers.ts';

const w: WeightsFile = {
  format: 'backprop-studio.weights',
  version: 1,
  tensors: {
    'dense1.W': { shape: [2, 3], data: [0.5, -1.25, 3, 1.5e-7, -0, 65504] },
    'dense1.b': { shape: [2], data: [0, 1] },
  },
};

/** A safetensors file built byte by byte from a header object and raw data. */
function rawFile(header: unknown, data: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + head.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  out.set(data, 8 + head.length);
  return out;
}

describe('safetensors', () => {
  it('writes the documented layout: u64 header length, JSON header, little-endian F32 data', () => {
    const bytes = encodeSafetensors(w);
    const view = new DataView(bytes.buffer);
    const n = Number(view.getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header['dense1.W']).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
    expect(header['dense1.b']).toEqual({ dtype: 'F32', shape: [2], data_offsets: [24, 32] });
    expect(header.__metadata__.format).toBe('backprop-studio.weights');
    expect(bytes.length).toBe(8 + n + 32);
    expect(view.getFloat32(8 + n + 4, true)).toBe(-1.25);
    expect(view.getFloat32(8 + n + 28, true)).toBe(1);
  });

  it('round-trips float32 values bit-exactly and float64 exactly', () => {
    const r = decodeSafetensors(encodeSafetensors(w));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.weights.tensors['dense1.W'].data).toEqual(w.tensors['dense1.W'].data.map(Math.fround));
    expect(Object.is(r.weights.tensors['dense1.W'].data[4], -0)).toBe(true);
    const precise: WeightsFile = { ...w, tensors: { a: { shape: [2], data: [0.1, Math.PI] } } };
    const r64 = decodeSafetensors(encodeSafetensors(precise, { dtype: 'F64' }));
    expect(r64.ok && r64.weights.tensors.a.data).toEqual([0.1, Math.PI]);
  });

  it('reads F16 and BF16 tensors (as other tools may write them)', () => {
    const data = new Uint8Array(8);
    const v = new DataView(data.buffer);
    v.setUint16(0, 0x3c00, true); // f16 1.0
    v.setUint16(2, 0xc000, true); // f16 -2.0
    v.setUint16(4, 0x3f80, true); // bf16 1.0
    v.setUint16(6, 0x4040, true); // bf16 3.0
    const file = rawFile(
      {
        h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] },
        b: { dtype: 'BF16', shape: [2], data_offsets: [4, 8] },
      },
      data,
    );
    const r = decodeSafetensors(file);
    expect(r.ok && r.weights.tensors).toEqual({
      h: { shape: [2], data: [1, -2] },
      b: { shape: [2], data: [1, 3] },
    });
  });

  it('names what is wrong in a damaged or foreign file, never throws', () => {
    const msg = (bytes: Uint8Array) => {
      const r = decodeSafetensors(bytes);
      return r.ok ? 'ok' : r.message;
    };
    expect(msg(new Uint8Array(3))).toContain('at least 8');
    const good = encodeSafetensors(w);
    expect(msg(good.subarray(0, good.length - 4))).toContain(
      'data_offsets [24,32] are not a range inside the 28 data bytes',
    );
    const huge = good.slice();
    new DataView(huge.buffer).setBigUint64(0, 1n << 40n, true);
    expect(msg(huge)).toContain('header length');
    expect(
      msg(rawFile({ t: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8))),
    ).toContain('tensor "t" has dtype "I64"');
    expect(
      msg(rawFile({ t: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8))),
    ).toContain('shape [3] in F32 needs 12 bytes');
    expect(
      msg(
        rawFile(
          {
            a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
            b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] },
          },
          new Uint8Array(8),
        ),
      ),
    ).toContain('overlap');
    const nan = new Uint8Array(4);
    new DataView(nan.buffer).setFloat32(0, Number.NaN, true);
    expect(msg(rawFile({ t: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, nan))).toContain(
      'not a finite number',
    );
    expect(msg(rawFile([1, 2], new Uint8Array(0)))).toContain('JSON object');
  });

  it('picks the format by name or content', () => {
    const plain: WeightsFile = { ...w, tensors: { 'dense1.b': w.tensors['dense1.b'] } };
    const fromJson = parseWeightsBytes('w.json', new TextEncoder().encode(weightsToText(plain)));
    expect(fromJson).toEqual({ ok: true, weights: plain });
    const unnamed = parseWeightsBytes('weights.bin', encodeSafetensors(w));
    expect(unnamed.ok).toBe(true);
  });
});

describe('CLI with .safetensors weights', () => {
  const dir = tempDir();
  const graph = join(dir, 'g.json');
  writeFileSync(
    graph,
    JSON.stringify({
      format: 'backprop-studio.graph',
      version: 1,
      name: 'tiny',
      nodes: [
        { id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [2] } },
        { id: 'd', type: 'Dense', position: { x: 1, y: 0 }, params: { units: 3, activation: 'tanh' } },
      ],
      edges: [{ id: 'e1', source: 'in', target: 'd' }],
      training: {
        dataset: { id: 'builtin:spirals', options: {} },
        optimizer: { type: 'sgd', lr: 0.1 },
        epochs: 1,
        seed: 3,
      },
    }),
  );

  it('train --save-weights X.safetensors writes safetensors; predict and --load-weights read it', async () => {
    const st = join(dir, 'w.safetensors');
    const js = join(dir, 'w.json');
    expect((await cli('train', graph, '--epochs', '0', '--save-weights', st)).code).toBe(0);
    const bytes = new Uint8Array(readFileSync(st));
    const decoded = decodeSafetensors(bytes);
    expect(decoded.ok && Object.keys(decoded.weights.tensors)).toEqual(['d.W', 'd.b']);
    // safetensors -> JSON through the CLI keeps every value
    expect(
      (await cli('train', graph, '--epochs', '0', '--load-weights', st, '--save-weights', js)).code,
    ).toBe(0);
    const json = JSON.parse(readFileSync(js, 'utf8'));
    expect(decoded.ok && json.tensors['d.W'].data).toEqual(decoded.ok && decoded.weights.tensors['d.W'].data);
    const input = join(dir, 'x.json');
    writeFileSync(input, JSON.stringify({ x: { shape: [1, 2], data: [0.3, -0.7] } }));
    const a = await cli('predict', graph, '--weights', st, '--input', input);
    const b = await cli('predict', graph, '--weights', js, '--input', input);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('refuses a damaged safetensors file with its name (exit 1)', async () => {
    const bad = join(dir, 'bad.safetensors');
    writeFileSync(bad, new Uint8Array([1, 2, 3]));
    const r = await cli('train', graph, '--epochs', '0', '--load-weights', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.safetensors: not a readable safetensors file');
  });
});
