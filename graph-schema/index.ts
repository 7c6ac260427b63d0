// The graph format's public entry points (see docs/internal-apis.md).
export * from './schema.ts';
export { type GraphIssue, formatPath } from './issues.ts';
export { parseGraphText, validateGraph, type ParseResult, MAX_ISSUES } from './validate.ts';
export {
  migrate,
  MIGRATIONS,
  OLDEST_VERSION,
  type Migration,
  type MigrateResult,
  type MigrateOptions,
} from './migrate.ts';
export { graphJsonSchema, GRAPH_SCHEMA_ID } from './json-schema.ts';
export { MAX_GRAPH_TEXT_CHARS, tooLargeIssue, parseJsonText } from './json-text.ts';
export { DANGEROUS_KEYS } from './dangerous.ts';
export { graphView, type GraphView, type NodeRef, type EdgeRef } from './view.ts';
export { DOCUMENT_LIMITS, TRAINING_MEMORY_BUDGET_BYTES, MAX_DATA_FILE_BYTES } from './limits.ts';
export { checkTextBounds, checkValueBounds, boundsIssue, type BoundsViolation } from './bounds.ts';
export { fieldOf, fieldsOf, type ParamField } from './fields.ts';
