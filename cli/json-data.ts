// `--data` is not read as JSON (it takes CSV, plain text or an export-data folder), and a .json file
// read as a text corpus trains a character model on its punctuation. So a .json DATA is refused
// with what is wrong: where its JSON breaks, or that JSON is not a data format here.
import { findSyntaxError, lineColumn } from '../graph-schema/json-text.ts';

const FORMATS =
  '--data reads a CSV (numeric features and a label column, or text,label), a plain text file, or an export-data folder';

/** The message for a DATA file named *.json (null for other names). */
export function jsonDataProblem(file: string, text: string): string | null {
  if (!file.toLowerCase().endsWith('.json')) return null;
  try {
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    const { offset, problem } = findSyntaxError(text);
    const { line, column } = lineColumn(text, offset);
    return `${file}: not valid JSON at line ${line}, column ${column}: ${problem} (and JSON is not a data format here: ${FORMATS})`;
  }
  return `${file} is JSON, which is not a training data format: ${FORMATS} (a text corpus named .json: rename it to .txt)`;
}
