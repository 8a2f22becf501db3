import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import { createWorkingCalendar } from '../working-calendar';
import { allowedProposalActions, canSeeProposal } from './proposal-access';
import { addCalendarMonths, answerClock, monthsDeadline } from './proposal-deadlines';
import {
  PROPOSAL_ACTIONS,
  type ProposalAction,
  type ProposalActionType,
  type ProposalActor,
  type ProposalSnapshot,
  type ProposalStatus,
} from './proposal-model';
import { assertProposalVersion, missingCosigners, openProposal, transitionProposal } from './proposal-workflow';

const calendar = createWorkingCalendar();
const settings = { motionMinCosigners: 2 };
const T0 = new Date('2025-09-26T02:00:00.000Z'); // Friday 10:00 China time, just before the National Day holiday

const ACTORS = {
  admin: { userId: 'u-admin', roles: ['admin'], scope: {} },
  office: { userId: 'u-office', roles: ['supervisor'], scope: {} },
  office_out: { userId: 'u-office-b', roles: ['supervisor'], scope: { unitPath: '/hub/st-b/' } },
  staff: { userId: 'u-staff', roles: ['staff'], scope: { unitPath: '/hub/st-a/' } },
  staff_out: { userId: 'u-staff-b', roles: ['staff'], scope: { unitPath: '/hub/st-b/' } },
  lead: { userId: 'u-lead', roles: ['deputy'], scope: { deputyId: 'dep-lead' } },
  invited: { userId: 'u-c1', roles: ['deputy'], scope: { deputyId: 'dep-c1' } },
  cosigner: { userId: 'u-c2', roles: ['deputy'], scope: { deputyId: 'dep-c2' } },
  deputy_other: { userId: 'u-d9', roles: ['deputy'], scope: { deputyId: 'dep-9' } },
  lead_unit: { userId: 'u-dept', roles: ['department'], scope: { departmentId: 'dept-lead' } },
  co_unit: { userId: 'u-co', roles: ['department'], scope: { departmentId: 'dept-co' } },
  dept_other: { userId: 'u-d2', roles: ['department'], scope: { departmentId: 'dept-9' } },
  system: { kind: 'system', name: 'scheduler' },
} satisfies Record<string, ProposalActor>;
type ActorKey = keyof typeof ACTORS;

function inState(status: ProposalStatus, extra: Partial<ProposalSnapshot> = {}): ProposalSnapshot {
  const assigned = ['assigned', 'answered', 'follow_up', 'closed'].includes(status);
  return {
    id: 'p-1',
    type: 'motion',
    status,
    version: 3,
    leadDeputyId: 'dep-lead',
    unitPath: '/hub/st-a/',
    cosigners: [
      { deputyId: 'dep-c1', status: 'invited', at: T0.toISOString() },
      { deputyId: 'dep-c2', status: 'signed', at: T0.toISOString() },
    ],
    number: status === 'draft' || status === 'submitted' ? null : '2025-议案-001',
    leadUnitId: assigned ? 'dept-lead' : null,
    coUnitIds: assigned ? ['dept-co'] : [],
    coAnswered: [],
    deadlines: status === 'assigned' ? { withdraw: calendar.addWorkdays(T0, 7), answer: monthsDeadline(T0, 3, calendar) } : { withdraw: null, answer: null },
    assignedAt: assigned ? T0.toISOString() : null,
    withdrawal: { status: 'none', departmentId: null, reason: null },
    extension: { status: 'none', departmentId: null, reason: null },
    answerClass: status === 'answered' || status === 'follow_up' ? 'B' : null,
    rating: null,
    unsatisfiedCount: 0,
    supervised: false,
    keyLeader: null,
    urgeCount: 0,
    submittedAt: null,
    answeredAt: null,
    closedAt: null,
    ...extra,
  };
}

