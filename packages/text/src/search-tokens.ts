/**
 * Tokens for the database full-text index (FTS5 on SQLite, `to_tsvector('simple', …)` on
 * PostgreSQL). The app segments, the database only splits on spaces, so both databases see the
 * same tokens.
 *
 * Recall rule — why 2-grams: a segmenter keeps compounds whole (停车场, 噪音扰民, 安阳街道), so a
 * search for 停车 or 噪音 would miss them if only words were indexed. The index therefore stores
 * every word *and*, for words of three or more characters, their overlapping character 2-grams
 * (停车场 → 停车场 停车 车场). On the query side a word of three or more characters is replaced by
 * its 2-grams (all required), which the index holds for every document containing that word —
 * whatever longer word the document's segmentation put it in. Two-character query words match
 * directly. Single characters are indexed as words but 2-grams are never built across words, which
 * keeps the index at roughly 1.5–2 tokens per word instead of one per character.
 */
import { normalizeForMatch } from './normalize';
import { defaultSegmenter } from './jieba-segmenter';
import { type Segmenter } from './segmenter';
import { isStopWord } from './stop-words';

const CJK = /^[\p{Script=Han}]+$/u;
const SAFE_TOKEN = /[^\p{L}\p{N}]+/gu;

/** Character 2-grams of a Han word (empty for words shorter than three characters). */
export function bigramsOf(word: string): string[] {
  const chars = Array.from(word);
  if (chars.length < 3 || !CJK.test(word)) return [];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}

/** Segments normalised text into index-safe words: no stop words, no punctuation, lower case. */
export function contentWords(text: string, segmenter: Segmenter = defaultSegmenter()): string[] {
  const out: string[] = [];
  for (const word of segmenter.cut(normalizeForMatch(text))) {
    for (const piece of word.split(SAFE_TOKEN)) {
      if (piece && !isStopWord(piece)) out.push(piece);
    }
  }
  return out;
}

/**
 * The space-joined tokens stored in the full-text index for `text` (title, content, replies,
 * notes). Words in order (duplicates kept, for ranking), each long Han word followed by its 2-grams.
 */
export function tokensForIndex(text: string, segmenter: Segmenter = defaultSegmenter()): string {
  const out: string[] = [];
  for (const word of contentWords(text, segmenter)) {
    out.push(word);
    for (const gram of bigramsOf(word)) out.push(gram);
  }
  return out.join(' ');
}

/**
 * The tokens of a search query, all of which a matching document must contain: two-character and
 * shorter words as they are, longer Han words as their 2-grams (see the module comment). Unique, in order.
 */
export function tokensForQuery(query: string, segmenter: Segmenter = defaultSegmenter()): string[] {
  const out = new Set<string>();
  for (const word of contentWords(query, segmenter)) {
    const grams = bigramsOf(word);
    if (grams.length) for (const g of grams) out.add(g);
    else out.add(word);
  }
  return [...out];
}

/** An FTS5 MATCH expression requiring every token (`"a" "b"`), or null for an empty query. */
export function toFts5Match(tokens: readonly string[]): string | null {
  if (!tokens.length) return null;
  return tokens.map((t) => `"${t.replace(/"/g, '""')}"`).join(' ');
}

/** A PostgreSQL `to_tsquery('simple', …)` expression requiring every token (`a & b`), or null. */
export function toTsQuery(tokens: readonly string[]): string | null {
  const safe = tokens.map((t) => t.replace(/[^\p{L}\p{N}]+/gu, '')).filter(Boolean);
  if (!safe.length) return null;
  return safe.map((t) => `'${t}'`).join(' & ');
}
