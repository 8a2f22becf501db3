/**
 * Near-duplicate lookup: an in-memory inverted index over character-bigram shingles with IDF
 * weighting. A lookup gathers candidates through the rarer shingles of the query (common ones
 * such as 小区 or 问题 are too unspecific to find anything), then scores the best candidates
 * exactly with an IDF-weighted cosine over shingle sets. Sized for 100k items with lookups in a
 * few milliseconds. Shingles inside place expressions weigh {@link PLACE_WEIGHT} of the others, so
 * two different problems at the same address are not taken for duplicates.
 */
import { placeMarkedShingles } from './shingles';

/** An item to index: an id plus its text (title and body). */
export interface SimilarityItem {
  /** Caller's id (a case id). */
  id: string;
  /** Title, if any. */
  title?: string;
  /** Body text. */
  body?: string;
}

/** One similar item. */
export interface SimilarMatch {
  /** Id of the indexed item. */
  id: string;
  /** Similarity in [0, 1] (IDF-weighted cosine of shingle sets). */
  score: number;
}

/** Options of {@link SimilarityIndex.findSimilar}. */
export interface FindSimilarOptions {
  /** Smallest score to report (default {@link DEFAULT_MIN_SIMILARITY}). */
  minScore?: number;
  /** Most matches to return (default 5). */
  limit?: number;
  /** An id to leave out (the item itself, when it is already indexed). */
  excludeId?: string;
  /** How many candidates are scored exactly (default 30). */
  candidates?: number;
  /** How many of the query's rarest shingles gather candidates (default 48). */
  probe?: number;
}

/** The default threshold for "similar", chosen on hand-made pairs: short rephrasings score 0.22–0.5, a different problem at the same address 0.13, unrelated complaints < 0.1. */
export const DEFAULT_MIN_SIMILARITY = 0.18;

/** Relative weight of shingles inside place names and addresses. */
export const PLACE_WEIGHT = 0.25;

const textOf = (item: { title?: string; body?: string }): string => `${item.title ?? ''} ${item.body ?? ''}`;

/** An incremental near-duplicate index. */
export class SimilarityIndex {
  private readonly shingleIds = new Map<string, number>();
  private readonly postings: number[][] = [];
  private readonly docIds: string[] = [];
  private readonly docShingles: Int32Array[] = [];
  private readonly docPlaces: Uint8Array[] = [];
  private readonly byId = new Map<string, number>();
  private readonly removed = new Set<number>();
  private readonly norms: number[] = [];
  private readonly normAt: number[] = [];
  private scratch = new Float64Array(0);
  private queryWeights = new Float64Array(0);

  /** Number of live items. */
  get size(): number {
    return this.docIds.length - this.removed.size;
  }

  private idf(shingle: number): number {
    const n = this.docIds.length;
    const df = shingle >= 0 ? this.postings[shingle].length : 0;
    return Math.log(1 + (n + 1) / (df + 1));
  }

  /** Adds (or replaces) an item. */
  add(item: SimilarityItem): void {
    if (this.byId.has(item.id)) this.remove(item.id);
    const doc = this.docIds.length;
    const ids: number[] = [];
    const places: number[] = [];
    for (const { text: s, place } of placeMarkedShingles(textOf(item))) {
      let sid = this.shingleIds.get(s);
      if (sid === undefined) {
        sid = this.postings.length;
        this.shingleIds.set(s, sid);
        this.postings.push([]);
      }
      this.postings[sid].push(doc);
      ids.push(sid);
      places.push(place ? 1 : 0);
    }
    this.docIds.push(item.id);
    this.docShingles.push(Int32Array.from(ids));
    this.docPlaces.push(Uint8Array.from(places));
    this.norms.push(0);
    this.normAt.push(0);
    this.byId.set(item.id, doc);
  }

  /** Adds many items. */
  addAll(items: Iterable<SimilarityItem>): void {
    for (const item of items) this.add(item);
  }

  /** Removes an item (e.g. a closed case); unknown ids are ignored. */
  remove(id: string): void {
    const doc = this.byId.get(id);
    if (doc === undefined) return;
    this.removed.add(doc);
    this.byId.delete(id);
  }

