// A one-line progress bar for terminals: redrawn in place with \r, at most ~10 times a second so a fast
// loop does not spend its time writing to the terminal. Off when the stream is not a TTY (pipes, CI).

/** Where the bar is drawn: a writable stream with an optional isTTY flag (process.stderr). */
export interface BarStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Renders "[#####-----]  50% label" in `width` cells (pure, for tests). */
export function renderBar(fraction: number, width: number, label: string): string {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(f * width);
  const pct = `${Math.floor(f * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct} ${label}`;
}

/** A progress bar on a stream; update() is cheap to call every step. */
export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;
  private readonly enabled: boolean;

  constructor(
    private readonly stream: BarStream,
    private readonly minIntervalMs = 100,
  ) {
    this.enabled = stream.isTTY === true;
  }

  /** Shows progress in [0, 1] with a label ("epoch 2/10 loss 0.4312"); force draws regardless of rate. */
  update(fraction: number, label: string, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < this.minIntervalMs) return;
    this.lastDraw = now;
    const cols = this.stream.columns || 80; // 0 on some pseudo-terminals
    const line = renderBar(fraction, 30, label).slice(0, Math.max(10, cols - 1));
    this.stream.write(`\r${line}\x1b[K`);
    this.drawn = true;
  }

  /** Ends the bar's line so later output starts on a fresh line. */
  done(): void {
    if (this.enabled && this.drawn) this.stream.write('\n');
    this.drawn = false;
  }
}
