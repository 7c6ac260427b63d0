// A small matrix or vector printed as numbers (3 significant digits), large ones cut with an ellipsis;
// vectors read as one row, or as one column where a derivation writes them that way.
import type { Matrix } from '../../engine/index.ts';
import { fmt } from './format.ts';

const MAX_ROWS = 12;
const MAX_COLS = 32;

/** Rows x columns of a matrix: the last axis across, everything before it down. */
function grid(m: Matrix): [number, number] {
  const cols = m.shape.length === 0 ? 1 : m.shape[m.shape.length - 1];
  return [cols > 0 ? m.data.length / cols : 0, cols];
}

/** The printed matrix. `column` shows a vector downwards. */
export function MatrixView({ m, column = false, testId }: { m: Matrix; column?: boolean; testId?: string }) {
  let [rows, cols] = grid(m);
  const transpose = column && rows === 1;
  if (transpose) [rows, cols] = [cols, 1];
  const shownRows = Math.min(rows, MAX_ROWS);
  const shownCols = Math.min(cols, MAX_COLS);
  const at = (r: number, c: number) => m.data[transpose ? r : r * cols + c];
  const body = [];
  for (let r = 0; r < shownRows; r++) {
    const cells = [];
    for (let c = 0; c < shownCols; c++) cells.push(<td key={c}>{fmt(at(r, c))}</td>);
    if (cols > shownCols) cells.push(<td key="more">…</td>);
    body.push(<tr key={r}>{cells}</tr>);
  }
  if (rows > shownRows)
    body.push(
      <tr key="more">
        <td colSpan={shownCols + 1}>… {rows - shownRows} more rows</td>
      </tr>,
    );
  return (
    <div className="matrix-scroll">
      <table className="matrix" data-testid={testId} data-shape={m.shape.join('x')}>
        <tbody>{body}</tbody>
      </table>
    </div>
  );
}
