// Tokenization shared by the built-in text datasets, user uploads and inference on typed text:
// characters (char language models) and lowercase words (text classification).

/** Padding id of word vocabularies (pre-padding: zeros before the text). */
export const PAD_ID = 0;
/** Id of words outside the capped vocabulary. */
export const UNK_ID = 1;

// Unicode text is read as a person reads it: NFC-normalized (an "é" typed as e + combining accent is
// the same token as the precomposed "é"), words and user-perceived characters (grapheme clusters:
// an emoji with skin tone, a Devanagari syllable with its vowel sign) found by Intl.Segmenter
// (Unicode's UAX #29 rules, the same in Node and every browser), not by a hand regex that split
// words at combining marks. A fixed locale ("und") keeps vocabularies the same on every machine.
const WORDS = new Intl.Segmenter('und', { granularity: 'word' });
const GRAPHEMES = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Text as the tokenizers read it: NFC-normalized. */
export function normalizeText(text: string): string {
  return text.normalize('NFC');
}

// Characters that can join a grapheme cluster with a neighbour (marks, joiners and other format
// characters, emoji, regional indicators, Hangul jamo and syllables, CR of CR LF). A line without
// any is one cluster per code point; Intl.Segmenter is only asked about the other lines, because it
// is slow on long texts (Moby-Dick took minutes, the fast path milliseconds).
const MAY_JOIN = /[\p{M}\p{Cf}\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u1100-\u11FF\uA960-\uA97F\uAC00-\uD7FF\r]/u;

/** The user-perceived characters (grapheme clusters) of NFC text: "👍🏽" and "मी" are one each. */
export function graphemes(text: string): string[] {
  const out: string[] = [];
  // clusters never span a line feed (UAX #29 GB4/GB5; CR LF is kept whole by segmenting "\r" lines with their "\n")
  for (const line of normalizeText(text).match(/[^\n]*\n|[^\n]+$/g) ?? []) {
    if (!MAY_JOIN.test(line)) for (const ch of line) out.push(ch);
    else for (const s of GRAPHEMES.segment(line)) out.push(s.segment);
  }
  return out;
}

/** Lowercase words (UAX #29 word segmentation, any script, marks kept); the rest separates. */
export function tokenizeWords(text: string): string[] {
  const out: string[] = [];
  for (const s of WORDS.segment(normalizeText(text.toLowerCase()))) if (s.isWordLike) out.push(s.segment);
  return out;
}

/**
 * A word vocabulary by frequency, capped at `cap` ids in all: ["<pad>", "<unk>", most frequent words...].
 * Ties are broken alphabetically so the vocabulary is the same on every machine.
 */
export function buildWordVocab(docs: readonly string[][], cap: number): string[] {
  const counts = new Map<string, number>();
  for (const doc of docs) for (const w of doc) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.keys()].sort(
    (a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0),
  );
  return ['<pad>', '<unk>', ...words.slice(0, Math.max(0, cap - 2))];
}

/**
 * Word ids of one text at a fixed length: the first `length` words are kept, and a shorter text is
 * padded with PAD_ID in front, so the last steps of a recurrent layer always see real words.
 */
export function encodeWords(
  words: readonly string[],
  index: ReadonlyMap<string, number>,
  length: number,
  out: Int32Array,
  offset: number,
): void {
  const kept = Math.min(words.length, length);
  const pad = length - kept;
  for (let t = 0; t < pad; t++) out[offset + t] = PAD_ID;
  for (let t = 0; t < kept; t++) out[offset + pad + t] = index.get(words[t]) ?? UNK_ID;
}

/** Token -> id map of a vocabulary. */
export function vocabIndex(vocab: readonly string[]): Map<string, number> {
  return new Map(vocab.map((w, i) => [w, i]));
}

/** Sorted distinct characters (grapheme clusters) of a text (by UTF-16 code unit order: the same everywhere). */
export function charVocab(text: string): string[] {
  return [...new Set(graphemes(text))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Character ids of a text; characters missing from the vocabulary give -1. */
export function encodeChars(text: string, vocab: readonly string[]): Int32Array {
  const index = vocabIndex(vocab);
  const chars = graphemes(text);
  const ids = new Int32Array(chars.length);
  for (let i = 0; i < chars.length; i++) ids[i] = index.get(chars[i]) ?? -1;
  return ids;
}

/**
 * Next-token windows over a stream of ids: x = s[k*stride .. +length), y = the same shifted by one.
 * Returns flat row-major [n, length] arrays.
 */
export function nextTokenWindows(
  stream: Int32Array,
  length: number,
  stride: number,
  maxRows: number,
): { x: Int32Array; y: Int32Array; n: number } {
  const available = stream.length > length ? Math.floor((stream.length - length - 1) / stride) + 1 : 0;
  const n = Math.min(available, maxRows);
  const x = new Int32Array(n * length);
  const y = new Int32Array(n * length);
  for (let k = 0; k < n; k++) {
    x.set(stream.subarray(k * stride, k * stride + length), k * length);
    y.set(stream.subarray(k * stride + 1, k * stride + length + 1), k * length);
  }
  return { x, y, n };
}
