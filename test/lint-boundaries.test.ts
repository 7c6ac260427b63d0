// The import boundaries of biome.json fire: each fixture under test/fixtures/boundaries/<part>/ that
// breaks a rule ("// breaks:" on its first line) gets a noRestrictedImports error on each offending
// import, and the fixtures that keep the rules ("// fine:") get none. The fixtures are outside the
// main lint (files.includes); here they are linted in a temporary folder laid out like the repo
// (graph-schema/, engine/, app/, cli/) with the repo's own biome.json.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(import.meta.dirname, 'fixtures/boundaries');
const BIOME = join(ROOT, 'node_modules/.bin/biome');

interface Diagnostic {
  category: string;
  message: string;
  location: { path: string; start: { line: number } };
}

function lintFixtures(): Diagnostic[] {
  const dir = mkdtempSync(join(tmpdir(), 'bps-boundaries-'));
  cpSync(FIXTURES, dir, { recursive: true });
  const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'));
  // the same rules; only the file selection differs (no git here, and the fixtures are the files)
  config.vcs = { enabled: false };
  config.files = { includes: ['**'] };
  writeFileSync(join(dir, 'biome.json'), JSON.stringify(config));
  const r = spawnSync(BIOME, ['lint', '--reporter=json', '--max-diagnostics=none', '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return (JSON.parse(r.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
}

const fixtures = readdirSync(FIXTURES).flatMap((part) =>
  readdirSync(join(FIXTURES, part)).map((f) => {
    const path = `${part}/${f}`;
    const text = readFileSync(join(FIXTURES, path), 'utf8');
    const imports = text.split('\n').flatMap((l, i) => (l.startsWith('import ') ? [i + 1] : []));
    return { path, breaks: text.startsWith('// breaks:'), imports };
  }),
);

describe('lint boundaries (biome.json noRestrictedImports)', () => {
  const diagnostics = lintFixtures().filter((d) => d.category === 'lint/style/noRestrictedImports');

  it('has fixtures for every rule', () => {
    expect(
      fixtures
        .filter((f) => f.breaks)
        .map((f) => f.path)
        .sort(),
    ).toEqual([
      'app/deep-engine.ts',
      'app/imports-cli.ts',
      'cli/deep-engine.ts',
      'cli/imports-app.ts',
      'engine/imports-app.ts',
      'engine/imports-react.ts',
      'graph-schema/imports-engine.ts',
      'graph-schema/imports-react.ts',
    ]);
  });

  it.each(fixtures.map((f) => [f.path, f] as const))('%s', (_path, f) => {
    const lines = diagnostics.filter((d) => d.location.path === f.path).map((d) => d.location.start.line);
    expect(lines.sort()).toEqual(f.breaks ? f.imports : []);
  });
});
