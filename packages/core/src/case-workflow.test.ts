import { describe, expect, it } from 'vitest';
import { allowedCaseActions } from './case-access';
import { clockStatus, nextEscalation } from './case-clocks';
import { CASE_ACTIONS, CASE_STATUSES, type CaseAction, type CaseActionType, type CaseActor, type CaseSnapshot, type CaseStatus } from './case-model';
import { assertCaseVersion, openCase, transition } from './case-workflow';
import { isAppError } from './errors';
import { createWorkingCalendar } from './working-calendar';

const calendar = createWorkingCalendar();
const T0 = '2025-11-03T02:00:00.000Z'; // Monday 10:00 in China
const NOW = new Date('2025-11-04T02:00:00.000Z'); // inside the rating window of a reply at T0
const AFTER_WINDOW = new Date('2025-11-12T02:00:00.000Z');

// ---------------------------------------------------------------------------------------------
// Actors. The case lives at /hub/st-a/pt-1/, is assigned to dept-1 (once assigned) and addressed to deputy dep-1.
// ---------------------------------------------------------------------------------------------
const ACTORS = {
  admin: { userId: 'u-admin', roles: ['admin'], scope: {} },
  supervisor: { userId: 'u-sup', roles: ['supervisor'], scope: {} },
  supervisor_out: { userId: 'u-sup-b', roles: ['supervisor'], scope: { unitPath: '/hub/st-b/' } },
  staff: { userId: 'u-staff', roles: ['staff'], scope: { unitPath: '/hub/st-a/' } },
  staff_out: { userId: 'u-staff-b', roles: ['staff'], scope: { unitPath: '/hub/st-b/' } },
  dept: { userId: 'u-dept', roles: ['department'], scope: { departmentId: 'dept-1' } },
  dept_other: { userId: 'u-dept-2', roles: ['department'], scope: { departmentId: 'dept-2' } },
  deputy: { userId: 'u-dep', roles: ['deputy'], scope: { deputyId: 'dep-1' } },
  deputy_other: { userId: 'u-dep-2', roles: ['deputy'], scope: { deputyId: 'dep-2', unitPath: '/hub/st-b/' } },
  citizen: { kind: 'citizen', caseId: 'case-1' },
  citizen_other: { kind: 'citizen', caseId: 'case-9' },
  system: { kind: 'system', name: 'scheduler' },
} satisfies Record<string, CaseActor>;
type ActorKey = keyof typeof ACTORS;
const ACTOR_KEYS = Object.keys(ACTORS) as ActorKey[];

// ---------------------------------------------------------------------------------------------
// Fixtures: one case per state, built by hand (not through `transition`).
// ---------------------------------------------------------------------------------------------
function base(): CaseSnapshot {
  return {
    id: 'case-1',
    status: 'submitted',
    version: 4,
    unitPath: '/hub/st-a/pt-1/',
    categoryId: 'cat-1',
    kind: 'complaint',
    departmentId: null,
    deputyId: null,
    targetDeputyId: 'dep-1',
    handleWorkdays: null,
    deadlines: { accept: '2025-11-04T15:59:59.999Z', sign: null, reply: null, rating: null },
    extension: { status: 'none', requestedDays: null, reason: null, approvedDays: 0, baseReplyDeadline: null },
    reopenCount: 0,
    unsatisfiedCount: 0,
    rating: null,
    supervised: false,
    escalation: { level: 'none', clock: null, at: null },
    urgeCount: 0,
    mergedInto: null,
    suggestionId: null,
    submittedAt: '2025-11-03T01:00:00.000Z',
    repliedAt: null,
    closedAt: null,
  };
}

const HANDLED: Partial<CaseSnapshot> = {
  departmentId: 'dept-1',
  handleWorkdays: 7,
  deadlines: { accept: '2025-11-04T15:59:59.999Z', sign: '2025-11-04T15:59:59.999Z', reply: '2025-11-12T15:59:59.999Z', rating: null },
  extension: { status: 'none', requestedDays: null, reason: null, approvedDays: 0, baseReplyDeadline: '2025-11-12T15:59:59.999Z' },
};

