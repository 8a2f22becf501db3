/**
 * Evaluation of stations, deputies and departments by admin-editable schemes: results
 * with explanations, red and black boards, what-if weights (nothing stored), gaming
 * signals for supervisors, admin inputs (inspection scores, bonus items, false reports),
 * and publication of a period's results.
 */
import {
  AppError,
  DEFAULT_SCHEMES,
  evaluate,
  gamingSignals,
  parsePeriod,
  schemeProblems,
  totalWeight,
  whatIf,
  type SchemeDefinition,
  type SubjectResult,
} from '@lianxin/core';
import { inTransaction, type EvaluationSchemeRecord } from '@lianxin/storage';
import type { ServiceDeps } from '../platform/deps';
import { authorize, type RequestActor } from '../auth/actor';
import { loadPeriod, subjectFacts, type PeriodData } from './evaluation-facts';

/** A scheme as the API shows it. */
export interface SchemeView {
  id: string;
  name: string;
  subject: EvaluationSchemeRecord['subject'];
  definition: SchemeDefinition;
  totalWeight: number;
  active: boolean;
  version: number;
  updatedAt: string;
}

function view(r: EvaluationSchemeRecord): SchemeView {
  const definition = r.definition as SchemeDefinition;
  return {
    id: r.id,
    name: r.name,
    subject: r.subject,
    definition,
    totalWeight: totalWeight(definition),
    active: r.active,
    version: r.version,
    updatedAt: r.updatedAt,
  };
}

/** Evaluation schemes and results. */
export class EvaluationService {
  private defaultsEnsured = false;

  constructor(private readonly deps: Pick<ServiceDeps, 'audit' | 'clock' | 'repos' | 'storage'>) {}

  /** Creates the shipped schemes the first time they are needed (never overwrites edits). */
  async ensureDefaults(): Promise<void> {
    if (this.defaultsEnsured) return;
    const now = this.deps.clock.now().toISOString();
    for (const s of DEFAULT_SCHEMES) await this.deps.repos.evaluations.createScheme({ ...s, updatedBy: null, now });
    this.defaultsEnsured = true;
  }

  /** Every scheme. */
  async listSchemes(actor: RequestActor): Promise<SchemeView[]> {
    authorize(actor, 'evaluation.view');
    await this.ensureDefaults();
    return (await this.deps.repos.evaluations.listSchemes()).map(view);
  }

  /** One scheme. */
  async getScheme(actor: RequestActor, id: string): Promise<SchemeView> {
    authorize(actor, 'evaluation.view');
    await this.ensureDefaults();
    return view(await this.deps.repos.evaluations.getScheme(id));
  }

  private checkDefinition(def: SchemeDefinition): void {
    const problems = schemeProblems(def).map((p) => ({ ...p, path: `definition.${p.path}` }));
    // Scores are read as points out of 100, so a stored scheme's weights must add up to it
    // (the what-if preview may try any weights; adopting them must keep the scale).
    const total = totalWeight(def);
    if (Math.abs(total - 100) > 1e-6)
      problems.push({ path: 'definition.indicators', code: 'weights_sum', message: `Indicator weights add up to ${total}, not 100.` });
    if (problems.length) throw new AppError('VALIDATION_FAILED', { details: problems });
  }

  /** Changes a scheme (admins). Published results keep the version they were computed with. */
  async updateScheme(actor: RequestActor, id: string, input: { name: string; definition: SchemeDefinition; active: boolean }, expectedVersion?: number) {
    authorize(actor, 'evaluation.manage');
    await this.ensureDefaults();
    this.checkDefinition(input.definition);
    const now = this.deps.clock.now().toISOString();
    return inTransaction(this.deps.storage.db, async (repos) => {
      const before = await repos.evaluations.getScheme(id);
      const updated = await repos.evaluations.updateScheme(id, input, expectedVersion, actor.userId, now);
      await this.deps.audit.record(
        actor,
        { action: 'evaluation_scheme.update', entity: 'evaluation_scheme', entityId: id, payload: { before: before.definition, after: input.definition } },
        repos,
      );
      return view(updated);
    });
  }

