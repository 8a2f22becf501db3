/**
 * Signals that numbers may be padded (刷分): ratings given within minutes of the reply,
 * one phone rating many cases, and one person's matter split into several cases. They
 * are flags for a supervisor to look at, never automatic deductions.
 */

/** What the signals look at, per case. */
export interface CaseSignalFacts {
  caseId: string;
  /** The unit (station) the case belongs to, for grouping. */
  subjectId: string | null;
  /** Keyed hash of the reporter's phone (never the number). */
  phoneHash: string | null;
  categoryId: string | null;
  createdAt: string;
  repliedAt: string | null;
  ratedAt: string | null;
}

/** One flagged pattern. */
export interface GamingSignal {
  kind: 'quick_rating' | 'phone_many_ratings' | 'split_cases';
  subjectId: string | null;
  caseIds: string[];
  /** Opaque group key (e.g. a phone hash); the server replaces it before showing it. */
  groupKey: string | null;
  detail: Record<string, number>;
}

/** Thresholds of the signals. */
export interface GamingThresholds {
  quickRatingMinutes: number;
  phoneRatingsMin: number;
  splitWindowHours: number;
  splitCasesMin: number;
}

/** Defaults: rated within 5 minutes, 3+ ratings from one phone, 3+ cases in 24 hours in one category. */
export const DEFAULT_GAMING_THRESHOLDS: GamingThresholds = { quickRatingMinutes: 5, phoneRatingsMin: 3, splitWindowHours: 24, splitCasesMin: 3 };

const MINUTE = 60_000;

/** Flags suspicious patterns among `cases`. */
export function gamingSignals(cases: readonly CaseSignalFacts[], t: GamingThresholds = DEFAULT_GAMING_THRESHOLDS): GamingSignal[] {
  const signals: GamingSignal[] = [];
  for (const c of cases) {
    if (!c.repliedAt || !c.ratedAt) continue;
    const minutes = (Date.parse(c.ratedAt) - Date.parse(c.repliedAt)) / MINUTE;
    if (minutes >= 0 && minutes <= t.quickRatingMinutes)
      signals.push({ kind: 'quick_rating', subjectId: c.subjectId, caseIds: [c.caseId], groupKey: null, detail: { minutes: Math.round(minutes * 10) / 10 } });
  }
  const byPhone = new Map<string, CaseSignalFacts[]>();
  for (const c of cases) if (c.phoneHash) byPhone.set(c.phoneHash, [...(byPhone.get(c.phoneHash) ?? []), c]);
  for (const [phone, list] of [...byPhone.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const rated = list.filter((c) => c.ratedAt);
    if (rated.length >= t.phoneRatingsMin)
      signals.push({
        kind: 'phone_many_ratings',
        subjectId: rated[0].subjectId,
        caseIds: rated.map((c) => c.caseId),
        groupKey: phone,
        detail: { ratings: rated.length },
      });
    // Split cases: one phone, one category, several cases within the window.
    const byCategory = new Map<string, CaseSignalFacts[]>();
    for (const c of list) byCategory.set(c.categoryId ?? '', [...(byCategory.get(c.categoryId ?? '') ?? []), c]);
    for (const group of byCategory.values()) {
      const sorted = [...group].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
      let start = 0;
      let best: CaseSignalFacts[] = [];
      for (let end = 0; end < sorted.length; end++) {
        while (Date.parse(sorted[end].createdAt) - Date.parse(sorted[start].createdAt) > t.splitWindowHours * 60 * MINUTE) start++;
        if (end - start + 1 > best.length) best = sorted.slice(start, end + 1);
      }
      if (best.length >= t.splitCasesMin)
        signals.push({
          kind: 'split_cases',
          subjectId: best[0].subjectId,
          caseIds: best.map((c) => c.caseId),
          groupKey: phone,
          detail: { cases: best.length },
        });
    }
  }
  return signals;
}