function fixture(status: CaseStatus, action?: CaseActionType): CaseSnapshot {
  const c = { ...base(), status };
  switch (status) {
    case 'submitted':
    case 'accepted':
    case 'rejected':
    case 'converted':
      return c;
    case 'assigned':
      return { ...c, ...HANDLED };
    case 'in_progress': {
      const pending = action === 'approve_extension' || action === 'deny_extension';
      return { ...c, ...HANDLED, extension: { ...HANDLED.extension!, ...(pending ? { status: 'pending', requestedDays: 3, reason: '需要现场勘查' } : {}) } };
    }
    case 'replied':
      return { ...c, ...HANDLED, repliedAt: T0, deadlines: { ...HANDLED.deadlines!, rating: '2025-11-10T15:59:59.999Z' } };
    case 'closed':
      return { ...c, ...HANDLED, repliedAt: T0, rating: 'satisfied', closedAt: '2025-11-04T00:00:00.000Z' };
    case 'reopened':
      return { ...c, ...HANDLED, reopenCount: 1, deadlines: { ...HANDLED.deadlines!, sign: null, reply: null } };
    case 'merged':
      return { ...c, mergedInto: 'case-0', mergedMasterStatus: 'replied' };
  }
}

const PAYLOADS: Record<CaseActionType, CaseAction> = {
  accept: { type: 'accept' },
  reject: { type: 'reject', reason: '属于诉讼事项', guidance: '请向法院起诉' },
  answer_on_site: { type: 'answer_on_site', content: '已当场解释政策' },
  assign: { type: 'assign', departmentId: 'dept-1' },
  sign: { type: 'sign' },
  return: { type: 'return', reason: '不属于本单位职责' },
  reply: { type: 'reply', content: '已安排维修' },
  request_extension: { type: 'request_extension', days: 3, reason: '需要现场勘查' },
  approve_extension: { type: 'approve_extension' },
  deny_extension: { type: 'deny_extension', reason: '理由不充分' },
  urge: { type: 'urge', note: '请抓紧办理', level: 'station' },
  supervise: { type: 'supervise', note: '列入督办', level: 'hub' },
  rate: { type: 'rate', rating: 'satisfied' },
  reopen: { type: 'reopen', reason: '答复不实' },
  close: { type: 'close', reason: '督办结论：已解决' },
  merge: { type: 'merge', intoCaseId: 'case-2' },
  convert: { type: 'convert', suggestionId: 'sug-1' },
  note: { type: 'note', content: '电话联系了群众' },
};

// ---------------------------------------------------------------------------------------------
// The spec: per action, the states it applies in and, per state, who may take it. Anything not
// listed is refused: a state not listed → CASE_INVALID_TRANSITION; an actor not listed →
// PERMISSION_DENIED. Written out by hand; the implementation is not consulted.
// ---------------------------------------------------------------------------------------------
const OPEN: CaseStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'reopened'];
const each = (states: CaseStatus[], who: ActorKey[]): Partial<Record<CaseStatus, ActorKey[]>> => Object.fromEntries(states.map((s) => [s, who]));
const NOTE_ANY: ActorKey[] = ['admin', 'supervisor', 'staff', 'deputy'];
const NOTE_HANDLED: ActorKey[] = [...NOTE_ANY, 'dept'];

const SPEC: Record<CaseActionType, Partial<Record<CaseStatus, ActorKey[]>>> = {
  accept: { submitted: ['admin', 'staff'] },
  reject: { submitted: ['admin', 'staff'] },
  answer_on_site: each(['accepted', 'reopened'], ['admin', 'staff', 'deputy']),
  assign: each(['accepted', 'reopened'], ['admin', 'staff']),
  sign: { assigned: ['admin', 'dept'] },
  return: each(['assigned', 'in_progress'], ['admin', 'dept']),
  reply: { in_progress: ['admin', 'dept'] },
  request_extension: { in_progress: ['admin', 'dept'] },
  approve_extension: { in_progress: ['admin', 'supervisor', 'staff'] },
  deny_extension: { in_progress: ['admin', 'supervisor', 'staff'] },
  urge: each(OPEN, ['admin', 'supervisor', 'staff', 'system']),
  supervise: each(OPEN, ['admin', 'supervisor', 'system']),
  rate: each(['replied', 'merged'], ['citizen']),
  reopen: each(['replied', 'closed', 'rejected'], ['admin', 'supervisor', 'staff']),
  close: { replied: ['admin', 'supervisor', 'staff', 'system'], reopened: ['admin', 'supervisor', 'staff'] },
  merge: each(OPEN, ['admin', 'staff']),
  // The system: a suggestion's submission converts its accepted source opinions, whoever submits.
  convert: { accepted: ['admin', 'staff', 'deputy', 'system'] },
  note: {
    submitted: NOTE_ANY,
    accepted: NOTE_ANY,
    assigned: NOTE_HANDLED,
    in_progress: NOTE_HANDLED,
    replied: NOTE_HANDLED,
    closed: NOTE_HANDLED,
    rejected: NOTE_ANY,
    reopened: NOTE_HANDLED,
    merged: NOTE_ANY,
    converted: NOTE_ANY,
  },
};