/** A valid payload for each action (the payload checks are tested separately). */
const PAYLOADS: Record<ProposalActionType, ProposalAction> = {
  edit: { type: 'edit', title: '关于加强老旧小区改造的议案' },
  invite: { type: 'invite', deputyIds: ['dep-5'] },
  cosign: { type: 'cosign' },
  decline: { type: 'decline' },
  link_cases: { type: 'link_cases', caseIds: ['case-1'] },
  unlink_cases: { type: 'unlink_cases', caseIds: ['case-1'] },
  submit: { type: 'submit' },
  withdraw: { type: 'withdraw', reason: '合并到另一件' },
  return: { type: 'return', reason: '请补充调研材料' },
  register: { type: 'register', number: '2025-议案-001' },
  convert: { type: 'convert', number: '2025-建议-009', reason: '不属于人大职权范围' },
  reject: { type: 'reject', reason: '重复提出' },
  assign: { type: 'assign', leadUnitId: 'dept-lead', coUnitIds: ['dept-co'] },
  request_withdraw: { type: 'request_withdraw', reason: '不属于本单位职责' },
  approve_withdraw: { type: 'approve_withdraw' },
  deny_withdraw: { type: 'deny_withdraw' },
  request_extension: { type: 'request_extension', reason: '需跨年度资金安排' },
  approve_extension: { type: 'approve_extension' },
  deny_extension: { type: 'deny_extension' },
  co_answer: { type: 'co_answer', content: '同意主办单位意见' },
  answer: { type: 'answer', content: '已列入明年改造计划', answerClass: 'B' },
  rate: { type: 'rate', rating: 'basically_satisfied' },
  follow_up: { type: 'follow_up', content: '改造已完工' },
  urge: { type: 'urge', note: '请抓紧' },
  supervise: { type: 'supervise', note: '列入督办' },
  designate_key: { type: 'designate_key', leader: '王副主任' },
  close: { type: 'close', reason: '代表逾期未评价' },
  note: { type: 'note', content: '电话沟通' },
};

function outcome(p: ProposalSnapshot, action: ProposalActionType, actor: ActorKey): string {
  try {
    transitionProposal(p, PAYLOADS[action], ACTORS[actor], T0, calendar, settings);
    return 'ok';
  } catch (error) {
    if (!isAppError(error)) throw error;
    return error.code === 'PERMISSION_DENIED' ? '403' : error.code === 'PROPOSAL_INVALID_TRANSITION' ? '422' : error.code;
  }
}

// Who may take each action in its state: [state, action, actors allowed]. Every other listed actor gets 403.
const TABLE: Array<[ProposalStatus, ProposalActionType, ActorKey[]]> = [
  ['draft', 'edit', ['admin', 'staff', 'lead']],
  ['draft', 'invite', ['admin', 'staff', 'lead']],
  ['draft', 'cosign', ['invited']],
  ['draft', 'decline', ['invited']],
  ['draft', 'link_cases', ['admin', 'staff', 'lead']],
  ['draft', 'unlink_cases', ['admin', 'staff', 'lead']],
  ['draft', 'withdraw', ['admin', 'lead']],
  ['submitted', 'register', ['admin', 'office']],
  ['submitted', 'convert', ['admin', 'office']],
  ['submitted', 'reject', ['admin', 'office']],
  ['submitted', 'return', ['admin', 'office']],
  ['registered', 'assign', ['admin', 'office']],
  ['registered', 'designate_key', ['admin', 'office']],
  ['assigned', 'request_withdraw', ['lead_unit', 'co_unit']],
  ['assigned', 'request_extension', ['lead_unit']],
  ['assigned', 'co_answer', ['co_unit']],
  ['assigned', 'answer', ['admin', 'lead_unit']],
  ['assigned', 'urge', ['admin', 'office', 'system']],
  ['answered', 'rate', ['lead']],
  ['answered', 'close', ['admin', 'office']],
  ['follow_up', 'follow_up', ['admin', 'lead_unit']],
  ['closed', 'note', ['admin', 'office', 'staff', 'lead', 'cosigner', 'lead_unit', 'co_unit']],
];
const EVERYONE = Object.keys(ACTORS) as ActorKey[];

