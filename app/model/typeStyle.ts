// A node type's accent colours (from its definition in graph-schema/nodes/<type>.ts) as CSS custom
// properties; the `typed` class in app.css picks the one of the current theme.
import type { CSSProperties } from 'react';
import { NODE_DEFS, type NodeType } from '../../graph-schema/schema.ts';

/** Inline style carrying the type's colours. */
export function typeStyle(type: NodeType): CSSProperties {
  const { dark, light } = NODE_DEFS[type].colour;
  return { '--type-dark': dark, '--type-light': light } as CSSProperties;
}
