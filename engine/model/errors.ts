// The error compileModel throws for a graph that cannot become a model.
import type { Diagnostic } from '../shapes/types.ts';

/** A graph that does not compile; `diagnostics` says what and where (node/edge ids). */
export class CompileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      diagnostics.length === 1
        ? diagnostics[0].message
        : `the graph has ${diagnostics.length} problems:\n` +
            diagnostics.map((d) => `- ${d.message}`).join('\n'),
    );
    this.name = 'CompileError';
  }
}
