/**
 * Full-text search of cases: the app segments (`@lianxin/text`), the database indexes the
 * tokens (FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL). This service recomputes a case's
 * tokens whenever its title, content, reply or notes change, rebuilds them all for existing rows
 * (`lianxin search reindex`), and makes the highlighted snippets of a result list.
 */
import { maskForStaff, tokensForIndex, tokensForQuery } from '@lianxin/text';
import { CaseTextRepository, type CaseRecord, type CaseTextRow, type Storage } from '@lianxin/storage';

/** Longest snippet, in characters (before ellipses). */
const SNIPPET_LENGTH = 80;
/** Characters kept before the first hit. */
const SNIPPET_LEAD = 20;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** The text of a case the index covers: title, content, reply and notes. */
export function searchableText(row: Pick<CaseTextRow, 'title' | 'content' | 'replyContent'>, notes: readonly string[] = []): string {
  return [row.title, row.content, row.replyContent ?? '', ...notes].filter(Boolean).join('\n');
}

/** Character ranges of `terms` in `text` (case-insensitive), merged where they touch or overlap. */
export function hitRanges(text: string, terms: readonly string[]): Array<[number, number]> {
  const lower = text.toLowerCase();
  const hay = lower.length === text.length ? lower : text;
  const ranges: Array<[number, number]> = [];
  for (const term of new Set(terms.map((t) => t.toLowerCase()).filter(Boolean))) {
    for (let at = hay.indexOf(term); at >= 0; at = hay.indexOf(term, at + 1)) ranges.push([at, at + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * A short excerpt of `text` around its first hit, HTML-escaped, with every hit wrapped in
 * `<mark>…</mark>`; null when no term occurs. The text is escaped piece by piece, so markup in
 * the text can never survive into the snippet.
 */
export function highlightSnippet(text: string, terms: readonly string[], length = SNIPPET_LENGTH): string | null {
  const flat = text.replace(/\s+/g, ' ');
  const ranges = hitRanges(flat, terms);
  if (!ranges.length) return null;
  let start = Math.max(0, ranges[0][0] - SNIPPET_LEAD);
  // Do not cut a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(flat[start])) start--;
  let end = Math.min(flat.length, start + length);
  if (end < flat.length && /[\uDC00-\uDFFF]/.test(flat[end])) end++;
  let out = start > 0 ? '…' : '';
  let at = start;
  for (const [a, b] of ranges) {
    if (b <= start) continue;
    if (a >= end) break;
    const from = Math.max(a, start);
    const to = Math.min(b, end);
    out += escapeHtml(flat.slice(at, from)) + '<mark>' + escapeHtml(flat.slice(from, to)) + '</mark>';
    at = to;
  }
  out += escapeHtml(flat.slice(at, end)) + (end < flat.length ? '…' : '');
  return out;
}

/** The words to highlight for a query: its index tokens and its plain words. */
export function highlightTerms(q: string): string[] {
  const words = q
    .trim()
    .split(/[\s,，;；]+/u)
    .filter((w) => w.length >= 2 || /[\p{Script=Han}]/u.test(w));
  return [...new Set([...tokensForQuery(q), ...words])];
}

/** Keeps the full-text tokens of cases current. */
export class SearchIndexService {
  private readonly texts: CaseTextRepository;

  constructor(private readonly deps: { storage: Storage }) {
    this.texts = new CaseTextRepository(deps.storage.db);
  }

  /** Query tokens for the case list (`tokensForQuery`). */
  queryTokens(q: string | undefined): string[] | undefined {
    if (!q?.trim()) return undefined;
    const tokens = tokensForQuery(q);
    return tokens.length ? tokens : undefined;
  }

  /** Recomputes the tokens of one case (after intake, a reply, an on-site answer or a note). */
  async refresh(caseId: string): Promise<void> {
    const row = await this.texts.text(caseId);
    if (!row) return;
    const notes = (await this.texts.notes([caseId])).get(caseId) ?? [];
    await this.texts.setSearchTokens(caseId, tokensForIndex(searchableText(row, notes)));
  }

  /** Recomputes every case's tokens in batches (one transaction per batch); returns how many. */
  async reindexAll(onProgress?: (done: number) => void, batchSize = 500): Promise<number> {
    let after = '';
    let done = 0;
    for (;;) {
      const batch = await this.texts.batchAfter(after, batchSize);
      if (!batch.length) break;
      const notes = await this.texts.notes(batch.map((r) => r.id));
      const tokens = batch.map((r) => tokensForIndex(searchableText(r, notes.get(r.id) ?? [])));
      await this.deps.storage.db.transaction().execute(async (trx) => {
        const repo = new CaseTextRepository(trx);
        for (let i = 0; i < batch.length; i++) await repo.setSearchTokens(batch[i].id, tokens[i]);
      });
      done += batch.length;
      after = batch[batch.length - 1].id;
      onProgress?.(done);
    }
    return done;
  }

  /** Highlighted snippets of listed cases for query `q` (content, reply, title, then notes), by case id. */
  async snippets(records: readonly CaseRecord[], q: string): Promise<Map<string, string | null>> {
    const terms = highlightTerms(q);
    const out = new Map<string, string | null>();
    const missing: CaseRecord[] = [];
    for (const r of records) {
      // Snippets show the case as the list does: phone and ID card numbers masked until the reveal.
      const snippet =
        highlightSnippet(maskForStaff(r.content), terms) ??
        (r.replyContent ? highlightSnippet(r.replyContent, terms) : null) ??
        highlightSnippet(maskForStaff(r.title), terms);
      out.set(r.id, snippet);
      if (!snippet) missing.push(r);
    }
    if (missing.length) {
      const notes = await this.texts.notes(missing.map((r) => r.id));
      for (const r of missing) {
        for (const note of notes.get(r.id) ?? []) {
          const snippet = highlightSnippet(note, terms);
          if (snippet) {
            out.set(r.id, snippet);
            break;
          }
        }
      }
    }
    return out;
  }
}