/** The state a successful action leaves the case in ('same' = unchanged). */
const TARGET: Record<CaseActionType, CaseStatus | 'same'> = {
  accept: 'accepted',
  reject: 'rejected',
  answer_on_site: 'replied',
  assign: 'assigned',
  sign: 'in_progress',
  return: 'accepted',
  reply: 'replied',
  request_extension: 'same',
  approve_extension: 'same',
  deny_extension: 'same',
  urge: 'same',
  supervise: 'same',
  rate: 'closed', // satisfied; on a merged case: 'same'
  reopen: 'reopened',
  close: 'closed',
  merge: 'merged',
  convert: 'converted',
  note: 'same',
};

/** 'ok', an error code, or a description of what went wrong. */
type Outcome = string;

function expected(action: CaseActionType, state: CaseStatus, who: ActorKey): Outcome {
  const states = SPEC[action];
  if (!states[state]) return 'CASE_INVALID_TRANSITION';
  return states[state].includes(who) ? 'ok' : 'PERMISSION_DENIED';
}

function nowFor(action: CaseActionType): Date {
  return action === 'close' ? AFTER_WINDOW : NOW;
}

function attempt(c: CaseSnapshot, action: CaseAction, who: ActorKey, now: Date): Outcome {
  try {
    const result = transition(c, action, ACTORS[who], now, calendar);
    // The reopened fixture was with dept-1 and the assign payload gives it back to dept-1, which
    // signed for it before: no second 签收, it is in progress at once.
    const target =
      TARGET[action.type] === 'same' || (action.type === 'rate' && c.status === 'merged')
        ? c.status
        : action.type === 'assign' && c.status === 'reopened'
          ? 'in_progress'
          : TARGET[action.type];
    if (result.case.status !== target) return `wrong status ${result.case.status}`;
    if (result.case.version !== c.version + 1) return 'version not bumped';
    if (result.events.length < 1 || result.events[0].fromStatus !== c.status || result.events[0].type !== action.type) return 'bad event';
    return 'ok';
  } catch (error) {
    return isAppError(error) ? error.code : `threw ${String(error)}`;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('case workflow table: every state × action × actor', () => {
  for (const action of CASE_ACTIONS) {
    for (const state of CASE_STATUSES) {
      it(`${action} on ${state}`, () => {
        const got: Record<string, Outcome> = {};
        const want: Record<string, Outcome> = {};
        for (const who of ACTOR_KEYS) {
          const c = deepFreeze(fixture(state, action));
          got[who] = attempt(c, PAYLOADS[action], who, nowFor(action));
          want[who] = expected(action, state, who);
        }
        expect(got).toEqual(want);
      });
    }
  }

  it('allowedCaseActions lists exactly what the spec allows (the console buttons)', () => {
    for (const state of CASE_STATUSES) {
      for (const who of ACTOR_KEYS) {
        // Extension decisions need a pending request; take the in_progress case without one.
        const c = fixture(state);
        const want = CASE_ACTIONS.filter(
          (a) => expected(a, state, who) === 'ok' && !(state === 'in_progress' && (a === 'approve_extension' || a === 'deny_extension')),
        );
        const wantAt = (now: Date) =>
          want.filter((a) => (a === 'close' && state === 'replied' ? now === AFTER_WINDOW : a === 'rate' && state === 'replied' ? now === NOW : true));
        expect(allowedCaseActions(c, ACTORS[who], NOW), `${state} ${who} now`).toEqual(wantAt(NOW));
        expect(allowedCaseActions(c, ACTORS[who], AFTER_WINDOW), `${state} ${who} later`).toEqual(wantAt(AFTER_WINDOW));
      }
    }
  });
});

function code(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return isAppError(error) ? error.code : String(error);
  }
}

const staff = ACTORS.staff;
const dept = ACTORS.dept;
const citizen = ACTORS.citizen;

describe('the closed loop across 2025 National Day (acceptance journey, simulated clock)', () => {
  it('submit → accept → assign → sign → reply → 不满意 → back to the handler → reply → 满意 → closed', () => {
    let r = openCase(
      { id: 'case-1', unitPath: '/hub/st-a/pt-1/', kind: 'complaint', payload: { channel: 'online' } },
      citizen,
      new Date('2025-09-26T06:00:00Z'),
      calendar,
    );
    // Friday 14:00 + 1 working day → the make-up Sunday Sep 28.
    expect(r.case.deadlines.accept).toBe('2025-09-28T15:59:59.999Z');
    expect(r.events).toEqual([expect.objectContaining({ type: 'submitted', toStatus: 'submitted', actorId: 'citizen', actorKind: 'citizen' })]);
    expect(r.effects).toContainEqual({ type: 'schedule', job: 'case.deadline', clock: 'accept', at: '2025-09-28T16:00:00.000Z' });

    r = transition(r.case, { type: 'accept', categoryId: 'cat-housing' }, staff, new Date('2025-09-28T01:00:00Z'), calendar);
    expect(r.case).toMatchObject({ status: 'accepted', categoryId: 'cat-housing', version: 2 });

    r = transition(r.case, { type: 'assign', departmentId: 'dept-1' }, staff, new Date('2025-09-29T02:00:00Z'), calendar);
    // Complaint: 7 working days after Monday Sep 29: 9-30, 10-9, 10-10, 10-11 (Sat, make-up), 10-13, 10-14, 10-15.
    expect(r.case.deadlines).toMatchObject({ sign: '2025-09-30T15:59:59.999Z', reply: '2025-10-15T15:59:59.999Z' });
    expect(r.effects).toContainEqual({ type: 'notify', to: 'handler', template: 'case.assigned' });

    r = transition(r.case, { type: 'sign' }, dept, new Date('2025-09-30T01:00:00Z'), calendar);
    r = transition(r.case, { type: 'reply', content: '已修复路灯' }, dept, new Date('2025-10-09T02:00:00Z'), calendar);
    expect(r.case).toMatchObject({ status: 'replied', repliedAt: '2025-10-09T02:00:00.000Z' });
    expect(r.case.deadlines.rating).toBe('2025-10-16T15:59:59.999Z');
    expect(r.effects).toContainEqual({ type: 'notify', to: 'citizen', template: 'case.replied' });

    r = transition(r.case, { type: 'rate', rating: 'unsatisfied', comment: '灯还是不亮' }, citizen, new Date('2025-10-10T02:00:00Z'), calendar);
    expect(r.events.map((e) => [e.type, e.fromStatus, e.toStatus, e.actorId])).toEqual([
      ['rate', 'replied', 'reopened', 'citizen'],
      ['reassigned', 'reopened', 'assigned', 'system:workflow'],
      // The department signed for this case before: no second 签收.
      ['sign', 'assigned', 'in_progress', 'system:workflow'],
    ]);
    // Same handler, a new reply clock from Friday Oct 10, 7 working days: 10-11 (make-up day),
    // 10-13, 10-14, 10-15, 10-16, 10-17, 10-20; no sign clock.
    expect(r.case).toMatchObject({ status: 'in_progress', departmentId: 'dept-1', reopenCount: 1, unsatisfiedCount: 1, rating: 'unsatisfied' });
    expect(r.case.deadlines).toMatchObject({ sign: null, reply: '2025-10-20T15:59:59.999Z', rating: null });
    expect(r.effects.filter((e) => e.type === 'schedule').map((e) => (e as { clock: string }).clock)).toEqual(['reply', 'reply']);

    r = transition(r.case, { type: 'reply', content: '已更换灯具' }, dept, new Date('2025-10-13T02:00:00Z'), calendar);
    r = transition(r.case, { type: 'rate', rating: 'satisfied' }, citizen, new Date('2025-10-14T02:00:00Z'), calendar);
    expect(r.case).toMatchObject({ status: 'closed', rating: 'satisfied', closedAt: '2025-10-14T02:00:00.000Z', version: 8 });
  });
});

describe('rework after 不满意 (重办)', () => {
  const reopened = (): CaseSnapshot => ({ ...fixture('reopened'), unsatisfiedCount: 1 });
  it.each<[string, CaseAction, ActorKey, CaseStatus, 'sign' | 'reply']>([
    ['back to the department that signed for it before: no second 签收', { type: 'assign', departmentId: 'dept-1' }, 'dept', 'in_progress', 'reply'],
    ['to another department: it signs first', { type: 'assign', departmentId: 'dept-2' }, 'dept_other', 'assigned', 'sign'],
    ['to a deputy: the deputy signs first', { type: 'assign', deputyId: 'dep-1' }, 'deputy', 'assigned', 'sign'],
  ])('assigning a reopened case %s', (_, action, handler, status, next) => {
    const r = transition(reopened(), action, staff, NOW, calendar);
    expect(r.case.status).toBe(status);
    expect(r.case.deadlines.sign === null).toBe(next === 'reply');
    expect(r.case.deadlines.reply).not.toBeNull();
    const allowed = allowedCaseActions(r.case, ACTORS[handler], NOW);
    expect(allowed).toContain(next);
    expect(allowed).not.toContain(next === 'reply' ? 'sign' : 'reply');
  });
});

describe('rating loop rules', () => {
  it('a second 不满意 keeps the case reopened under supervision; only supervisors (or admins) close it, with a reason', () => {
    const c = { ...fixture('replied'), unsatisfiedCount: 1, reopenCount: 1 };
    const r = transition(c, { type: 'rate', rating: 'unsatisfied' }, citizen, NOW, calendar);
    expect(r.case).toMatchObject({ status: 'reopened', supervised: true, unsatisfiedCount: 2, escalation: { level: 'congress_office' } });
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'escalate', level: 'congress_office', reason: 'unsatisfied_again' }));
    expect(code(() => transition(r.case, { type: 'close', reason: '已解释' }, staff, NOW, calendar))).toBe('PERMISSION_DENIED');
    expect(code(() => transition(r.case, { type: 'close' }, ACTORS.supervisor, NOW, calendar))).toBe('VALIDATION_FAILED');
    expect(transition(r.case, { type: 'close', reason: '督办结论' }, ACTORS.supervisor, NOW, calendar).case.status).toBe('closed');
    expect(allowedCaseActions(r.case, staff, NOW)).not.toContain('close');
  });
  it('不满意 with an on-site answer goes back to the station (no handler to return it to)', () => {
    const answered = transition(fixture('accepted'), { type: 'answer_on_site', content: '当场答复' }, staff, new Date(T0), calendar);
    const r = transition(answered.case, { type: 'rate', rating: 'unsatisfied' }, citizen, NOW, calendar);
    expect(r.case.status).toBe('reopened');
    expect(r.effects).toEqual([{ type: 'notify', to: 'staff', template: 'case.reopened' }]);
  });
  it('the rating window: no rating after it; the system closes only after it, as not rated', () => {
    const c = fixture('replied');
    expect(code(() => transition(c, { type: 'rate', rating: 'satisfied' }, citizen, AFTER_WINDOW, calendar))).toBe('CASE_INVALID_TRANSITION');
    expect(code(() => transition(c, { type: 'close' }, ACTORS.system, NOW, calendar))).toBe('CASE_INVALID_TRANSITION');
    const r = transition(c, { type: 'close' }, ACTORS.system, AFTER_WINDOW, calendar);
    expect(r.case).toMatchObject({ status: 'closed', rating: 'none' });
    expect(r.events[0]).toMatchObject({ actorId: 'system:scheduler', actorKind: 'system', payload: { rating: 'none' } });
  });
  it('a merged case keeps its status when its reporter rates the master reply, and needs a master reply first', () => {
    const r = transition(fixture('merged'), { type: 'rate', rating: 'unsatisfied' }, citizen, NOW, calendar);
    expect(r.case).toMatchObject({ status: 'merged', rating: 'unsatisfied' });
    expect(r.effects).toContainEqual({ type: 'notify', to: 'supervisor', template: 'case.merged_unsatisfied' });
    const early = { ...fixture('merged'), mergedMasterStatus: 'in_progress' as const };
    expect(code(() => transition(early, { type: 'rate', rating: 'satisfied' }, citizen, NOW, calendar))).toBe('CASE_INVALID_TRANSITION');
  });
});

