/**
 * One station's monthly report (issue #5): its score items, its rank among its peers,
 * the key figures behind them and a short trend, read from the same evaluation results
 * the ranking shows, so the printed page and the ranking never disagree.
 */
import { AppError, isWithinUnit } from '@lianxin/core';
import type { Repositories } from '@lianxin/storage';
import type { EvaluationService } from '../evaluation/evaluation.service';
import { authorize, type RequestActor } from '../auth/actor';

/** How many months the trend reaches back (the report's month included). */
const TREND_MONTHS = 6;

/** A share as a percentage with one decimal, or null when nothing was counted. */
function percent(numerator: number | undefined, denominator: number | undefined): number | null {
  if (!denominator) return null;
  return Math.round(((numerator ?? 0) / denominator) * 1000) / 10;
}

/** The month `offset` months before `period` (YYYY-MM). */
function monthBefore(period: string, offset: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) - offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The report of one station for one month. */
export async function stationReport(
  ctx: { evaluations: EvaluationService; repos: Repositories },
  actor: RequestActor,
  schemeId: string,
  unitId: string,
  period: string,
) {
  authorize(actor, 'evaluation.view');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new AppError('VALIDATION_FAILED', { message: 'The station report is monthly: period is YYYY-MM.' });
  const unit = await ctx.repos.units.find(unitId);
  if (!unit) throw new AppError('RESOURCE_NOT_FOUND', { message: 'No such station.' });
  // Station staff see their own station only; everyone else with evaluation.view sees all.
  if (actor.scope.unitPath && !isWithinUnit(actor.scope.unitPath, unit.path)) throw new AppError('PERMISSION_DENIED');
  const results = await ctx.evaluations.results(actor, schemeId, period);
  if (results.subject !== 'unit') throw new AppError('VALIDATION_FAILED', { message: 'This scheme does not evaluate stations.' });
  const item = results.items.find((r) => r.subjectId === unitId);
  if (!item) throw new AppError('RESOURCE_NOT_FOUND', { message: 'The station is not evaluated by this scheme.' });
  const peers = results.items.filter((r) => r.peerGroup === item.peerGroup);
  const m = item.metrics;
  const trend: Array<{ period: string; score: number | null; rank: number | null }> = [];
  for (let i = TREND_MONTHS - 1; i >= 1; i--) {
    const key = monthBefore(period, i);
    const past = (await ctx.evaluations.results(actor, schemeId, key)).items.find((r) => r.subjectId === unitId);
    trend.push({ period: key, score: past?.score ?? null, rank: past?.rank ?? null });
  }
  trend.push({ period, score: item.score, rank: item.rank });
  return {
    schemeId,
    period: results.period,
    unit: { id: unit.id, name: unit.name },
    score: item.score,
    rank: item.rank,
    total: results.items.length,
    peerGroup: item.peerGroup,
    peerRank: item.peerRank,
    peerTotal: peers.length,
    board: item.board,
    boardNote: item.boardNote,
    boardSize: results.boardSize,
    figures: {
      receptionsPlanned: m.receptionsPlanned ?? 0,
      receptionsHeld: m.receptionsHeld ?? 0,
      opinions: m.opinions ?? 0,
      casesAssigned: m.casesAssigned ?? 0,
      signedOnTimeRate: percent(m.signedOnTime, m.signed),
      repliedOnTimeRate: percent(m.repliedOnTime, m.replied),
      satisfactionRate: percent(m.satisfiedOrBasic, m.rated),
      rated: m.rated ?? 0,
    },
    breakdown: item.breakdown,
    metrics: m,
    trend,
    published: results.published,
  };
}

/** The report's body. */
export type StationReport = Awaited<ReturnType<typeof stationReport>>;
