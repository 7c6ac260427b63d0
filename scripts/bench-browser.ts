// `npm run bench:browser [-- --model NAME ...] [--kernels ts] [--repeats N] [--json] [--tiny]`: the
// engine benchmark in a module Web Worker in headless Chromium (Debian's /usr/bin/chromium through
// playwright-core), served by Vite from this checkout (offline). Prints the same table as `bench`.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { formatBench } from '../cli/bench/table.ts';
import { BENCH_MODEL_NAMES } from '../engine/bench/models.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', multiple: true },
    kernels: { type: 'string' },
    repeats: { type: 'string' },
    json: { type: 'boolean' },
    tiny: { type: 'boolean' },
    chromium: { type: 'string' },
  },
});
for (const m of values.model ?? []) {
  if (!(BENCH_MODEL_NAMES as readonly string[]).includes(m)) {
    console.error(`bench:browser: unknown model "${m}"; the models are ${BENCH_MODEL_NAMES.join(', ')}`);
    process.exit(2);
  }
}
const root = new URL('..', import.meta.url).pathname;
const server = await createServer({
  configFile: false,
  root,
  logLevel: 'warn',
  server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  worker: { format: 'es' },
});
await server.listen();
const base = server.resolvedUrls?.local[0];
const browser = await chromium.launch({
  executablePath: values.chromium ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
let code = 0;
try {
  const page = await browser.newPage();
  const q = new URLSearchParams();
  for (const m of values.model ?? []) q.append('model', m);
  if (values.kernels) q.set('kernels', values.kernels);
  if (values.repeats) q.set('repeats', values.repeats);
  if (values.tiny) q.set('tiny', '1');
  await page.goto(`${base}scripts/bench-browser/index.html?${q}`);
  const handle = await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench, null, {
    timeout: 60 * 60 * 1000,
    polling: 500,
  });
  const msg = (await handle.jsonValue()) as {
    type: string;
    error?: string;
    kernels?: string;
    userAgent?: string;
    report?: Parameters<typeof formatBench>[0];
  };
  if (msg.type !== 'done' || !msg.report) {
    console.error(`bench:browser: the worker failed: ${msg.error}`);
    code = 1;
  } else {
    const chrome = /Chrome\/[\d.]+/.exec(msg.userAgent ?? '')?.[0] ?? 'Chromium';
    const full = {
      ...msg.report,
      machine: {
        runtime: `${chrome}, engine in a module Web Worker`,
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
      },
      kernels: msg.kernels ?? 'unknown',
      notes: ['our engine in a module Web Worker in headless Chromium; no peers run in the browser'],
    };
    if (values.json) console.log(JSON.stringify(full));
    else for (const line of formatBench(full)) console.log(line);
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(code);