describe('proposal permissions: state × action × actor', () => {
  for (const [state, action, allowed] of TABLE) {
    it(`${action} in ${state}: only ${allowed.join(', ')}`, () => {
      const p = inState(state);
      const got = Object.fromEntries(EVERYONE.map((a) => [a, outcome(p, action, a)]));
      const want = Object.fromEntries(EVERYONE.map((a) => [a, allowed.includes(a) ? 'ok' : '403']));
      expect(got).toEqual(want);
    });
  }

  it('every action outside its states is 422 for an admin, whatever the state', () => {
    const states: ProposalStatus[] = ['draft', 'submitted', 'registered', 'assigned', 'answered', 'follow_up', 'closed', 'rejected', 'withdrawn'];
    for (const state of states) {
      const allowed = allowedProposalActions(inState(state), ACTORS.admin, T0);
      for (const action of PROPOSAL_ACTIONS) {
        if (allowed.includes(action)) continue;
        expect([state, action, outcome(inState(state), action, 'admin')]).not.toContain('ok');
      }
    }
    expect(allowedProposalActions(inState('withdrawn'), ACTORS.admin, T0)).toEqual(['note']);
  });

  it('drafts are private to their deputies and helpers; departments see only what they handle', () => {
    expect(canSeeProposal(ACTORS.office, inState('draft'))).toBe(false);
    expect(canSeeProposal(ACTORS.invited, inState('draft'))).toBe(true);
    expect(canSeeProposal(ACTORS.office, inState('submitted'))).toBe(true);
    expect(canSeeProposal(ACTORS.lead_unit, inState('submitted'))).toBe(false);
    expect(canSeeProposal(ACTORS.co_unit, inState('assigned'))).toBe(true);
    expect(canSeeProposal(ACTORS.dept_other, inState('assigned'))).toBe(false);
    expect(canSeeProposal(ACTORS.deputy_other, inState('assigned'))).toBe(false);
    expect(canSeeProposal(ACTORS.staff_out, inState('assigned'))).toBe(false);
  });
});

describe('co-signing a motion', () => {
  it('a motion cannot be submitted before enough deputies co-signed; invitations nobody answered lapse', () => {
    const opened = openProposal(
      { id: 'p-9', type: 'motion', leadDeputyId: 'dep-lead', unitPath: '/hub/st-a/', cosignerIds: ['dep-c1', 'dep-c2', 'dep-lead'] },
      ACTORS.lead,
      T0,
    );
    expect(opened.proposal.cosigners.map((c) => c.deputyId)).toEqual(['dep-c1', 'dep-c2']);
    let p = opened.proposal;
    expect(missingCosigners(p, settings)).toBe(2);
    expect(() => transitionProposal(p, { type: 'submit' }, ACTORS.lead, T0, calendar, settings)).toThrow(
      expect.objectContaining({ code: 'PROPOSAL_COSIGNERS_MISSING' }),
    );
    p = transitionProposal(p, { type: 'cosign' }, ACTORS.invited, T0, calendar, settings).proposal;
    expect(() => transitionProposal(p, { type: 'cosign' }, ACTORS.invited, T0, calendar, settings)).toThrow(
      expect.objectContaining({ code: 'PERMISSION_DENIED' }),
    );
    p = transitionProposal(p, { type: 'invite', deputyIds: ['dep-9'] }, ACTORS.lead, T0, calendar, settings).proposal;
    p = transitionProposal(p, { type: 'cosign' }, ACTORS.deputy_other, T0, calendar, settings).proposal;
    const submitted = transitionProposal(p, { type: 'submit' }, ACTORS.lead, T0, calendar, settings);
    expect(submitted.proposal.status).toBe('submitted');
    expect(submitted.proposal.cosigners.map((c) => c.deputyId).sort()).toEqual(['dep-9', 'dep-c1']);
    expect(submitted.effects).toContainEqual({ type: 'convert_sources' });
  });

  it('a suggestion needs no co-signer by default', () => {
    const p = openProposal({ id: 'p-8', type: 'suggestion', leadDeputyId: 'dep-lead', unitPath: '/hub/st-a/' }, ACTORS.lead, T0).proposal;
    expect(transitionProposal(p, { type: 'submit' }, ACTORS.lead, T0, calendar, settings).proposal.status).toBe('submitted');
  });
});