describe('extensions move only the reply clock, only when approved, capped at 20 calendar days', () => {
  const c = fixture('in_progress'); // reply deadline Wed 2025-11-12, base the same
  it('approve moves the reply deadline by the requested working days', () => {
    const requested = transition(c, { type: 'request_extension', days: 5, reason: '需协调多部门' }, dept, NOW, calendar);
    expect(requested.case.deadlines.reply).toBe(c.deadlines.reply);
    expect(requested.case.extension).toMatchObject({ status: 'pending', requestedDays: 5 });
    expect(code(() => transition(requested.case, { type: 'request_extension', days: 1, reason: 'x' }, dept, NOW, calendar))).toBe('CASE_INVALID_TRANSITION');
    const approved = transition(requested.case, { type: 'approve_extension' }, staff, NOW, calendar);
    expect(approved.case.deadlines.reply).toBe('2025-11-19T15:59:59.999Z');
    expect(approved.case.deadlines.sign).toBe(c.deadlines.sign);
    expect(approved.case.extension).toMatchObject({ status: 'approved', approvedDays: 5 });
  });
  it('a request beyond the cap is granted only up to base + 20 calendar days, then no more', () => {
    const first = transition(
      transition(c, { type: 'request_extension', days: 5, reason: 'a' }, dept, NOW, calendar).case,
      { type: 'approve_extension' },
      staff,
      NOW,
      calendar,
    );
    const second = transition(
      transition(first.case, { type: 'request_extension', days: 20, reason: 'b' }, dept, NOW, calendar).case,
      { type: 'approve_extension' },
      staff,
      NOW,
      calendar,
    );
    // Base Wed 11-12 + 20 calendar days = Tue 12-02; from Wed 11-19 that is 9 working days.
    expect(second.case.deadlines.reply).toBe('2025-12-02T15:59:59.999Z');
    expect(second.case.extension.approvedDays).toBe(14);
    expect(second.events[0].payload).toMatchObject({ requestedDays: 20, approvedDays: 9 });
    expect(code(() => transition(second.case, { type: 'request_extension', days: 1, reason: 'c' }, dept, NOW, calendar))).toBe('CASE_INVALID_TRANSITION');
  });
  it('deny leaves the deadline; a decision without a pending request is refused', () => {
    const requested = transition(c, { type: 'request_extension', days: 2, reason: 'x' }, dept, NOW, calendar);
    const denied = transition(requested.case, { type: 'deny_extension' }, ACTORS.supervisor, NOW, calendar);
    expect(denied.case.deadlines.reply).toBe(c.deadlines.reply);
    expect(denied.case.extension.status).toBe('denied');
    expect(code(() => transition(denied.case, { type: 'approve_extension' }, staff, NOW, calendar))).toBe('CASE_INVALID_TRANSITION');
  });
});

