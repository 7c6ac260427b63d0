// Main-thread tasks from a Chrome trace (CDP Tracing): wall time and the thread's own CPU time per task.
// A task whose wall time is long but whose CPU time is short waited for a core (a busy machine); a task
// with long CPU time is work the page did.
import type { BrowserContext, Page } from 'playwright-core';

/** One main-thread task: start (ms, trace clock), wall duration and thread CPU time (ms). */
export interface TaskTime {
  start: number;
  wall: number;
  cpu: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Traces the page's main thread while `during` runs; returns its tasks longer than `minWallMs`. */
export async function traceMainThread(
  context: BrowserContext,
  page: Page,
  during: () => Promise<void>,
  minWallMs = 30,
): Promise<TaskTime[]> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...(d.value as unknown as TraceEvent[])));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) throw new Error('the trace has no renderer main thread');
  return events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask')
    .filter((e) => (e.dur ?? 0) / 1000 >= minWallMs)
    .map((e) => ({ start: e.ts / 1000, wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000 }));
}