describe('deadlines on the working calendar', () => {
  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addCalendarMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addCalendarMonths('2025-03-31', 6)).toBe('2025-09-30');
    expect(addCalendarMonths('2025-12-15', 1)).toBe('2026-01-15');
  });

  it('assignment opens a 7-working-day withdrawal window (over the National Day holiday) and a 3-month answer clock rolled to a working day', () => {
    const r = transitionProposal(inState('registered'), PAYLOADS.assign, ACTORS.office, T0, calendar, settings);
    // From Fri 26 Sep: Sun 28 Sep is a make-up workday (1), 29, 30 Sep (3), holiday 1–8 Oct, 9, 10 Oct, Sat 11 Oct (make-up, 6), Mon 13 Oct (7).
    expect(r.proposal.deadlines.withdraw).toBe('2025-10-13T15:59:59.999Z');
    // 26 Dec 2025 is a Friday and a workday.
    expect(r.proposal.deadlines.answer).toBe('2025-12-26T15:59:59.999Z');
    expect(r.effects.filter((e) => e.type === 'schedule').map((e) => (e as { job: string }).job)).toEqual(['proposal.reminder', 'proposal.deadline']);
    // 3 months from 1 Nov 2025 ends Sun 1 Feb 2026 → Mon 2 Feb.
    expect(monthsDeadline('2025-11-01T02:00:00.000Z', 3, calendar)).toBe('2026-02-02T15:59:59.999Z');
  });

  it('a unit asks to withdraw only inside the window; the lead unit withdrawing sends it back to be assigned again', () => {
    const assigned = transitionProposal(inState('registered'), PAYLOADS.assign, ACTORS.office, T0, calendar, settings).proposal;
    const late = new Date('2025-10-13T16:00:00.000Z'); // Tue 14 Oct 00:00 China time
    expect(() => transitionProposal(assigned, PAYLOADS.request_withdraw, ACTORS.lead_unit, late, calendar, settings)).toThrow(
      expect.objectContaining({ code: 'PROPOSAL_INVALID_TRANSITION' }),
    );
    const asked = transitionProposal(assigned, PAYLOADS.request_withdraw, ACTORS.lead_unit, new Date('2025-10-13T15:00:00.000Z'), calendar, settings).proposal;
    expect(asked.withdrawal).toMatchObject({ status: 'pending', departmentId: 'dept-lead' });
    expect(() => transitionProposal(asked, PAYLOADS.request_withdraw, ACTORS.co_unit, T0, calendar, settings)).toThrow(/already pending/);
    const back = transitionProposal(asked, PAYLOADS.approve_withdraw, ACTORS.office, T0, calendar, settings).proposal;
    expect(back).toMatchObject({ status: 'registered', leadUnitId: null, coUnitIds: [], deadlines: { withdraw: null, answer: null } });
  });

  it('a co-unit withdrawing is dropped while the lead unit carries on', () => {
    const assigned = transitionProposal(inState('registered'), PAYLOADS.assign, ACTORS.office, T0, calendar, settings).proposal;
    const asked = transitionProposal(assigned, PAYLOADS.request_withdraw, ACTORS.co_unit, T0, calendar, settings).proposal;
    const after = transitionProposal(asked, PAYLOADS.approve_withdraw, ACTORS.office, T0, calendar, settings).proposal;
    expect(after).toMatchObject({ status: 'assigned', leadUnitId: 'dept-lead', coUnitIds: [] });
  });

  it('an approved extension moves the answer deadline to 6 months after assignment, once', () => {
    const assigned = transitionProposal(inState('registered'), PAYLOADS.assign, ACTORS.office, T0, calendar, settings).proposal;
    const asked = transitionProposal(assigned, PAYLOADS.request_extension, ACTORS.lead_unit, T0, calendar, settings).proposal;
    const extended = transitionProposal(asked, PAYLOADS.approve_extension, ACTORS.office, T0, calendar, settings).proposal;
    expect(extended.deadlines.answer).toBe('2026-03-26T15:59:59.999Z');
    expect(() => transitionProposal(extended, PAYLOADS.request_extension, ACTORS.lead_unit, T0, calendar, settings)).toThrow(/only once/);
  });

  it('the answer clock turns yellow 10 working days before the deadline and red after it', () => {
    const p = inState('assigned', { deadlines: { withdraw: null, answer: '2025-12-26T15:59:59.999Z' } });
    expect(answerClock(p, new Date('2025-12-10T02:00:00.000Z'), calendar, 10)).toBe('normal');
    expect(answerClock(p, new Date('2025-12-15T02:00:00.000Z'), calendar, 10)).toBe('warning');
    expect(answerClock(p, new Date('2025-12-27T02:00:00.000Z'), calendar, 10)).toBe('overdue');
    expect(answerClock(inState('answered'), T0, calendar, 10)).toBeNull();
  });
});

