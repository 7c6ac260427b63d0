// `npm run bench:workers [-- --model NAME ...] [--rounds N] [--json] [--browser]`: one worker or two
// (engine/parallel) on the benchmark models, wall ms per step as medians of interleaved rounds
// (scripts/bench-workers/measure.ts). Node by default (worker_threads); --browser runs it in headless
// Chromium in a module Web Worker on a cross-origin isolated Vite dev server (COOP/COEP headers), the
// shard workers started as the app starts them. A benchmark, never a test: quote medians.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { spawnNodePeer } from '../cli/parallel/node-peer.ts';
import { BENCH_MODEL_NAMES } from '../engine/bench/models.ts';
import { measureWorkers, type WorkersResult, workersTable } from './bench-workers/measure.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', multiple: true },
    rounds: { type: 'string' },
    json: { type: 'boolean' },
    browser: { type: 'boolean' },
  },
});
const models = values.model ?? [...BENCH_MODEL_NAMES];
for (const m of models) {
  if (!(BENCH_MODEL_NAMES as readonly string[]).includes(m)) {
    console.error(`bench:workers: unknown model "${m}"; the models are ${BENCH_MODEL_NAMES.join(', ')}`);
    process.exit(2);
  }
}
const rounds = values.rounds ? Number(values.rounds) : undefined;
const machine = { cores: os.availableParallelism(), loadavgBefore: os.loadavg().map((x) => +x.toFixed(2)) };

/** CPU ms so far of each thread of this process (Linux /proc; utime + stime in 10 ms ticks);
 *  'main' is the trainer's thread. Empty elsewhere. */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid) === process.pid ? 'main' : tid, (Number(f[11]) + Number(f[12])) * 10);
    }
  } catch {
    // not Linux
  }
  return out;
}

async function inBrowser(): Promise<{ results: WorkersResult[]; runtime: string }> {
  const server = await createServer({
    configFile: false,
    root: new URL('..', import.meta.url).pathname,
    logLevel: 'warn',
    server: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      hmr: false,
      headers: {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      },
    },
    worker: { format: 'es' },
  });
  await server.listen();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const q = new URLSearchParams();
    for (const m of models) q.append('model', m);
    if (rounds) q.set('rounds', String(rounds));
    await page.goto(`${server.resolvedUrls?.local[0]}scripts/bench-workers/index.html?${q}`);
    const handle = await page.waitForFunction(
      () => (window as unknown as { __bench?: unknown }).__bench,
      null,
      {
        timeout: 60 * 60 * 1000,
        polling: 500,
      },
    );
    const msg = (await handle.jsonValue()) as {
      type: string;
      error?: string;
      results?: WorkersResult[];
      isolated?: boolean;
      userAgent?: string;
    };
    if (msg.type !== 'done' || !msg.results) throw new Error(`the worker failed: ${msg.error}`);
    if (!msg.isolated) throw new Error('the page was not cross-origin isolated');
    const chrome = /Chrome\/[\d.]+/.exec(msg.userAgent ?? '')?.[0] ?? 'Chromium';
    return { results: msg.results, runtime: `${chrome}, module Web Worker + shard worker` };
  } finally {
    await browser.close();
    await server.close();
  }
}

const { results, runtime } = values.browser
  ? await inBrowser()
  : {
      results: await measureWorkers(models, spawnNodePeer, rounds, undefined, threadCpu),
      runtime: `Node ${process.version}, worker_threads`,
    };
const report = {
  machine: { ...machine, runtime, loadavgAfter: os.loadavg().map((x) => +x.toFixed(2)) },
  results,
};
if (values.json) console.log(JSON.stringify(report));
else {
  console.log(
    `${runtime}; ${machine.cores} cores; load average ${machine.loadavgBefore.join(' ')} -> ${report.machine.loadavgAfter.join(' ')}`,
  );
  for (const line of workersTable(results)) console.log(line);
}
