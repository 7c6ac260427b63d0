import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { graphJsonSchema } from '../../graph-schema/index.ts';
import { NODE_TYPES } from '../../graph-schema/schema.ts';

describe('graph.schema.json', () => {
  it('is up to date with the zod definition (regenerate: npx tsx scripts/gen-json-schema.ts)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../graph-schema/graph.schema.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(graphJsonSchema());
  });

  it('describes nodes by type, with the same limits as the validator', () => {
    const schema = graphJsonSchema() as { properties: Record<string, { items?: { oneOf?: unknown[] } }> };
    const nodeSchemas = schema.properties.nodes.items?.oneOf ?? [];
    expect(nodeSchemas).toHaveLength(NODE_TYPES.length);
    const text = JSON.stringify(schema);
    expect(text).toContain('"maximum":4096');
    expect(text).toContain('"const":"backprop-studio.graph"');
  });
});
