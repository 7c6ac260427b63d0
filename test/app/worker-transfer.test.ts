// Progress crosses a real MessageChannel through comlink with its typed arrays transferred: after sending,
// the worker's copies are detached (length 0) and the receiver gets the numbers intact.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { packProgress } from '../../app/worker/pack.ts';
import type { Progress } from '../../app/worker/protocol.ts';
import { transferSender } from '../../app/worker/trainer.worker.ts';

/** A Node MessagePort seen as the browser-style endpoint comlink expects. */
function endpoint(port: MessagePort): Comlink.Endpoint {
  const wrapped = new Map<unknown, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) =>
      port.postMessage(message, transfer as never),
    addEventListener: (_type: string, handler: unknown) => {
      const h = (data: unknown) => (handler as (e: { data: unknown }) => void)({ data });
      wrapped.set(handler, h);
      port.on('message', h);
    },
    removeEventListener: (_type: string, handler: unknown) => {
      const h = wrapped.get(handler);
      if (h) port.off('message', h);
    },
  };
}

describe('progress transfer', () => {
  it('moves the loss and time-step buffers instead of copying them', async () => {
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<Progress>((resolve) => {
      // The "main thread" side exposes the listener; the "worker" side calls it through comlink.
      Comlink.expose((p: Progress) => resolve(p), endpoint(port1));
    });
    const listener = Comlink.wrap<(p: Progress) => void>(endpoint(port2));
    const p = packProgress(
      {
        status: 'running',
        step: 3,
        epoch: 0,
        epochProgress: 0.1,
        loss: 1.2,
        losses: [1.5, 1.3, 1.2],
        learningRate: 0.01,
        gradNorm: 0.4,
      },
      {
        epochs: 1,
        stepsPerEpoch: 30,
        losses: [1.5, 1.3, 1.2],
        firstStep: 1,
        report: { edges: { e1: 0.1 }, params: {}, timesteps: { rec: [1e-3, 1e-2] }, saturation: {} },
        valStep: undefined,
        chunk: 3,
      },
    );
    transferSender(p, listener as unknown as (p: Progress) => void);
    const got = await received;
    expect(p.losses.byteLength).toBe(0);
    expect(p.timesteps.data.byteLength).toBe(0);
    expect(Array.from(got.losses)).toEqual([1.5, 1.3, 1.2].map(Math.fround));
    expect(Array.from(got.timesteps.data)).toEqual([1e-3, 1e-2].map(Math.fround));
    expect(got.edges).toEqual({ e1: 0.1 });
    port1.close();
    port2.close();
  });
});
