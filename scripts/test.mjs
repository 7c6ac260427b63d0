#!/usr/bin/env node
// `npm test`: type-check + lint, unit tests, then the browser end-to-end tests against a production build
// (test/e2e/global-setup.ts builds the app into test-output/ and serves it with `vite preview`).
// Installs missing system packages (chromium, python3-torch, python3-onnx) with apt-get when run as root,
// or says exactly what to install.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function run(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function hasPython(module) {
  return spawnSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
}

const missing = [];
if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
if (!existsSync('/usr/bin/python3') || !hasPython('torch')) missing.push('python3-torch');
// the ONNX checker for the exported script's --onnx file (test/export/script-train.test.ts)
if (!existsSync('/usr/bin/python3') || !hasPython('onnx')) missing.push('python3-onnx');
if (missing.length > 0) {
  if (process.getuid?.() === 0) {
    console.log(`Installing missing system packages: ${missing.join(' ')}`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`, {
      stdio: 'inherit',
    });
  } else {
    console.error(`Missing system packages: ${missing.join(' ')}\nInstall them with: sudo apt-get install ${missing.join(' ')}`);
    process.exit(1);
  }
}

const npx = 'npx';
// the registry lists and the JSON Schema follow the descriptor files (a new layer needs no list edit)
run('npm', ['run', 'gen']);
run(npx, ['tsc', '--noEmit', '-p', '.']);
run(npx, ['biome', 'lint', '.']);
run(npx, ['vitest', 'run', '--project', 'unit']);
run(npx, ['vitest', 'run', '--project', 'e2e']);
