// Throughput as a person reads it: "12.5 steps/s", "1 step per 12 s", "400 examples/s", "2 min 5 s left".

/** Steps per second, or seconds per step when below one. */
export function fmtStepRate(stepsPerSec: number): string {
  if (!(stepsPerSec > 0)) return '0 steps/s';
  if (stepsPerSec < 1) return `1 step per ${fmtDuration(1 / stepsPerSec)}`;
  return `${fmtAmount(stepsPerSec)} steps/s`;
}

/** A rate or count with sensible digits: 0.5, 12.5, 340, 12k. */
export function fmtAmount(v: number): string {
  if (v >= 10_000) return `${Math.round(v / 1000)}k`;
  if (v >= 100) return String(Math.round(v));
  if (v >= 10) return v.toFixed(1).replace(/\.0$/, '');
  return String(Number(v.toPrecision(2)));
}

/** Seconds as "45 s", "2 min 5 s", "1 h 3 min". */
export function fmtDuration(sec: number): string {
  if (!Number.isFinite(sec)) return '—';
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