  /** A new scheme (admins), e.g. a copy of a default with other weights. */
  async createScheme(actor: RequestActor, input: { id: string; name: string; subject: EvaluationSchemeRecord['subject']; definition: SchemeDefinition }) {
    authorize(actor, 'evaluation.manage');
    this.checkDefinition(input.definition);
    const now = this.deps.clock.now().toISOString();
    return inTransaction(this.deps.storage.db, async (repos) => {
      if (!(await repos.evaluations.createScheme({ ...input, updatedBy: actor.userId, now })))
        throw new AppError('DUPLICATE', { message: 'A scheme with this id exists.' });
      await this.deps.audit.record(actor, { action: 'evaluation_scheme.create', entity: 'evaluation_scheme', entityId: input.id, summary: input.name }, repos);
      return view(await repos.evaluations.getScheme(input.id));
    });
  }

  private async compute(schemeId: string, periodKey: string, definition?: SchemeDefinition) {
    await this.ensureDefaults();
    const scheme = await this.deps.repos.evaluations.getScheme(schemeId);
    const period = parsePeriod(periodKey);
    const data = await loadPeriod(this.deps.repos, period, this.deps.clock.now());
    const inputs = new Map<string, Record<string, number>>();
    for (const i of await this.deps.repos.evaluations.inputs(schemeId, period.key))
      inputs.set(i.subjectId, { ...(inputs.get(i.subjectId) ?? {}), [i.key]: i.value });
    const def = definition ?? (scheme.definition as SchemeDefinition);
    const facts = await subjectFacts(this.deps.repos, data, scheme.subject, def.peerGroupBy, inputs);
    return { scheme, period, data, facts, def };
  }

  /** Results of a period, every score with its breakdown. */
  async results(actor: RequestActor, schemeId: string, periodKey: string) {
    authorize(actor, 'evaluation.view');
    const { scheme, period, facts, def } = await this.compute(schemeId, periodKey);
    const items = evaluate(def, facts, period.months);
    const published = await this.deps.repos.evaluations.snapshot(schemeId, period.key);
    return {
      schemeId,
      subject: scheme.subject,
      period: period.key,
      schemeVersion: scheme.version,
      // The boards' places, so every list can state its rule (core boardRuleText).
      boardSize: def.boardSize,
      items: items.map((r) => ({ ...r, metrics: facts.find((f) => f.subjectId === r.subjectId)?.metrics ?? {} })),
      published: published ? { publishedAt: published.publishedAt, schemeVersion: published.schemeVersion } : null,
    };
  }

  /** The ranking under other weights beside the current one; nothing is stored. */
  async whatIf(actor: RequestActor, schemeId: string, periodKey: string, weights: Record<string, number>) {
    authorize(actor, 'evaluation.view');
    const { period, facts, def } = await this.compute(schemeId, periodKey);
    const unknown = Object.keys(weights).filter((k) => !def.indicators.some((i) => i.key === k));
    if (unknown.length)
      throw new AppError('VALIDATION_FAILED', { details: unknown.map((k) => ({ path: `weights.${k}`, code: 'unknown_indicator', message: k })) });
    const result = whatIf(def, facts, period.months, weights);
    const strip = (r: SubjectResult) => ({
      subjectId: r.subjectId,
      name: r.name,
      peerGroup: r.peerGroup,
      score: r.score,
      rank: r.rank,
      peerRank: r.peerRank,
      board: r.board,
      boardNote: r.boardNote,
    });
    return { period: period.key, current: result.current.map(strip), proposed: result.proposed.map(strip), moves: result.moves };
  }

  /** Patterns that may be padded numbers, for supervisors (phones never shown, only numbered). */
  async signals(actor: RequestActor, periodKey: string) {
    authorize(actor, 'evaluation.signals');
    const period = parsePeriod(periodKey);
    const data: PeriodData = await loadPeriod(this.deps.repos, period, this.deps.clock.now());
    const units = new Map((await this.deps.repos.units.listActive()).map((u) => [u.id, u.name]));
    const tracking = new Map<string, string>();
    for (const c of data.cases) tracking.set(c.row.id, c.row.trackingCode);
    const signals = gamingSignals(
      data.cases.map((c) => ({
        caseId: c.row.id,
        subjectId: c.stationId,
        phoneHash: c.row.phoneHash,
        categoryId: c.row.categoryId,
        createdAt: c.row.createdAt,
        repliedAt: c.facts.repliedAt,
        ratedAt: c.facts.ratedAt,
      })),
    );
    const phoneLabels = new Map<string, string>();
    return {
      period: period.key,
      items: signals.map((s) => {
        if (s.groupKey && !phoneLabels.has(s.groupKey)) phoneLabels.set(s.groupKey, `号码#${phoneLabels.size + 1}`);
        return {
          kind: s.kind,
          unitId: s.subjectId,
          unitName: s.subjectId ? (units.get(s.subjectId) ?? null) : null,
          cases: s.caseIds.map((id) => ({ id, trackingCode: tracking.get(id) ?? '' })),
          phone: s.groupKey ? phoneLabels.get(s.groupKey)! : null,
          detail: s.detail,
        };
      }),
    };
  }

