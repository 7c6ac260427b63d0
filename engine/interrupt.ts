// Stopping inside a step. A training step can take minutes (a 4096-wide Dense on a full batch, a long
// sequence), so "stop after the current step" is not enough: the engine asks a cheap question between
// chunks of work (between layers, between time steps, between row blocks of a big product) and throws
// Interrupted when the answer is yes. The step is then abandoned before the optimizer update, so the
// weights stay those of the last completed step. Pure: no timers, no threads; the caller owns the flag.

/** The question the engine asks between chunks of work. Must be cheap (called per time step). */
export interface InterruptCheck {
  requested(): boolean;
}

/**
 * A check on a shared Int32Array (SharedArrayBuffer): another thread (the CLI's main thread on Ctrl-C,
 * a UI thread on Stop) stores a non-zero value in slot 0 with Atomics.store.
 */
export function sharedInterrupt(flag: Int32Array): InterruptCheck {
  return { requested: () => Atomics.load(flag, 0) !== 0 };
}

/** Where a pass was when it noticed the interrupt: node id, pass direction and time step when known. */
export interface InterruptPlace {
  nodeId?: string;
  pass?: 'forward' | 'backward' | 'validation';
  /** 1-based time step of a recurrent node */
  timeStep?: number;
  steps?: number;
}

/** Thrown by a pass that noticed the interrupt; the trainer catches it and stops. */
export class Interrupted extends Error {
  constructor(readonly place: InterruptPlace = {}) {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

/** Throws Interrupted when the check says so; no-op without a check (inference, tests, the app). */
export function checkInterrupt(check: InterruptCheck | undefined, place?: InterruptPlace): void {
  if (check?.requested()) throw new Interrupted(place);
}

/** `e` with the node filled in when it is an Interrupted that does not name one yet (layers know the
 *  time step; the model knows which node was running). Other errors pass through unchanged. */
export function placeInterrupt(
  e: unknown,
  nodeId: string | undefined,
  pass: InterruptPlace['pass'],
): unknown {
  if (e instanceof Interrupted && e.place.nodeId === undefined) {
    e.place.nodeId = nodeId;
    e.place.pass ??= pass;
  }
  return e;
}

/** "node n2 (forward, time step 37 of 400)": for the CLI's "stopped during step ..." line. */
export function placeText(p: InterruptPlace): string {
  const parts: string[] = [];
  if (p.pass) parts.push(p.pass === 'validation' ? 'validation' : `${p.pass} pass`);
  if (p.timeStep !== undefined) parts.push(`time step ${p.timeStep}${p.steps ? ` of ${p.steps}` : ''}`);
  const detail = parts.length ? ` (${parts.join(', ')})` : '';
  return p.nodeId !== undefined ? `node ${p.nodeId}${detail}` : parts.join(', ');
}
