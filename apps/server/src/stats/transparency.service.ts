/**
 * The public transparency page (政务公开): city-wide figures by station and category, and
 * the cases whose reporters agreed to publish them — with personal data masked in every
 * text and nothing about the reporter. No account needed; counts cover every case.
 */
import { CASE_STATUS_LABELS } from '@lianxin/core';
import { maskPii } from '@lianxin/text';
import type { ServiceDeps } from '../platform/deps';
import type { Language } from '../cases/case-labels';
import { presentFigures, type PresentedFigures, type StatsService } from './stats.service';

/** Figures of one station (its liaison points included) or category. */
export interface PublicLine extends PresentedFigures {
  id: string | null;
  name: string;
}

/** What the public sees. */
export interface PublicFigures extends PresentedFigures {
  period: { from: string | null; to: string | null };
  byStation: PublicLine[];
  byCategory: PublicLine[];
  generatedAt: string;
}

/** Longest excerpt of a published text. */
const EXCERPT = 300;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);

/** Builds the public figures and case list. */
export class TransparencyService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'repos'>,
    private readonly stats: StatsService,
  ) {}

  /** City-wide figures of the period, by station (liaison points counted under their station) and by category. */
  async figures(query: { from?: string | undefined; to?: string | undefined }, lang: Language): Promise<PublicFigures> {
    const overview = await this.stats.overview({ all: true }, query, lang);
    const { units } = await this.stats.names();
    const stationOf = (id: string | null) => {
      let unit = id ? units.get(id) : undefined;
      while (unit && unit.kind === 'point' && unit.parentId) unit = units.get(unit.parentId);
      return unit;
    };
    const sums = new Map<
      string,
      {
        name: string;
        received: number;
        accepted: number;
        closed: number;
        replied: number;
        rated: number;
        onTime: number;
        satisfied: number;
        handleDays: number;
        handled: number;
      }
    >();
    for (const line of overview.byUnit) {
      const station = stationOf(line.id);
      const key = station?.id ?? '';
      const sum = sums.get(key) ?? {
        name: station?.name ?? line.name,
        received: 0,
        accepted: 0,
        closed: 0,
        replied: 0,
        rated: 0,
        onTime: 0,
        satisfied: 0,
        handleDays: 0,
        handled: 0,
      };
      sum.received += line.received;
      sum.accepted += line.accepted;
      sum.closed += line.closed;
      sum.replied += line.replied;
      sum.rated += line.rated;
      sum.onTime += Math.round((line.onTimeRate ?? 0) * line.replied);
      sum.satisfied += Math.round((line.satisfactionRate ?? 0) * line.rated);
      // Average working days are weighted by the replies behind them.
      sum.handleDays += (line.avgHandleWorkdays ?? 0) * line.replied;
      sum.handled += line.avgHandleWorkdays === null ? 0 : line.replied;
      sums.set(key, sum);
    }
    const byStation = [...sums.entries()]
      .map(([id, s]) => ({
        id: id || null,
        name: s.name,
        ...presentFigures({ ...s, supervised: 0 }),
      }))
      .sort((a, b) => b.received - a.received);
    const pick = ({ received, accepted, closed, replied, rated, onTimeRate, satisfactionRate, avgHandleWorkdays }: PresentedFigures): PresentedFigures => ({
      received,
      accepted,
      closed,
      replied,
      rated,
      onTimeRate,
      satisfactionRate,
      avgHandleWorkdays,
    });
    return {
      ...pick(overview),
      period: overview.period,
      byStation,
      byCategory: overview.byCategory.map((l) => ({ id: l.id, name: l.name, ...pick(l) })),
      generatedAt: overview.generatedAt,
    };
  }

  /** A page of published cases, personal data masked. */
  async cases(query: { unitId?: string | undefined; categoryId?: string | undefined; page: number; pageSize: number }, lang: Language) {
    const { units, categories } = await this.stats.names();
    const underPath = query.unitId ? units.get(query.unitId)?.path : undefined;
    if (query.unitId && !underPath) return { items: [], total: 0 };
    const page = await this.deps.repos.stats.consentedCases({ underPath, categoryId: query.categoryId, page: query.page, pageSize: query.pageSize });
    const stationName = (id: string | null) => {
      let unit = id ? units.get(id) : undefined;
      while (unit && unit.kind === 'point' && unit.parentId) unit = units.get(unit.parentId);
      return unit?.name ?? null;
    };
    return {
      total: page.total,
      items: page.items.map((c) => ({
        id: c.id,
        title: maskPii(c.title),
        content: excerpt(maskPii(c.content)),
        status: c.status,
        statusLabel: CASE_STATUS_LABELS[c.status as keyof typeof CASE_STATUS_LABELS]?.[lang] ?? c.status,
        category: c.categoryId ? (categories.get(c.categoryId)?.name ?? null) : null,
        station: stationName(c.unitId),
        createdAt: c.createdAt,
        repliedAt: c.repliedAt,
        reply: c.replyContent ? excerpt(maskPii(c.replyContent)) : null,
        rating: c.rating === 'none' ? null : c.rating,
      })),
    };
  }
}