describe('reply time limits: dueWorkdays, then category, then appeal kind, then the default', () => {
  const at = new Date(T0); // Monday 2025-11-03
  const settings = { categoryWorkdays: { 'cat-1': 10 }, handleWorkdaysByKind: { complaint: 7 }, defaultHandleWorkdays: 15 };
  const reply = (c: CaseSnapshot, action: CaseAction) => transition(c, action, staff, at, calendar, settings).case.deadlines.reply;
  it('uses each source in turn', () => {
    expect(reply(fixture('accepted'), { type: 'assign', departmentId: 'd', dueWorkdays: 2 })).toBe('2025-11-05T15:59:59.999Z');
    expect(reply(fixture('accepted'), { type: 'assign', departmentId: 'd' })).toBe('2025-11-17T15:59:59.999Z');
    expect(reply({ ...fixture('accepted'), categoryId: 'cat-x' }, { type: 'assign', departmentId: 'd' })).toBe('2025-11-12T15:59:59.999Z');
    expect(reply({ ...fixture('accepted'), categoryId: null, kind: null }, { type: 'assign', departmentId: 'd' })).toBe('2025-11-24T15:59:59.999Z');
  });
});

describe('payloads are validated and refusals never change the case', () => {
  const cases: [CaseStatus, CaseAction, CaseActor][] = [
    ['submitted', { type: 'reject', reason: '  ' }, staff],
    ['accepted', { type: 'assign' }, staff],
    ['accepted', { type: 'assign', departmentId: 'a', deputyId: 'b' }, staff],
    ['accepted', { type: 'assign', departmentId: 'a', dueWorkdays: 0 }, staff],
    ['accepted', { type: 'answer_on_site', content: '' }, staff],
    ['assigned', { type: 'return', reason: '' }, dept],
    ['in_progress', { type: 'reply', content: '' }, dept],
    ['in_progress', { type: 'request_extension', days: 0, reason: 'x' }, dept],
    ['in_progress', { type: 'request_extension', days: 2, reason: '' }, dept],
    ['in_progress', { type: 'urge', note: '' }, staff],
    ['in_progress', { type: 'urge', note: 'x' }, ACTORS.system],
    ['replied', { type: 'rate', rating: 'great' as 'satisfied' }, citizen],
    ['closed', { type: 'reopen', reason: '' }, staff],
    ['reopened', { type: 'close' }, staff],
    ['submitted', { type: 'merge', intoCaseId: 'case-1' }, staff],
    ['submitted', { type: 'note', content: '' }, staff],
  ];
  for (const [state, action, actor] of cases) {
    it(`${action.type} on ${state} with ${JSON.stringify(action)}`, () => {
      const c = deepFreeze(fixture(state));
      expect(code(() => transition(c, action, actor, NOW, calendar))).toBe('VALIDATION_FAILED');
    });
  }
});

