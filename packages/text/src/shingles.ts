/**
 * Shingles for similarity: character 2-grams inside runs of Han characters plus whole ASCII
 * words and numbers of the normalised text. Bigrams survive rephrasing (路灯坏了 / 路灯不亮) far
 * better than words do, and need no segmenter. Bigrams inside place expressions (安阳街道,
 * 万松路, 某小区) are marked: two complaints about different problems at the same place share
 * them, so similarity gives them less weight.
 */
import { normalizeForMatch } from './normalize';
import { isStopWord } from './stop-words';

/** One shingle and whether it lies inside a place expression. */
export interface Shingle {
  /** The shingle text. */
  text: string;
  /** True when it belongs to a place name or address. */
  place: boolean;
}

const RUN = /[\p{Script=Han}]+|[a-z]+|\d+/gu;
const PLACE = /[\p{Script=Han}]{2,4}?(?:街道|社区|小区|大道|镇|乡|村|路|街|巷|县|区|市)|[\p{Script=Han}]{1,3}(?:花园|家园|公寓|大厦|新村|新城)/gu;

/** The unique shingles of `text` with their place marks (a shingle is a place only if every occurrence is). */
export function placeMarkedShingles(text: string): Shingle[] {
  const norm = normalizeForMatch(text);
  const placeAt = new Uint8Array(norm.length);
  for (const m of norm.matchAll(PLACE)) placeAt.fill(1, m.index, m.index + m[0].length);
  const out = new Map<string, boolean>();
  const put = (s: string, place: boolean) => out.set(s, (out.get(s) ?? true) && place);
  for (const m of norm.matchAll(RUN)) {
    const run = m[0];
    const at = m.index;
    if (!/^[\p{Script=Han}]/u.test(run)) {
      if (run.length > 1 || /\d/.test(run)) put(run, false);
      continue;
    }
    if (run.length === 1) {
      if (!isStopWord(run)) put(run, placeAt[at] === 1);
      continue;
    }
    for (let i = 0; i + 1 < run.length; i++) {
      // Han characters outside the BMP are rare in complaints; a split surrogate pair is harmless here.
      put(run.slice(i, i + 2), placeAt[at + i] === 1 || placeAt[at + i + 1] === 1);
    }
  }
  return [...out].map(([s, place]) => ({ text: s, place }));
}

/** The unique shingles of `text`. */
export function shinglesOf(text: string): string[] {
  return placeMarkedShingles(text).map((s) => s.text);
}