describe('answer, rating and follow-up', () => {
  const answered = (answerClass: 'A' | 'B' | 'C' | 'D') => {
    const assigned = transitionProposal(inState('registered'), PAYLOADS.assign, ACTORS.office, T0, calendar, settings).proposal;
    return transitionProposal(assigned, { type: 'answer', content: '答复正文', answerClass }, ACTORS.lead_unit, T0, calendar, settings).proposal;
  };

  it.each([
    ['A', 'satisfied', 'closed'],
    ['D', 'basically_satisfied', 'closed'],
    ['B', 'basically_satisfied', 'follow_up'],
    ['C', 'satisfied', 'follow_up'],
  ] as const)('class %s rated %s → %s', (cls, rating, status) => {
    const r = transitionProposal(answered(cls), { type: 'rate', rating }, ACTORS.lead, T0, calendar, settings);
    expect(r.proposal.status).toBe(status);
  });

  it('B: the follow-up answer when solved closes it', () => {
    const follow = transitionProposal(answered('B'), { type: 'rate', rating: 'basically_satisfied' }, ACTORS.lead, T0, calendar, settings).proposal;
    const closed = transitionProposal(follow, PAYLOADS.follow_up, ACTORS.lead_unit, T0, calendar, settings);
    expect(closed.proposal.status).toBe('closed');
    expect(closed.events[0]).toMatchObject({ type: 'follow_up', fromStatus: 'follow_up', toStatus: 'closed', payload: { previousClass: 'B' } });
  });

  it('不满意 sends it back to the same units with one month; the second time it is supervised', () => {
    const first = transitionProposal(answered('D'), { type: 'rate', rating: 'unsatisfied', comment: '没有实质回应' }, ACTORS.lead, T0, calendar, settings);
    expect(first.proposal).toMatchObject({ status: 'assigned', leadUnitId: 'dept-lead', unsatisfiedCount: 1, supervised: false, answerClass: null });
    expect(first.events.map((e) => e.type)).toEqual(['rate', 'reassigned']);
    expect(first.proposal.deadlines.answer).toBe('2025-10-27T15:59:59.999Z'); // 26 Oct 2025 is a Sunday
    const again = transitionProposal(
      first.proposal,
      { type: 'answer', content: '再次答复', answerClass: 'D' },
      ACTORS.lead_unit,
      T0,
      calendar,
      settings,
    ).proposal;
    const second = transitionProposal(again, { type: 'rate', rating: 'unsatisfied' }, ACTORS.lead, T0, calendar, settings);
    expect(second.proposal).toMatchObject({ status: 'assigned', unsatisfiedCount: 2, supervised: true });
    expect(second.effects).toContainEqual({ type: 'notify', to: 'office', template: 'proposal.unsatisfied_again' });
  });

  it('a motion converted into a suggestion is registered as a suggestion with its new number', () => {
    const r = transitionProposal(inState('submitted'), PAYLOADS.convert, ACTORS.office, T0, calendar, settings);
    expect(r.proposal).toMatchObject({ type: 'suggestion', status: 'registered', number: '2025-建议-009' });
    expect(() => transitionProposal(inState('submitted', { type: 'suggestion' }), PAYLOADS.convert, ACTORS.office, T0, calendar, settings)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('bad payloads are 400 with the field named, and a stale version is a conflict', () => {
    expect(() => transitionProposal(answered('A'), { type: 'rate', rating: 'great' as never }, ACTORS.lead, T0, calendar, settings)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'rating' })] }),
    );
    expect(() =>
      transitionProposal(inState('registered'), { type: 'assign', leadUnitId: 'd', coUnitIds: ['d'] }, ACTORS.office, T0, calendar, settings),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => assertProposalVersion(inState('draft'), 2)).toThrow(expect.objectContaining({ code: 'VERSION_CONFLICT' }));
  });

  it('every transition bumps the version by one and records who did it', () => {
    const r = transitionProposal(inState('submitted'), PAYLOADS.register, ACTORS.office, T0, calendar, settings);
    expect(r.proposal.version).toBe(4);
    expect(r.events).toEqual([
      expect.objectContaining({ type: 'register', fromStatus: 'submitted', toStatus: 'registered', actorId: 'u-office', actorKind: 'user' }),
    ]);
  });
});
