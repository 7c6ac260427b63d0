// Writes graph-schema/graph.schema.json from the zod definition (run: npx tsx scripts/gen-json-schema.ts).
// A test fails when the committed file is out of date, so the file and the schema never drift.
import { writeFileSync } from 'node:fs';
import { graphJsonSchema } from '../graph-schema/json-schema.ts';

const out = new URL('../graph-schema/graph.schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(graphJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out.pathname}`);
