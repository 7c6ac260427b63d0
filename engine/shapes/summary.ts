// A Keras-like text summary of an analyzed graph (`backprop-studio summary`), with the batch axis
// shown as None the way Keras prints it: (None, 200, 128).
import type { GraphAnalysis, NodeInfo } from './types.ts';

/** "2,757,761" (fixed grouping, independent of the machine's locale) */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Keras's way of printing a shape with its batch axis: (None, 200, 128); "?" when unknown. */
export function kerasShape(shape: readonly number[] | null): string {
  return shape === null ? '?' : `(${['None', ...shape].join(', ')})`;
}

function layerName(info: NodeInfo, bidirectional: boolean): string {
  return `${info.id} (${bidirectional ? `Bidirectional ${info.type}` : info.type})`;
}

/** The table: Layer (type) | Output Shape | Param # [| Connected to, when the graph branches]. */
export function summaryTable(analysis: GraphAnalysis): string {
  const graph = analysis.graph;
  const ids = analysis.order.length > 0 ? analysis.order : Object.keys(analysis.nodes);
  const branches = Object.values(analysis.nodes).some((n) => n.inputs.length > 1);
  const rows = ids.map((id) => {
    const info = analysis.nodes[id];
    const node = graph?.nodes.find((n) => n.id === id);
    const bi = !!node && 'bidirectional' in node.params && node.params.bidirectional === true;
    const row = [layerName(info, bi), kerasShape(info.outputShape), formatCount(info.params)];
    return branches ? [...row, info.inputs.join(', ') || '-'] : row;
  });
  const header = ['Layer (type)', 'Output Shape', 'Param #', ...(branches ? ['Connected to'] : [])];
  const widths = header.map((h, c) =>
    Math.max(h.length, ...rows.map((r) => r[c].length), [28, 24, 12, 16][c]),
  );
  const line = (cells: string[]) =>
    ` ${cells.map((cell, c) => (c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('   ')}`.trimEnd();
  const width = widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1) + 2;
  const total = formatCount(analysis.totalParams);
  return [
    `Model: "${graph?.name ?? 'graph'}"`,
    '_'.repeat(width),
    line(header),
    '='.repeat(width),
    ...rows.map(line),
    '='.repeat(width),
    `Total params: ${total}`,
    `Trainable params: ${total}`,
    'Non-trainable params: 0',
    '_'.repeat(width),
  ].join('\n');
}
