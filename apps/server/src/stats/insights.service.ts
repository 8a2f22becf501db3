/**
 * Insights over cases for staff: hot issues (near-duplicate clusters of a time window ranked by a
 * heat index), hot words, and reply-quality advice. Everything is scope-limited by the caller's
 * visibility; the text work is the pure `@lianxin/text`, run in steps with a turn of the event loop
 * between them so a cockpit's hot issues do not hold up other requests.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { checkReply, countHotWordsInTurns, findHotIssuesInTurns, maskPii, type ReplyQuality } from '@lianxin/text';
import { CaseTextRepository, type CaseRecord, type CaseVisibility, type Repositories, type Storage } from '@lianxin/storage';

/** A turn of the event loop between two steps of clustering or counting (thousands of texts take a second of CPU). */
const turn = () => yieldToLoop();

/** Most cases clustered per request (the most recent of the window). */
export const HOT_ISSUE_CAP = 5000;
const DAY_MS = 86_400_000;

/** A time window and filters of the insight endpoints. */
export interface InsightWindow {
  from?: string | undefined;
  to?: string | undefined;
  unitId?: string | undefined;
}

/** One hot issue as the API shows it. */
export interface HotIssueView {
  title: string;
  heat: number;
  size: number;
  caseIds: string[];
  units: Array<{ id: string; name: string }>;
}

/** Hot issues, hot words and reply checks. */
export class InsightsService {
  private readonly texts: CaseTextRepository;

  constructor(private readonly deps: { storage: Storage; repos: Repositories; clock: { now(): Date } }) {
    this.texts = new CaseTextRepository(deps.storage.db);
  }

  /** The window bounds: `to` defaults to now, `from` to 30 days before `to`. */
  private bounds(window: InsightWindow): { from: string; to: string; days: number } {
    // The window's end is exclusive: by default just after now, so a case stored this instant counts.
    const to = window.to ? new Date(window.to) : new Date(this.deps.clock.now().getTime() + 1);
    const from = window.from ? new Date(window.from) : new Date(to.getTime() - 30 * DAY_MS);
    return { from: from.toISOString(), to: to.toISOString(), days: Math.max(1, Math.ceil((to.getTime() - from.getTime()) / DAY_MS)) };
  }

  /** Hot issues of the window within `visibility`, hottest first. */
  async hotIssues(visibility: CaseVisibility, window: InsightWindow, top = 10): Promise<{ clusters: HotIssueView[]; cases: number }> {
    const { from, to, days } = this.bounds(window);
    const rows = await this.texts.window(visibility, { from, to, unitId: window.unitId, limit: HOT_ISSUE_CAP });
    const issues = await findHotIssuesInTurns(
      rows.map((r) => ({ id: r.id, title: r.title, body: r.content, time: r.createdAt, ...(r.unitId ? { unitId: r.unitId } : {}) })),
      { now: to, windowDays: days + 1, top, minSize: 2 },
      turn,
    );
    const unitOf = new Map(rows.map((r) => [r.id, r.unitId]));
    const unitIds = new Set(issues.flatMap((i) => i.memberIds.map((id) => unitOf.get(id)).filter((u): u is string => !!u)));
    const units = new Map((await this.deps.repos.units.listActive()).filter((u) => unitIds.has(u.id)).map((u) => [u.id, u.name]));
    return {
      cases: rows.length,
      clusters: issues.map((i) => {
        const ids = [...new Set(i.memberIds.map((id) => unitOf.get(id)).filter((u): u is string => !!u))];
        return {
          // Shown on the cockpit and the big screen, which may face a room: every kind of personal data masked.
          title: maskPii(i.title),
          heat: Math.round(i.heat * 1000) / 1000,
          size: i.size,
          caseIds: i.memberIds,
          units: ids.map((id) => ({ id, name: units.get(id) ?? id })),
        };
      }),
    };
  }

  /** The words most cases of the window mention (`countHotWords`: noise left out, short forms merged into their full form). */
  async hotWords(visibility: CaseVisibility, window: InsightWindow, top = 50): Promise<{ words: Array<{ word: string; count: number }>; cases: number }> {
    const { from, to } = this.bounds(window);
    const rows = await this.texts.window(visibility, { from, to, unitId: window.unitId, limit: HOT_ISSUE_CAP });
    return {
      words: await countHotWordsInTurns(
        rows.map((r) => `${r.title} ${r.content}`),
        top,
        turn,
      ),
      cases: rows.length,
    };
  }

  /** Reply-quality advice for a draft reply to a case (never blocks). */
  replyCheck(record: Pick<CaseRecord, 'title' | 'content'>, reply: string): ReplyQuality {
    return checkReply({ title: record.title, body: record.content }, reply);
  }
}
