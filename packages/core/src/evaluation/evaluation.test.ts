import { describe, expect, it } from 'vitest';
import { caseFacts, type CaseEventLike } from './case-facts';
import { DEFAULT_STATION_SCHEME } from './default-schemes';
import { dutyPoints } from './duty-points';
import { gamingSignals } from './gaming';
import { parsePeriod } from './periods';
import { expandRota, isoWeekdayOf, publicationWindow, receptionPhase, ruleProblems, type ReceptionRuleSpec } from './rota';
import { schemeProblems, totalWeight, type SchemeDefinition } from './scheme';
import { evaluate, roundTo, scoreIndicator, scoreSubject, whatIf, type SubjectFacts } from './scoring';

describe('periods', () => {
  it.each([
    ['2026-03', 'month', '2026-03-01', '2026-03-31', 1, '2026-02-28T16:00:00.000Z', '2026-03-31T15:59:59.999Z'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29', 1, '2024-01-31T16:00:00.000Z', '2024-02-29T15:59:59.999Z'],
    ['2026-Q4', 'quarter', '2026-10-01', '2026-12-31', 3, '2026-09-30T16:00:00.000Z', '2026-12-31T15:59:59.999Z'],
    ['2026', 'year', '2026-01-01', '2026-12-31', 12, '2025-12-31T16:00:00.000Z', '2026-12-31T15:59:59.999Z'],
  ])('%s', (key, kind, first, last, months, from, to) => {
    expect(parsePeriod(key)).toEqual({ key, kind, firstDate: first, lastDate: last, months, from, to });
  });
  it.each(['2026-13', '2026-Q5', '26', '2026-3', ''])('rejects %j', (key) => {
    expect(() => parsePeriod(key)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

const weekly: ReceptionRuleSpec = {
  id: 'r1',
  unitId: 'u1',
  kind: 'weekly',
  weekday: 3,
  date: null,
  startTime: '09:00',
  endTime: '11:30',
  capacity: 5,
  deputyIds: ['d1', 'd2'],
  validFrom: '2026-04-01',
  validTo: '2026-04-22',
  active: true,
};

describe('reception phase', () => {
  const r = { status: 'scheduled' as const, date: '2026-04-08', endTime: '11:30' };
  const attended = [{ status: 'attended' as const }, { status: 'absent' as const }];
  it.each([
    ['before it ends', r, attended, '2026-04-08T03:29:00Z', 'scheduled'],
    ['ended, a deputy attended', r, attended, '2026-04-08T03:30:00Z', 'held'],
    ['weeks later, a deputy attended', r, attended, '2026-05-01T00:00:00Z', 'held'],
    ['ended, everyone absent or excused', r, [{ status: 'absent' as const }, { status: 'excused' as const }], '2026-04-09T00:00:00Z', 'not_held'],
    ['ended, nothing recorded', r, [], '2026-04-09T00:00:00Z', 'to_record'],
    ['cancelled', { ...r, status: 'cancelled' as const }, attended, '2026-04-09T00:00:00Z', 'cancelled'],
  ])('%s', (_, reception, attendance, now, phase) => {
    expect(receptionPhase(reception, attendance, new Date(now))).toBe(phase);
  });
});

describe('rota', () => {
  it('ISO weekdays', () => {
    expect(['2026-04-06', '2026-04-08', '2026-04-12'].map(isoWeekdayOf)).toEqual([1, 3, 7]);
  });
  it('expands weekly rules inside validity and window, one-off dates, skips inactive rules', () => {
    const once: ReceptionRuleSpec = { ...weekly, id: 'r2', kind: 'once', weekday: null, date: '2026-04-10', startTime: '14:00', validTo: null };
    const off: ReceptionRuleSpec = { ...weekly, id: 'r3', active: false };
    const got = expandRota([weekly, once, off], '2026-03-25', '2026-04-30').map((o) => `${o.ruleId}@${o.date} ${o.startTime}`);
    expect(got).toEqual(['r1@2026-04-01 09:00', 'r1@2026-04-08 09:00', 'r2@2026-04-10 14:00', 'r1@2026-04-15 09:00', 'r1@2026-04-22 09:00']);
    expect(expandRota([weekly], '2026-04-02', '2026-04-07')).toEqual([]);
  });
  it('publication window counts today', () => {
    expect(publicationWindow('2026-04-01', 14)).toEqual({ from: '2026-04-01', to: '2026-04-14' });
    expect(publicationWindow('2026-04-01', 1)).toEqual({ from: '2026-04-01', to: '2026-04-01' });
  });
  it.each([
    [{ startTime: '9:00' }, 'startTime'],
    [{ endTime: '08:00' }, 'endTime'],
    [{ weekday: 8 }, 'weekday'],
    [{ kind: 'once' as const, date: null }, 'date'],
    [{ validTo: '2026-03-01' }, 'validTo'],
    [{ capacity: -1 }, 'capacity'],
    [{ deputyIds: [] }, 'deputyIds'],
  ])('rule problem %j → %s', (change, path) => {
    expect(ruleProblems({ ...weekly, ...change }).map((p) => p.path)).toContain(path);
  });
  it('a valid rule has no problems', () => {
    expect(ruleProblems(weekly)).toEqual([]);
  });
});

const ev = (type: string, toStatus: string | null, at: string, payload: Record<string, unknown> = {}): CaseEventLike => ({
  type,
  toStatus,
  at,
  actorKind: 'user',
  payload,
});
const T = (d: string) => `2026-04-${d}T02:00:00.000Z`;
const assign = (d: string, sign: string, reply: string, who: Record<string, string> = { departmentId: 'dep1' }) =>
  ev('assign', 'assigned', T(d), { ...who, signDeadline: T(sign), replyDeadline: T(reply) });

describe('case facts from events', () => {
  it('on time, satisfied, closed', () => {
    const f = caseFacts(
      [
        ev('submitted', 'submitted', T('01')),
        ev('accept', 'accepted', T('01')),
        assign('01', '02', '10'),
        ev('sign', 'in_progress', T('02')),
        ev('reply', 'replied', T('09')),
        ev('rate', 'closed', T('09'), { rating: 'satisfied' }),
      ],
      T('30'),
    );
    expect(f).toMatchObject({
      status: 'closed',
      assigned: true,
      handlerDepartmentId: 'dep1',
      signed: true,
      signedOnTime: true,
      replied: true,
      repliedOnTime: true,
      closed: true,
      rating: 'satisfied',
      overdue: false,
      reopened: false,
    });
  });
  it('late reply, unsatisfied → reopened, reassigned; an extension moves the reply deadline', () => {
    const late = caseFacts(
      [
        assign('01', '02', '03'),
        ev('sign', 'in_progress', T('02')),
        ev('reply', 'replied', T('08')),
        ev('rate', 'reopened', T('08'), { rating: 'unsatisfied' }),
      ],
      T('08'),
    );
    expect(late).toMatchObject({ repliedOnTime: false, overdue: true, reopened: true, rating: 'unsatisfied', closed: false });
    const extended = caseFacts(
      [
        assign('01', '02', '03'),
        ev('sign', 'in_progress', T('02')),
        ev('approve_extension', 'in_progress', T('03'), { replyDeadline: T('10') }),
        ev('reply', 'replied', T('08')),
      ],
      T('08'),
    );
    expect(extended).toMatchObject({ repliedOnTime: true, overdue: false });
  });
  it('a passed open deadline is overdue; events after asOf do not count; return clears deadlines', () => {
    expect(caseFacts([assign('01', '02', '10')], T('05')).overdue).toBe(true);
    expect(caseFacts([assign('01', '02', '10'), ev('sign', 'in_progress', T('20'))], T('01')).signed).toBe(false);
    expect(caseFacts([assign('01', '02', '10'), ev('return', 'accepted', T('01'))], T('30'))).toMatchObject({
      returned: true,
      overdue: false,
      status: 'accepted',
    });
  });
  it('answered on site is on time; convert and reject', () => {
    expect(caseFacts([ev('answer_on_site', 'replied', T('01'))], T('02'))).toMatchObject({ replied: true, repliedOnTime: true });
    expect(caseFacts([ev('convert', 'converted', T('01'))], T('02')).converted).toBe(true);
    expect(caseFacts([ev('reject', 'rejected', T('01'))], T('02')).rejected).toBe(true);
  });
});

const facts = (id: string, metrics: SubjectFacts['metrics'], inputs: Record<string, number> = {}, peerGroup: string | null = null): SubjectFacts => ({
  subjectId: id,
  name: id,
  peerGroup,
  metrics,
  inputs,
});

describe('scoring', () => {
  it('the default station scheme has 100 points and is valid', () => {
    expect(totalWeight(DEFAULT_STATION_SCHEME)).toBe(100);
    expect(schemeProblems(DEFAULT_STATION_SCHEME)).toEqual([]);
  });
  it.each([
    [{ kind: 'ratio', numerator: 'closed', denominator: 'opinions' }, { closed: 1, opinions: 3 }, 0.3333, 3.33],
    [{ kind: 'ratio', numerator: 'closed', denominator: 'opinions', invert: true }, { closed: 1, opinions: 3 }, 0.6667, 6.67],
    [{ kind: 'ratio', numerator: 'closed', denominator: 'opinions' }, { closed: 0, opinions: 0 }, 0, 0],
    [{ kind: 'ratio', numerator: 'closed', denominator: 'opinions', emptyValue: 1 }, {}, 1, 10],
    [{ kind: 'target', metric: 'activities', targetPerMonth: 2 }, { activities: 3 }, 0.5, 5],
    [{ kind: 'target', metric: 'activities', targetPerMonth: 2 }, { activities: 9 }, 1, 10],
  ] as const)('indicator %j on %j (quarter) → value %d, points %d', (formula, metrics, value, points) => {
    const item = scoreIndicator({ key: 'k', label: 'k', group: 'g', weight: 10, formula: formula }, facts('s', metrics), 3);
    expect([item.value, item.points]).toEqual([value, points]);
  });
  it('manual inputs, bonus cap across items, penalties with caps', () => {
    const def: SchemeDefinition = {
      indicators: [{ key: 'premises', label: 'p', group: 'g', weight: 10, formula: { kind: 'manual', input: 'premises', max: 10 } }],
      adjustments: [
        { key: 'b1', label: 'b1', kind: 'bonus', source: { input: 'b1' }, pointsEach: 2, max: 4 },
        { key: 'b2', label: 'b2', kind: 'bonus', source: { input: 'b2' }, pointsEach: 1, max: 5 },
        { key: 'late', label: 'late', kind: 'penalty', source: { metric: 'overdue' }, pointsEach: 3, max: 7 },
      ],
      bonusCap: 5,
      peerGroupBy: 'none',
      boardSize: 0,
    };
    const r = scoreSubject(def, facts('s', { overdue: 4 }, { premises: 7.5, b1: 3, b2: 2 }), 1);
    expect(r.breakdown.map((b) => [b.indicator, b.points, b.note ?? null])).toEqual([
      ['premises', 7.5, null],
      ['b1', 4, 'capped'],
      ['b2', 1, 'capped'],
      ['late', -7, 'capped'],
    ]);
    expect(r.score).toBe(5.5);
    expect(scoreSubject(def, facts('s', {}), 1).breakdown[0]).toMatchObject({ points: 0, note: 'no_data' });
  });
  it('ranks with ties, peer ranks and boards; what-if reorders without changing the scheme', () => {
    const def: SchemeDefinition = {
      indicators: [
        { key: 'a', label: 'a', group: 'g', weight: 50, formula: { kind: 'target', metric: 'activities', targetPerMonth: 10 } },
        { key: 'o', label: 'o', group: 'g', weight: 50, formula: { kind: 'target', metric: 'opinions', targetPerMonth: 10 } },
      ],
      adjustments: [],
      bonusCap: 0,
      peerGroupBy: 'regionType',
      boardSize: 1,
    };
    const subjects = [
      facts('s1', { activities: 10, opinions: 0 }, {}, '街道'),
      facts('s2', { activities: 0, opinions: 10 }, {}, '街道'),
      facts('s3', { activities: 5, opinions: 2 }, {}, '街道'),
      facts('s4', { activities: 2, opinions: 1 }, {}, '镇'),
    ];
    const results = evaluate(def, subjects, 1);
    expect(results.map((r) => [r.subjectId, r.score, r.rank, r.peerRank, r.board])).toEqual([
      // s1 and s2 share the one red place: a tie is never split, so neither is on it
      ['s1', 50, 1, 1, null],
      ['s2', 50, 1, 1, null],
      ['s3', 35, 3, 3, 'black'],
      ['s4', 15, 4, 1, null],
    ]);
    const before = JSON.stringify(def);
    const w = whatIf(def, subjects, 1, { a: 20, o: 80 });
    expect(w.proposed.map((r) => r.subjectId)).toEqual(['s2', 's3', 's1', 's4']);
    expect(w.moves.find((m) => m.subjectId === 's1')).toMatchObject({ rankBefore: 1, rankAfter: 3, scoreBefore: 50, scoreAfter: 20 });
    expect(JSON.stringify(def)).toBe(before);
  });
  it('rounds half away from zero', () => {
    expect([roundTo(0.285, 2), roundTo(6.665, 2), roundTo(-1.005, 2)]).toEqual([0.29, 6.67, -1.01]);
  });
  it('scheme problems name the field', () => {
    const bad: SchemeDefinition = {
      ...DEFAULT_STATION_SCHEME,
      indicators: [{ key: 'x', label: 'x', group: 'g', weight: -1, formula: { kind: 'ratio', numerator: 'nope' as never, denominator: 'opinions' } }],
    };
    expect(schemeProblems(bad).map((p) => p.path)).toEqual(['indicators.0.weight', 'indicators.0.formula.numerator']);
  });
});

describe('gaming signals', () => {
  const c = (id: string, phone: string | null, created: string, replied: string | null, rated: string | null, category: string | null = 'cat') => ({
    caseId: id,
    subjectId: 'st',
    phoneHash: phone,
    categoryId: category,
    createdAt: created,
    repliedAt: replied,
    ratedAt: rated,
  });
  it('flags quick ratings, one phone rating many cases and split cases', () => {
    const s = gamingSignals([
      c('a', 'p1', '2026-04-01T01:00:00Z', '2026-04-02T01:00:00Z', '2026-04-02T01:02:00Z'),
      c('b', 'p1', '2026-04-01T05:00:00Z', '2026-04-03T01:00:00Z', '2026-04-05T01:00:00Z'),
      c('d', 'p1', '2026-04-01T20:00:00Z', '2026-04-03T01:00:00Z', '2026-04-04T01:00:00Z'),
      c('e', 'p2', '2026-04-01T01:00:00Z', null, null),
      c('f', 'p2', '2026-04-03T01:00:00Z', null, null),
    ]);
    expect(s.map((x) => [x.kind, x.caseIds.join(',')])).toEqual([
      ['quick_rating', 'a'],
      ['phone_many_ratings', 'a,b,d'],
      ['split_cases', 'a,b,d'],
    ]);
  });
});

describe('duty points', () => {
  it('applies the rule table', () => {
    const r = dutyPoints({ reception_attended: 2, reception_missed: 1, activity: 1, case_overdue: 1 });
    expect(r.total).toBe(2 * 5 - 3 + 3 - 2);
    expect(r.lines.find((l) => l.item === 'reception_attended')).toMatchObject({ count: 2, points: 5, subtotal: 10 });
  });
});