describe('scope', () => {
  it('a case assigned to a deputy is signed and replied by that deputy, not by a department', () => {
    const c: CaseSnapshot = { ...fixture('assigned'), departmentId: null, deputyId: 'dep-1', targetDeputyId: null };
    expect(allowedCaseActions(c, ACTORS.deputy, NOW)).toEqual(['sign', 'return', 'note']);
    expect(allowedCaseActions(c, ACTORS.dept, NOW)).toEqual([]);
    const signed = transition(c, { type: 'sign' }, ACTORS.deputy, NOW, calendar);
    expect(allowedCaseActions(signed.case, ACTORS.deputy, NOW)).toEqual(['return', 'reply', 'request_extension', 'note']);
  });
  it('a deputy reaches the cases of their home unit subtree', () => {
    const home: CaseActor = { userId: 'u-dep-3', roles: ['deputy'], scope: { deputyId: 'dep-3', unitPath: '/hub/st-a/' } };
    expect(allowedCaseActions(fixture('accepted'), home, NOW)).toEqual(['answer_on_site', 'convert', 'note']);
  });
  it('a supervisor limited to a subtree urges only inside it; staff need a unit', () => {
    const inside: CaseActor = { userId: 's', roles: ['supervisor'], scope: { unitPath: '/hub/st-a/' } };
    expect(allowedCaseActions(fixture('in_progress'), inside, NOW)).toContain('supervise');
    expect(allowedCaseActions(fixture('in_progress'), { userId: 'x', roles: ['staff'], scope: {} }, NOW)).toEqual([]);
  });
  it('a unit path prefix must be a whole segment', () => {
    const c = { ...fixture('submitted'), unitPath: '/hub/st-ab/' };
    expect(code(() => transition(c, { type: 'accept' }, staff, NOW, calendar))).toBe('PERMISSION_DENIED');
  });
});

