/**
 * Near-duplicates at intake: an in-memory similarity index (`@lianxin/text`) of the open cases of
 * this deployment, built lazily on the first lookup, extended on every intake in this process,
 * topped up from the database at most every few seconds (cases other instances took in) and
 * rebuilt every ten minutes (so closed cases drop out). Matches are re-read from the database, so
 * a case closed meanwhile is never suggested.
 */
import { maskPii, SimilarityIndex, type SimilarMatch } from '@lianxin/text';
import { CaseTextRepository, OPEN_CASE_STATUSES, type CaseBrief, type CaseRecord, type CaseTextRow, type CaseVisibility, type Storage } from '@lianxin/storage';
import { isVisible } from './case.service';

/** A similar case for the citizen's receipt (titles masked, only cases whose reporters consented). */
export interface PublicSimilarCase {
  title: string;
  status: string;
}

/** A similar case for staff (merge suggestions). */
export interface StaffSimilarCase extends PublicSimilarCase {
  id: string;
  trackingCode: string;
  score: number;
}

/** Tuning of the index. */
export interface DuplicateOptions {
  /** Most open cases held in memory (the most recent ones). */
  maxItems?: number;
  /** Full rebuild interval in ms. */
  rebuildMs?: number;
  /** Interval of the incremental top-up from the database, in ms. */
  syncMs?: number;
}

const OPEN = new Set(OPEN_CASE_STATUSES);

/** Finds open cases similar to a text. */
export class DuplicateService {
  private index: SimilarityIndex | null = null;
  private building: Promise<SimilarityIndex> | null = null;
  private builtAt = 0;
  private syncedAt = 0;
  private newest: string | null = null;
  /** Indexed cases whose reporters agreed to publication: only these are suggested to citizens. */
  private readonly published = new Set<string>();
  private readonly texts: CaseTextRepository;
  private readonly maxItems: number;
  private readonly rebuildMs: number;
  private readonly syncMs: number;

  constructor(deps: { storage: Storage }, options: DuplicateOptions = {}) {
    this.texts = new CaseTextRepository(deps.storage.db);
    this.maxItems = options.maxItems ?? 50_000;
    this.rebuildMs = options.rebuildMs ?? 600_000;
    this.syncMs = options.syncMs ?? 5_000;
  }

  /** Number of cases in the in-memory index (0 before the first lookup). */
  get size(): number {
    return this.index?.size ?? 0;
  }

  /** Adds a newly stored (or changed) open case to the index, if the index is built. */
  note(row: Pick<CaseTextRow, 'id' | 'title' | 'content' | 'status' | 'createdAt' | 'consentPublic'>): void {
    if (!this.index) return;
    if (OPEN.has(row.status)) this.index.add({ id: row.id, title: row.title, body: row.content });
    else this.index.remove(row.id);
    if (row.consentPublic && OPEN.has(row.status)) this.published.add(row.id);
    else this.published.delete(row.id);
    if (!this.newest || row.createdAt > this.newest) this.newest = row.createdAt;
  }

  private async ensure(): Promise<SimilarityIndex> {
    const now = Date.now();
    if (!this.index || now - this.builtAt > this.rebuildMs) {
      this.building ??= this.build().finally(() => {
        this.building = null;
      });
      return this.building;
    }
    if (now - this.syncedAt > this.syncMs && this.newest) {
      this.syncedAt = now;
      const index = this.index;
      for (const row of await this.texts.open(1000, this.newest)) if (!index.has(row.id)) this.note(row);
    }
    return this.index;
  }

  private async build(): Promise<SimilarityIndex> {
    const rows = await this.texts.open(this.maxItems);
    const index = new SimilarityIndex();
    index.addAll(rows.map((r) => ({ id: r.id, title: r.title, body: r.content })));
    this.published.clear();
    for (const r of rows) if (r.consentPublic) this.published.add(r.id);
    this.index = index;
    this.builtAt = this.syncedAt = Date.now();
    this.newest = rows[0]?.createdAt ?? null;
    return index;
  }

  /** Open cases similar to `text`, best first, re-read from the database (scores attached). */
  async similar(
    text: { title?: string; body?: string },
    options: { excludeId?: string; limit?: number; publishedOnly?: boolean } = {},
  ): Promise<Array<CaseBrief & { score: number }>> {
    const index = await this.ensure();
    const limit = options.limit ?? 5;
    let matches: SimilarMatch[] = index.findSimilar(text, { limit: limit * 3, ...(options.excludeId ? { excludeId: options.excludeId } : {}) });
    // Citizens are shown only published cases: without one among the matches there is nothing to read.
    if (options.publishedOnly) matches = matches.filter((m) => this.published.has(m.id));
    if (!matches.length) return [];
    const briefs = new Map((await this.texts.briefs(matches.map((m) => m.id))).map((b) => [b.id, b]));
    const out: Array<CaseBrief & { score: number }> = [];
    for (const m of matches) {
      const brief = briefs.get(m.id);
      if (brief && OPEN.has(brief.status)) out.push({ ...brief, score: Math.round(m.score * 1000) / 1000 });
      else index.remove(m.id);
    }
    return out.slice(0, limit);
  }

  /** Similar open cases for the citizen's receipt: only cases whose reporters consented to publication, titles masked. */
  async forReceipt(record: Pick<CaseRecord, 'id' | 'title' | 'content'>, limit = 3): Promise<PublicSimilarCase[]> {
    const found = await this.similar({ title: record.title, body: record.content }, { excludeId: record.id, limit: limit * 3, publishedOnly: true });
    return (
      found
        .filter((c) => c.consentPublic)
        .slice(0, limit)
        // Title and status only: a tracking code is the key to its reporter's page, never shown to others.
        .map((c) => ({ title: maskPii(c.title), status: c.status }))
    );
  }

  /** Similar open cases a staff member may see (merge suggestions). */
  async forStaff(visibility: CaseVisibility, record: CaseRecord, limit = 5): Promise<StaffSimilarCase[]> {
    const found = await this.similar({ title: record.title, body: record.content }, { excludeId: record.id, limit: limit * 2 });
    return found
      .filter((c) => isVisible(visibility, c))
      .slice(0, limit)
      .map((c) => ({ id: c.id, trackingCode: c.trackingCode, title: c.title, status: c.status, score: c.score }));
  }
}
