// E2E global setup: build the app into a unique dir under test-output/, serve it with `vite preview` on a
// free port, wait until it answers over HTTP, hand the URL to tests (inject('baseUrl')), stop it by PID.
// With E2E_BASE_URL set, tests use that server instead and nothing is built or started.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const ROOT = resolve(import.meta.dirname, '../..');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');

/** A port the OS says is free right now. */
function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

async function waitForHttp(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`vite preview exited early with code ${server.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms`);
}

/** Builds, serves, provides `baseUrl`; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.E2E_BASE_URL;
  if (given) {
    project.provide('baseUrl', given.replace(/\/$/, ''));
    return () => undefined;
  }
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  const outDir = mkdtempSync(join(ROOT, 'test-output', 'e2e-build-'));
  const build = spawnSync(
    process.execPath,
    [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`);
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [VITE, 'preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(baseUrl, server, 30_000);
  } catch (e) {
    server.kill();
    throw e;
  }
  project.provide('baseUrl', baseUrl);
  // If the run is interrupted before teardown, do not leave the server holding its port.
  const stop = () => {
    if (server.exitCode === null) server.kill('SIGTERM');
  };
  process.once('exit', stop);
  return () => {
    process.off('exit', stop);
    if (server.pid && server.exitCode === null) server.kill('SIGTERM');
    rmSync(outDir, { recursive: true, force: true });
  };
}
