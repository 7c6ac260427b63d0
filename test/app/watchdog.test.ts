// The worker watchdog: silence while running is noticed after STALL_MS, progress resets it, and a
// disarmed watchdog never fires. Simulated timers: nothing here waits.
import { describe, expect, it } from 'vitest';
import { STALL_MS, Watchdog, type WatchdogTimers } from '../../app/training/watchdog.ts';

/** Timers driven by hand: advance(ms) fires what is due. */
function manualTimers(): WatchdogTimers & { advance(ms: number): void } {
  let now = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    set(fn, ms) {
      const h = next++;
      due.set(h, { at: now + ms, fn });
      return h;
    },
    clear(h) {
      due.delete(h as number);
    },
    advance(ms) {
      now += ms;
      for (const [h, t] of [...due]) {
        if (t.at <= now) {
          due.delete(h);
          t.fn();
        }
      }
    },
  };
}

describe('worker watchdog', () => {
  it('fires once after STALL_MS of silence, not before', () => {
    const timers = manualTimers();
    let stalls = 0;
    const w = new Watchdog(() => stalls++, STALL_MS, timers);
    w.feed();
    timers.advance(STALL_MS - 1);
    expect([stalls, w.stalled]).toEqual([0, false]);
    timers.advance(1);
    expect([stalls, w.stalled]).toEqual([1, true]);
    timers.advance(10 * STALL_MS);
    expect(stalls).toBe(1);
  });

  it('progress resets it; a disarmed watchdog (paused, stopped) stays quiet', () => {
    const timers = manualTimers();
    let stalls = 0;
    const w = new Watchdog(() => stalls++, 1000, timers);
    w.feed();
    for (let i = 0; i < 20; i++) {
      timers.advance(900);
      w.feed();
    }
    expect(stalls).toBe(0);
    w.disarm();
    timers.advance(5000);
    expect(stalls).toBe(0);
    w.feed();
    timers.advance(1000);
    expect(stalls).toBe(1);
    w.feed(); // progress after a stall clears the flag
    expect(w.stalled).toBe(false);
  });

  it('a new allowed silence restarts a running watch with the new time; a disarmed one stays disarmed', () => {
    const timers = manualTimers();
    let stalls = 0;
    const w = new Watchdog(() => stalls++, STALL_MS, timers);
    w.feed();
    timers.advance(5000);
    w.setStallMs(1000); // counted from now, not from the last feed
    expect(w.stallMs).toBe(1000);
    timers.advance(999);
    expect(stalls).toBe(0);
    timers.advance(1);
    expect(stalls).toBe(1);
    w.disarm();
    w.setStallMs(10);
    timers.advance(100);
    expect(stalls).toBe(1);
  });
});
