#!/usr/bin/env node
// Writes the two registry lists from the directories' contents, so a new node type is its two
// descriptor files and nothing else (docs/adding-a-layer.md):
//   graph-schema/nodes/index.gen.ts  NODE_DEFS: every file in graph-schema/nodes/ (each exports one
//                                    defineNodeType({ type, order, ... })), in palette `order`
//   engine/layers/index.gen.ts       LAYERS: every `export const xLayer: LayerDescriptor<'Type'> = ...`
//                                    in engine/layers/*.ts, checked `satisfies { [T in NodeType]: ... }`
// Two lists because graph-schema/ imports nothing of ours; this script is what keeps them in step.
// The outputs are committed (every checkout, tsc, tsx and the CLI work without a build step) and are
// rewritten by `npm ci` (prepare), `npm run gen`, `npm test`, `npm run check` and the Vite plugin
// below (dev server and build); a unit test fails when they are stale.
//   node scripts/gen-registry.mjs            write (only files whose text changed)
//   node scripts/gen-registry.mjs --check    exit 1 when a committed list differs from the directories
//   --root <dir>                             work on another copy of the repo (tests use a temp copy)
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const NODES_DIR = 'graph-schema/nodes';
const LAYERS_DIR = 'engine/layers';
export const OUTPUTS = { nodes: `${NODES_DIR}/index.gen.ts`, layers: `${LAYERS_DIR}/index.gen.ts` };

/** A registry problem a person must fix (printed without a stack trace). */
export class RegistryError extends Error {}

const tsFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true })
    .filter(
      (e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.gen.ts') && !e.name.endsWith('.d.ts'),
    )
    .map((e) => e.name)
    .sort();

const isNodeDef = (v) =>
  v !== null &&
  typeof v === 'object' &&
  typeof v.type === 'string' &&
  typeof v.order === 'number' &&
  'params' in v;

/**
 * The node types defined in graph-schema/nodes/: { file, name (the export), type, order }. The files
 * are loaded (tsx) rather than pattern-matched, so `type` and `order` are read as the format sees
 * them; graph-schema imports only zod and itself, so loading cannot reach the lists being written.
 */
async function scanNodeDefs(root) {
  const { tsImport } = await import('tsx/esm/api');
  const dir = join(root, NODES_DIR);
  const found = [];
  for (const file of tsFiles(dir)) {
    const rel = `${NODES_DIR}/${file}`;
    let mod;
    try {
      mod = await tsImport(pathToFileURL(join(dir, file)).href, import.meta.url);
    } catch (e) {
      throw new RegistryError(`${rel}: cannot be loaded: ${e instanceof Error ? e.message : e}`);
    }
    const defs = Object.entries(mod).filter(([, v]) => isNodeDef(v));
    if (defs.length !== 1) {
      throw new RegistryError(
        `${rel}: every file in ${NODES_DIR}/ must export exactly one node type ` +
          `(export const x = defineNodeType({ type, order, ... })); found ${defs.length}` +
          (defs.length ? ` (${defs.map(([n]) => n).join(', ')})` : '') +
          '. Shared pieces belong in graph-schema/primitives.ts.',
      );
    }
    const [[name, def]] = defs;
    if (!/^[A-Z][A-Za-z0-9]*$/.test(def.type)) {
      throw new RegistryError(
        `${rel}: type '${def.type}' must be PascalCase letters and digits (e.g. 'LayerNorm')`,
      );
    }
    if (!Number.isFinite(def.order)) throw new RegistryError(`${rel}: order must be a finite number`);
    found.push({ file, name, type: def.type, order: def.order });
  }
  for (const key of ['type', 'order']) {
    const seen = new Map();
    for (const d of found) {
      const other = seen.get(d[key]);
      if (other)
        throw new RegistryError(
          `${NODES_DIR}/${other.file} and ${NODES_DIR}/${d.file} both have ${key} ${JSON.stringify(d[key])}`,
        );
      seen.set(d[key], d);
    }
  }
  return found.sort((a, b) => a.order - b.order);
}

// The engine side's convention, matched in the source (loading engine files would import the very
// list being generated): one exported, annotated descriptor per type.
const LAYER_EXPORT = /^export const (\w+)\s*:\s*LayerDescriptor<\s*'(\w+)'\s*>\s*=/gm;
const LAYER_MENTION = /^(?!\s*(?:\/\/|\*)).*LayerDescriptor<\s*'(\w+)'\s*>/gm; // outside comments

/** The layer descriptors in engine/layers/*.ts: { file, name, type }. */
function scanLayers(root) {
  const dir = join(root, LAYERS_DIR);
  const found = [];
  for (const file of tsFiles(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    const inFile = [...text.matchAll(LAYER_EXPORT)].map((m) => ({ file, name: m[1], type: m[2] }));
    // a descriptor written another way (e.g. `= {...} satisfies LayerDescriptor<'X'>`) would be
    // skipped silently; say how to write it instead
    for (const m of text.matchAll(LAYER_MENTION)) {
      if (!inFile.some((d) => d.type === m[1])) {
        throw new RegistryError(
          `${LAYERS_DIR}/${file}: mentions LayerDescriptor<'${m[1]}'> but does not export it as ` +
            `\`export const ${m[1][0].toLowerCase()}${m[1].slice(1)}Layer: LayerDescriptor<'${m[1]}'> = {\` (the form scripts/gen-registry.mjs looks for)`,
        );
      }
    }
    found.push(...inFile);
  }
  return found;
}

/** The two generated files' texts for the repo at `root`: { [OUTPUTS path]: text }. */
export async function renderRegistry(root) {
  const defs = await scanNodeDefs(root);
  const layers = scanLayers(root);
  const byType = new Map();
  for (const l of layers) {
    const other = byType.get(l.type);
    if (other)
      throw new RegistryError(
        `${LAYERS_DIR}/${other.file} and ${LAYERS_DIR}/${l.file} both export a LayerDescriptor<'${l.type}'>`,
      );
    byType.set(l.type, l);
  }
  for (const d of defs) {
    if (!byType.has(d.type)) {
      throw new RegistryError(
        `${NODES_DIR}/${d.file} defines node type '${d.type}' but no file in ${LAYERS_DIR}/ exports ` +
          `\`export const ...: LayerDescriptor<'${d.type}'> = {...}\`; add engine/layers/<type>.ts (docs/adding-a-layer.md)`,
      );
    }
  }
  const types = new Set(defs.map((d) => d.type));
  for (const l of layers) {
    if (!types.has(l.type)) {
      throw new RegistryError(
        `${LAYERS_DIR}/${l.file} exports a LayerDescriptor<'${l.type}'> but no file in ${NODES_DIR}/ defines type '${l.type}'`,
      );
    }
  }
  const byFileName = (a, b) => (a.from < b.from ? -1 : 1);
  const nodeImports = defs.map((d) => ({
    line: `import { ${d.name} } from './${d.file}';`,
    from: `./${d.file}`,
  }));
  const layerFiles = [...new Set(defs.map((d) => byType.get(d.type).file))];
  const layerImports = [
    {
      line: "import type { NodeType } from '../../graph-schema/schema.ts';",
      from: '../../graph-schema/schema.ts',
    },
    { line: "import type { LayerDescriptor } from './descriptor.ts';", from: './descriptor.ts' },
    ...layerFiles.map((file) => {
      const names = layers
        .filter((l) => l.file === file)
        .map((l) => l.name)
        .sort();
      return { line: `import { ${names.join(', ')} } from './${file}';`, from: `./${file}` };
    }),
  ];
  const header = (what) => [
    `// GENERATED by scripts/gen-registry.mjs from ${what} (do not edit). Rewritten by \`npm run gen\`,`,
    '// `npm ci`, `npm test`, `npm run check` and Vite (dev server and build).',
  ];
  const nodes = [
    ...header(`${NODES_DIR}/*.ts`),
    "// THE list of node types of the format, in palette order (each definition's `order`). NODE_TYPES,",
    '// the discriminated union of nodes and the JSON Schema are derived from it (schema.ts).',
    ...nodeImports.sort(byFileName).map((i) => i.line),
    '',
    'export const NODE_DEFS = {',
    ...defs.map((d) => `  ${d.type}: ${d.name},`),
    '} as const;',
    '',
  ].join('\n');
  const engine = [
    ...header(`${LAYERS_DIR}/*.ts`),
    '// THE list of layer descriptors, one per node type of the format, in palette order. `satisfies`',
    '// keeps a format type without a descriptor a compile error. Everything per type in the engine,',
    '// the canvas and the exporters reads from here (registry.ts).',
    ...layerImports.sort(byFileName).map((i) => i.line),
    '',
    'export const LAYERS = {',
    ...defs.map((d) => `  ${d.type}: ${byType.get(d.type).name},`),
    '} satisfies { [T in NodeType]: LayerDescriptor<T> };',
    '',
  ].join('\n');
  return { [OUTPUTS.nodes]: nodes, [OUTPUTS.layers]: engine };
}

const readOr = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** Writes the lists that changed; returns the paths written (relative to root). */
export async function writeRegistry(root) {
  const written = [];
  for (const [rel, text] of Object.entries(await renderRegistry(root))) {
    if (readOr(join(root, rel)) !== text) {
      writeFileSync(join(root, rel), text);
      written.push(rel);
    }
  }
  return written;
}

/** The lists whose committed text differs from what the directories give (relative paths). */
export async function staleRegistry(root) {
  const out = await renderRegistry(root);
  return Object.keys(out).filter((rel) => readOr(join(root, rel)) !== out[rel]);
}

/**
 * Vite plugin: regenerates the lists when the dev server or a build starts, and in dev whenever a
 * file is added to, removed from or changed in either folder (the written list then hot-reloads).
 * Runs the script in a child process so every run loads the files afresh. A build stops on a
 * registry error; the dev server says it and keeps serving (a layer may be half written).
 */
export function registryPlugin() {
  const root = resolve(here, '..');
  const script = fileURLToPath(import.meta.url);
  const run = () =>
    new Promise((done, fail) =>
      execFile(process.execPath, [script], { cwd: root }, (error, stdout, stderr) =>
        error ? fail(new Error(stderr.trim() || error.message)) : done(stdout.trim()),
      ),
    );
  const watched = [NODES_DIR, LAYERS_DIR].map((d) => join(root, d));
  let serving = false;
  return {
    name: 'backprop-studio:registry',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    async buildStart() {
      try {
        const out = await run();
        if (out) console.log(out);
      } catch (e) {
        if (!serving) throw e;
        console.error(e.message);
      }
    },
    configureServer(server) {
      server.watcher.add(watched);
      // one run at a time; events during a run ask for one more run after it
      let running = false;
      let again = false;
      let timer = null;
      const regenerate = async () => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        try {
          const out = await run();
          if (out) server.config.logger.info(out, { timestamp: true });
        } catch (e) {
          server.config.logger.error(e.message, { timestamp: true });
        }
        running = false;
        if (again) {
          again = false;
          void regenerate();
        }
      };
      const onFile = (file) => {
        if (!file.endsWith('.ts') || file.endsWith('.gen.ts') || !watched.includes(dirname(file))) return;
        clearTimeout(timer);
        timer = setTimeout(regenerate, 100);
      };
      for (const event of ['add', 'unlink', 'change']) server.watcher.on(event, onFile);
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--root');
  const root = resolve(at >= 0 ? args[at + 1] : join(here, '..'));
  try {
    if (args.includes('--check')) {
      const stale = await staleRegistry(root);
      if (stale.length > 0) {
        console.error(`out of date: ${stale.join(', ')} (run: npm run gen)`);
        process.exit(1);
      }
    } else {
      for (const rel of await writeRegistry(root))
        console.log(`wrote ${relative(process.cwd(), join(root, rel)) || rel}`);
    }
  } catch (e) {
    if (!(e instanceof RegistryError)) throw e;
    console.error(`gen-registry: ${e.message}`);
    process.exit(1);
  }
}
