// A sign of life from inside a long step. The page's watchdog hears nothing between progress records,
// and one step of a big model can take longer than the watchdog allows; the engine asks its interrupt
// check between layers, time steps and row blocks, so that check is where the worker can say "still
// computing", at most once per interval, without ever asking the step to stop.
import type { InterruptCheck } from '../../engine/index.ts';

/** Interval between beats (the watchdog allows 20 s of silence). */
export const BEAT_MS = 1000;

/** A check that never interrupts, calling `beat` at most once per `every` ms of `now`. */
export function heartbeatCheck(
  beat: () => void,
  now: () => number = Date.now,
  every = BEAT_MS,
): InterruptCheck {
  let last = now();
  return {
    requested() {
      const t = now();
      if (t - last >= every) {
        last = t;
        beat();
      }
      return false;
    },
  };
}
