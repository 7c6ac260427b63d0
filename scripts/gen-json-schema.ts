// Writes graph-schema/graph.schema.json from the zod definition (run: npx tsx scripts/gen-json-schema.ts).
// A test fails when the committed file is out of date, so the file and the schema never drift.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { graphJsonSchema } from '../graph-schema/json-schema.ts';

const out = new URL('../graph-schema/graph.schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(graphJsonSchema(), null, 2)}\n`);
// keep the file as the project's formatter wants it, so `npm run lint` stays clean
execFileSync('npx', ['biome', 'format', '--write', fileURLToPath(out)], { stdio: 'ignore' });
console.log(`wrote ${out.pathname}`);
