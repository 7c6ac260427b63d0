// Ctrl-C for long commands: the first press asks the work to stop cleanly (it finishes what it can and
// reports), the second quits at once with exit 130 (128 + SIGINT, what shells expect after Ctrl-C).
import type { CliIo } from './command.ts';

/** Exit code of the second Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

/** What Ctrl-C does while a command runs. */
export interface CtrlCActions {
  /** the first press: ask the work to stop (it ends on its own and reports) */
  first(): void;
  /** the second press: clean up what must not be left behind (partial files), before exiting */
  beforeExit?(): void;
}

/** The process as the handler uses it (a fake in unit tests). */
export interface SignalTarget {
  on(signal: 'SIGINT', fn: () => void): unknown;
  off(signal: 'SIGINT', fn: () => void): unknown;
  exit(code: number): void;
}

/** Installs the handler; returns the function that removes it. */
export function handleCtrlC(actions: CtrlCActions, io: CliIo, target: SignalTarget = process): () => void {
  let pressed = 0;
  const onSigint = () => {
    pressed++;
    if (pressed === 1) {
      io.err('\nstopping (Ctrl-C again to quit at once, without saving)…');
      actions.first();
      return;
    }
    actions.beforeExit?.();
    io.err('quit: nothing saved');
    target.exit(EXIT_INTERRUPTED);
  };
  target.on('SIGINT', onSigint);
  return () => target.off('SIGINT', onSigint);
}
