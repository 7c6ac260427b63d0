// The JSON Schema of the format, derived from the same zod definition (for Monaco and users' tools).
import { z } from 'zod';
import { Graph } from './schema.ts';

/** URL-like id of the schema document (not fetched; editors use it to match files). */
export const GRAPH_SCHEMA_ID = 'https://backprop-studio.local/graph.schema.json';

/** The JSON Schema (draft 2020-12) of a graph document as a user writes it (defaults optional). */
export function graphJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Graph, {
    io: 'input',
    target: 'draft-2020-12',
    // a param's help line becomes its description (editors show it on hover); the inspector's
    // label is not a JSON Schema keyword
    override: ({ jsonSchema }) => {
      const meta = jsonSchema as { label?: string; help?: string; description?: string };
      if (meta.help !== undefined) meta.description = meta.help;
      delete meta.label;
      delete meta.help;
    },
  }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: GRAPH_SCHEMA_ID,
    title: 'Backprop Studio graph',
    description: 'A neural network design for Backprop Studio (format version 1). See docs/graph-format.md.',
    ...schema,
  };
}
