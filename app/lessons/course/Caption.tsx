// A lesson caption as paragraphs: blank lines separate them and **bold** marks a key phrase. Rendered as
// React text (never as HTML), so a lesson file cannot inject markup.
import { Fragment } from 'react';

/** Splits text into plain and **bold** runs, each keyed by its offset in the text. */
function runs(text: string): { at: number; bold: boolean; text: string }[] {
  const out: { at: number; bold: boolean; text: string }[] = [];
  let at = 0;
  for (const part of text.split(/(\*\*[^*]+\*\*)/g)) {
    const bold = part.length > 4 && part.startsWith('**') && part.endsWith('**');
    if (part) out.push({ at, bold, text: bold ? part.slice(2, -2) : part });
    at += part.length;
  }
  return out;
}

/** Paragraphs separated by blank lines, each keyed by its offset in the caption. */
function paragraphs(text: string): { at: number; text: string }[] {
  const out: { at: number; text: string }[] = [];
  const re = /\n\s*\n/g;
  let start = 0;
  for (let m = re.exec(text); ; m = re.exec(text)) {
    const end = m ? m.index : text.length;
    const p = text.slice(start, end).trim();
    if (p) out.push({ at: start, text: p });
    if (!m) break;
    start = m.index + m[0].length;
  }
  return out;
}

/** The caption's paragraphs. */
export function Caption({ text }: { text: string }) {
  return (
    <>
      {paragraphs(text).map((p) => (
        <p key={p.at}>
          {runs(p.text).map((r) =>
            r.bold ? <strong key={r.at}>{r.text}</strong> : <Fragment key={r.at}>{r.text}</Fragment>,
          )}
        </p>
      ))}
    </>
  );
}