describe('versions', () => {
  it('every action bumps the version; a stale expectedVersion is a conflict', () => {
    const c = fixture('submitted');
    expect(() => assertCaseVersion(c, 4)).not.toThrow();
    expect(code(() => assertCaseVersion(c, 3))).toBe('CASE_VERSION_CONFLICT');
    expect(transition(c, { type: 'note', content: 'x' }, staff, NOW, calendar).case.version).toBe(5);
  });
});

describe('clocks and escalation', () => {
  // Assigned Mon 2025-09-29: sign deadline Tue 9-30, reply deadline Thu 10-09 (2 working days).
  const assigned = transition(
    fixture('accepted'),
    { type: 'assign', departmentId: 'dept-1', dueWorkdays: 2 },
    staff,
    new Date('2025-09-29T02:00:00Z'),
    calendar,
  ).case;
  const signed = transition(assigned, { type: 'sign' }, dept, new Date('2025-09-29T03:00:00Z'), calendar).case;
  it('green, yellow on the last working day, red after the deadline; holidays do not count', () => {
    expect(signed.deadlines.reply).toBe('2025-10-09T15:59:59.999Z');
    expect(clockStatus(signed, new Date('2025-09-30T02:00:00Z'), calendar)).toEqual({ accept: null, sign: null, reply: 'normal', worst: 'normal' });
    expect(clockStatus(signed, new Date('2025-10-05T02:00:00Z'), calendar).reply).toBe('normal'); // holiday; Oct 9 still a full day ahead
    expect(clockStatus(signed, new Date('2025-10-08T16:00:00Z'), calendar).reply).toBe('warning'); // 00:00 Oct 9 China
    expect(clockStatus(signed, new Date('2025-10-09T16:00:00Z'), calendar).reply).toBe('overdue');
    expect(clockStatus(signed, new Date('2025-09-30T02:00:00Z'), calendar, { warningWorkdays: 2 }).reply).toBe('warning');
    expect(clockStatus(assigned, new Date('2025-09-30T17:00:00Z'), calendar)).toMatchObject({ sign: 'overdue', reply: 'normal', worst: 'overdue' });
  });
  it('the chain: station 催办 at the deadline, then general station and congress office 督办 a working day apart, then nothing', () => {
    const system = ACTORS.system;
    let c = signed;
    let step = nextEscalation(c, new Date('2025-10-09T10:00:00Z'), calendar);
    expect(step).toEqual({ level: 'station', action: 'urge', clock: 'reply', at: '2025-10-09T16:00:00.000Z', due: false });
    const t1 = new Date('2025-10-09T16:05:00Z'); // Fri 10-10 00:05 China
    step = nextEscalation(c, t1, calendar)!;
    expect(step.due).toBe(true);
    const urged = transition(c, { type: step.action, level: step.level, note: '逾期催办' }, system, t1, calendar);
    expect(urged.effects).toContainEqual({ type: 'notify', to: 'handler', template: 'case.urged', note: '逾期催办' });
    c = urged.case;
    expect(c.escalation).toEqual({ level: 'station', clock: 'reply', at: t1.toISOString() });
    step = nextEscalation(c, t1, calendar)!;
    // One working day after Fri 10-10 is the make-up Saturday 10-11.
    expect(step).toEqual({ level: 'hub', action: 'supervise', clock: 'reply', at: '2025-10-11T16:00:00.000Z', due: false });
    const t2 = new Date('2025-10-11T16:00:00Z'); // Sunday 10-12 00:00 China: supervision counts from Monday
    const supervised = transition(c, { type: 'supervise', level: 'hub', note: '逾期督办' }, system, t2, calendar);
    expect(supervised.effects).toContainEqual({ type: 'escalate', level: 'hub', reason: '逾期督办', dueAt: '2025-10-16T15:59:59.999Z' });
    // The words of the supervision reach the handler and the supervisors with the notice.
    expect(supervised.effects).toContainEqual({ type: 'notify', to: 'handler', template: 'case.supervised', note: '逾期督办' });
    expect(supervised.effects).toContainEqual({ type: 'notify', to: 'supervisor', template: 'case.supervised', note: '逾期督办' });
    c = supervised.case;
    // Supervised on a Sunday: the step counts from Monday 10-13, so the next rung is due after Tuesday 10-14.
    expect(nextEscalation(c, t2, calendar)).toMatchObject({ level: 'congress_office', at: '2025-10-14T16:00:00.000Z' });
    c = transition(c, { type: 'supervise', level: 'congress_office', note: '人大办督办' }, system, new Date('2025-10-14T16:00:00Z'), calendar).case;
    expect(nextEscalation(c, new Date('2025-10-20T00:00:00Z'), calendar)).toBeNull();
    expect(c).toMatchObject({ supervised: true, urgeCount: 1, status: 'in_progress' });
  });
  it('no running clock, no escalation', () => {
    expect(nextEscalation(fixture('replied'), AFTER_WINDOW, calendar)).toBeNull();
    expect(clockStatus(fixture('closed'), AFTER_WINDOW, calendar).worst).toBeNull();
  });
});

