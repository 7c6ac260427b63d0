// The worker's heartbeat check: never asks a step to stop, beats at most once per interval of its clock.
import { describe, expect, it } from 'vitest';
import { heartbeatCheck } from '../../app/worker/heartbeat.ts';

describe('heartbeatCheck', () => {
  it('beats once per interval whatever the number of checks, and never interrupts', () => {
    let t = 0;
    let beats = 0;
    const check = heartbeatCheck(
      () => beats++,
      () => t,
      1000,
    );
    for (let i = 0; i < 50; i++) {
      t += 100; // 50 checks over 5 s
      expect(check.requested()).toBe(false);
    }
    expect(beats).toBe(5);
  });
});