  /** Admin inputs of a period. */
  async inputs(actor: RequestActor, schemeId: string, periodKey: string) {
    authorize(actor, 'evaluation.view');
    const period = parsePeriod(periodKey);
    await this.deps.repos.evaluations.getScheme(schemeId);
    return (await this.deps.repos.evaluations.inputs(schemeId, period.key)).map((i) => ({
      subjectId: i.subjectId,
      key: i.key,
      value: i.value,
      note: i.note,
      updatedAt: i.updatedAt,
    }));
  }

  /** Sets (value null: clears) one admin input, e.g. a premises inspection score or a bonus item. */
  async setInput(
    actor: RequestActor,
    schemeId: string,
    input: { period: string; subjectId: string; key: string; value: number | null; note?: string | undefined },
  ) {
    authorize(actor, 'evaluation.manage');
    await this.ensureDefaults();
    const period = parsePeriod(input.period);
    const scheme = await this.deps.repos.evaluations.getScheme(schemeId);
    const def = scheme.definition as SchemeDefinition;
    const keys = new Set([
      ...def.indicators.flatMap((i) => (i.formula.kind === 'manual' ? [i.formula.input] : [])),
      ...def.adjustments.flatMap((a) => ('input' in a.source ? [a.source.input] : [])),
    ]);
    if (!keys.has(input.key))
      throw new AppError('VALIDATION_FAILED', { details: [{ path: 'key', code: 'unknown_input', message: `One of: ${[...keys].join(', ')}` }] });
    if (input.value !== null && !(input.value >= 0 && input.value <= 1000))
      throw new AppError('VALIDATION_FAILED', { details: [{ path: 'value', code: 'invalid', message: '0 … 1000' }] });
    const now = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.storage.db, async (repos) => {
      await repos.evaluations.setInput({
        schemeId,
        period: period.key,
        subjectId: input.subjectId,
        key: input.key,
        value: input.value,
        note: input.note?.trim() || null,
        updatedBy: actor.userId,
        updatedAt: now,
      });
      await this.deps.audit.record(
        actor,
        { action: 'evaluation.input', entity: 'evaluation_scheme', entityId: schemeId, payload: { ...input, period: period.key } },
        repos,
      );
    });
    return this.inputs(actor, schemeId, period.key);
  }

  /** Publishes (freezes) a period's results — the official boards. */
  async publish(actor: RequestActor, schemeId: string, periodKey: string) {
    authorize(actor, 'evaluation.manage');
    const { scheme, period, facts, def } = await this.compute(schemeId, periodKey);
    const items = evaluate(def, facts, period.months);
    const now = this.deps.clock.now().toISOString();
    await inTransaction(this.deps.storage.db, async (repos) => {
      await repos.evaluations.publish({
        schemeId,
        period: period.key,
        schemeVersion: scheme.version,
        results: items,
        publishedBy: actor.userId,
        publishedAt: now,
      });
      await this.deps.audit.record(actor, { action: 'evaluation.publish', entity: 'evaluation_scheme', entityId: schemeId, summary: period.key }, repos);
    });
    return { schemeId, period: period.key, publishedAt: now, schemeVersion: scheme.version };
  }

  /** The published results of a period (404 when none). */
  async published(actor: RequestActor, schemeId: string, periodKey: string) {
    authorize(actor, 'evaluation.view');
    const period = parsePeriod(periodKey);
    const snapshot = await this.deps.repos.evaluations.snapshot(schemeId, period.key);
    if (!snapshot) throw new AppError('RESOURCE_NOT_FOUND', { message: 'No published results for this period.' });
    return {
      schemeId,
      period: period.key,
      schemeVersion: snapshot.schemeVersion,
      publishedAt: snapshot.publishedAt,
      // As published: results published before boards had notes carry none.
      items: (snapshot.results as SubjectResult[]).map((r) => ({ ...r, boardNote: r.boardNote ?? null })),
    };
  }
}