describe('converting a suggestion’s source opinion', () => {
  it('the system converts only into a named suggestion, and tells the citizen', () => {
    const c = fixture('accepted');
    const system = { kind: 'system', name: 'suggestion' } as const;
    expect(code(() => transition(c, { type: 'convert' }, system, NOW, calendar))).toBe('VALIDATION_FAILED');
    const r = transition(c, { type: 'convert', suggestionId: 'sug-1' }, system, NOW, calendar);
    expect(r.case).toMatchObject({ status: 'converted', suggestionId: 'sug-1' });
    expect(r.events[0]).toMatchObject({ type: 'convert', actorId: 'system:suggestion', actorKind: 'system', payload: { suggestionId: 'sug-1' } });
    expect(r.effects).toContainEqual({ type: 'notify', to: 'citizen', template: 'case.converted' });
  });
});

describe('opening a case recorded after the fact', () => {
  const input = { id: 'case-1', unitPath: '/hub/st-a/', kind: 'help', payload: { channel: 'walk_in' } };
  it.each([
    // received Monday 3 Nov 10:00, recorded Wednesday 5 Nov: the accept clock ran from Monday (1 working day → Tuesday)
    ['back-dated two days', '2025-11-03T02:00:00.000Z', '2025-11-05T02:00:00.000Z', '2025-11-04T15:59:59.999Z', '2025-11-03T02:00:00.000Z'],
    ['received the moment it is recorded', '2025-11-05T02:00:00.000Z', '2025-11-05T02:00:00.000Z', '2025-11-06T15:59:59.999Z', '2025-11-05T02:00:00.000Z'],
    [
      'a receivedAt after recording is not believed',
      '2025-11-07T02:00:00.000Z',
      '2025-11-05T02:00:00.000Z',
      '2025-11-06T15:59:59.999Z',
      '2025-11-05T02:00:00.000Z',
    ],
    ['no receivedAt', null, '2025-11-05T02:00:00.000Z', '2025-11-06T15:59:59.999Z', '2025-11-05T02:00:00.000Z'],
  ])('%s', (_, receivedAt, now, accept, submittedAt) => {
    const r = openCase({ ...input, receivedAt }, staff, new Date(now), calendar);
    expect(r.case.deadlines.accept).toBe(accept);
    expect(r.case.submittedAt).toBe(submittedAt);
    // The event is dated when it was recorded.
    expect(r.events[0].at).toBe(now);
    expect(r.effects).toContainEqual({ type: 'schedule', job: 'case.deadline', clock: 'accept', at: new Date(new Date(accept).getTime() + 1).toISOString() });
  });
});