  /** True when the id is indexed. */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Items similar to `query`, best first. */
  findSimilar(query: { title?: string; body?: string }, options: FindSimilarOptions = {}): SimilarMatch[] {
    const minScore = options.minScore ?? DEFAULT_MIN_SIMILARITY;
    const limit = options.limit ?? 5;
    const n = this.docIds.length;
    if (n === 0) return [];
    const weight = new Map<number, number>();
    let qNorm = 0;
    for (const { text, place } of placeMarkedShingles(textOf(query))) {
      const sid = this.shingleIds.get(text) ?? -1;
      const w = this.idf(sid) * (place ? PLACE_WEIGHT : 1);
      qNorm += w * w;
      if (sid >= 0) weight.set(sid, w);
    }
    if (qNorm === 0) return [];
    // Candidates come from the rarest shingles of the query (at most `probe` of them, each with a
    // bounded posting list): common shingles cannot tell near-duplicates from the rest anyway.
    const cap = Math.max(100, Math.floor(n * 0.005));
    const probe = options.probe ?? 48;
    if (this.scratch.length < n) {
      const grown = new Float64Array(Math.max(n, this.scratch.length * 2, 1024));
      grown.set(this.scratch);
      this.scratch = grown;
    }
    const scratch = this.scratch;
    const touched: number[] = [];
    const known = [...weight.keys()].sort((a, b) => this.postings[a].length - this.postings[b].length || a - b);
    let probed = 0;
    for (const sid of known) {
      const list = this.postings[sid];
      if (list.length > cap || probed++ >= probe) break;
      const w2 = weight.get(sid)! * this.idf(sid);
      for (const doc of list) {
        if (scratch[doc] === 0) touched.push(doc);
        scratch[doc] += w2;
      }
    }
    const exclude = options.excludeId !== undefined ? this.byId.get(options.excludeId) : undefined;
    let best = 0;
    for (const doc of touched) if (scratch[doc] > best) best = scratch[doc];
    // Documents far below the best rare-shingle overlap cannot make the top; skip sorting them.
    const floor = best * 0.2;
    const ranked = touched.filter((doc) => scratch[doc] >= floor && !this.removed.has(doc) && doc !== exclude).sort((a, b) => scratch[b] - scratch[a] || a - b);
    for (const doc of touched) scratch[doc] = 0;
    if (this.queryWeights.length < this.postings.length) this.queryWeights = new Float64Array(Math.max(this.postings.length, this.queryWeights.length * 2));
    const qw = this.queryWeights;
    for (const [sid, w] of weight) qw[sid] = w * this.idf(sid);
    const out: SimilarMatch[] = [];
    for (const doc of ranked.slice(0, options.candidates ?? 30)) {
      let dot = 0;
      const shingles = this.docShingles[doc];
      const places = this.docPlaces[doc];
      for (let k = 0; k < shingles.length; k++) {
        const w = qw[shingles[k]];
        if (w !== 0) dot += places[k] ? w * PLACE_WEIGHT : w;
      }
      const score = dot / Math.sqrt(qNorm * this.docNorm(doc));
      if (score >= minScore) out.push({ id: this.docIds[doc], score: Math.min(1, score) });
    }
    for (const sid of weight.keys()) qw[sid] = 0;
    return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
  }

  /** Squared norm of a document's weighted shingles, cached until the index has grown by 10 %. */
  private docNorm(doc: number): number {
    const n = this.docIds.length;
    if (this.normAt[doc] > 0 && n <= this.normAt[doc] * 1.1) return this.norms[doc];
    let sum = 0;
    const shingles = this.docShingles[doc];
    const places = this.docPlaces[doc];
    for (let k = 0; k < shingles.length; k++) {
      const w = this.idf(shingles[k]) * (places[k] ? PLACE_WEIGHT : 1);
      sum += w * w;
    }
    this.norms[doc] = sum;
    this.normAt[doc] = n;
    return sum;
  }
}
