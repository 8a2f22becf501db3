/**
 * The authorization model as tables: every role (and the scoped variants of a role) × every
 * policy action × a target inside and outside the account's scope; every resource's visibility
 * per role; every case action's parties. Each table is generated from the code and compared
 * with the expected matrix written out below — a change of the policy shows as a diff of a row.
 *
 * Cells: `Y` allowed, `.` denied; the first character is the target in scope, the second the
 * target out of scope.
 */
import { describe, expect, it } from 'vitest';
import { CASE_ACTION_RULES, checkCaseAction, isCaseParty } from './case-access';
import { CASE_ACTIONS, type CaseSnapshot } from './case-model';
import { missingScopeFields } from './domain';
import {
  ACTION_RESOURCE,
  actingDepartmentId,
  actingDeputyId,
  allowedActions,
  can,
  candidateProposer,
  defaultIntakeUnitPath,
  locksOutSelf,
  POLICY_ACTIONS,
  type Actor,
  type PolicyAction,
} from './policy';
import { canSeeProposal, checkProposalAction } from './proposal/proposal-access';
import type { ProposalSnapshot } from './proposal/proposal-model';
import { caseScopeTarget, inScope, RESOURCES, visibility, type Scope, type ScopeTarget } from './visibility';

const STATION = '/hub/st1/';
const USER = 'u1';

/** The accounts of the tables: each role, and the roles whose reach depends on having a unit both ways. */
const ACTORS = {
  admin: { userId: USER, roles: ['admin'], scope: {} },
  supervisor: { userId: USER, roles: ['supervisor'], scope: {} },
  'supervisor@unit': { userId: USER, roles: ['supervisor'], scope: { unitPath: STATION } },
  staff: { userId: USER, roles: ['staff'], scope: { unitPath: STATION } },
  deputy: { userId: USER, roles: ['deputy'], scope: { deputyId: 'dp1' } },
  'deputy@unit': { userId: USER, roles: ['deputy'], scope: { deputyId: 'dp1', unitPath: STATION } },
  department: { userId: USER, roles: ['department'], scope: { departmentId: 'dep1' } },
} satisfies Record<string, Actor>;
type ActorKey = keyof typeof ACTORS;
const ACTOR_KEYS = Object.keys(ACTORS) as ActorKey[];

/** A record every account above reaches by its own scope, and one none of the scoped accounts reaches. */
const IN: ScopeTarget = { unitPath: `${STATION}pt1/`, departmentId: 'dep1', deputyId: 'dp1', createdBy: USER };
const OUT: ScopeTarget = { unitPath: '/hub/st2/', departmentId: 'dep2', deputyId: 'dp2', createdBy: 'u2' };

const cell = (inside: boolean, outside: boolean) => `${inside ? 'Y' : '.'}${outside ? 'Y' : '.'}`;

/** Rows of `name` and one cell per actor, aligned. */
function table(corner: string, rows: Array<[string, string[]]>): string {
  const header = [corner, ...ACTOR_KEYS];
  const lines = [header, ...rows.map(([name, cells]) => [name, ...cells])];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines
    .map((l) =>
      l
        .map((c, i) => c.padEnd(widths[i]))
        .join(' ')
        .trimEnd(),
    )
    .join('\n');
}

describe('policy: every role × action × in/out of scope', () => {
  it('matches the expected matrix', () => {
    const actual = table(
      'action',
      POLICY_ACTIONS.map((action) => [action, ACTOR_KEYS.map((k) => cell(can(ACTORS[k], action, IN), can(ACTORS[k], action, OUT)))]),
    );
    expect(actual).toBe(POLICY_MATRIX);
  });
});

// prettier-ignore
const POLICY_MATRIX = `
action                 admin supervisor supervisor@unit staff deputy deputy@unit department
org.view               YY    YY         YY              YY    YY     YY          YY
unit.manage            YY    ..         ..              ..    ..     ..          ..
point.manage           YY    ..         ..              Y.    ..     ..          ..
deputy.manage          YY    ..         ..              ..    ..     ..          ..
deputy.contact.reveal  YY    YY         Y.              Y.    Y.     Y.          ..
department.manage      YY    ..         ..              ..    ..     ..          ..
category.manage        YY    ..         ..              ..    ..     ..          ..
appealKind.manage      YY    ..         ..              ..    ..     ..          ..
topic.manage           YY    ..         ..              ..    ..     ..          ..
user.view              YY    YY         YY              ..    ..     ..          ..
user.manage            YY    ..         ..              ..    ..     ..          ..
audit.view             YY    YY         YY              ..    ..     ..          ..
calendar.manage        YY    ..         ..              ..    ..     ..          ..
integration.manage     YY    ..         ..              ..    ..     ..          ..
reception.manage       YY    ..         ..              Y.    ..     ..          ..
activity.manage        YY    ..         ..              Y.    ..     ..          ..
duty.view              YY    YY         YY              Y.    Y.     Y.          ..
evaluation.view        YY    YY         YY              YY    ..     ..          ..
evaluation.manage      YY    ..         ..              ..    ..     ..          ..
demo.outbox            YY    ..         ..              ..    ..     ..          ..
routing.manage         YY    ..         ..              ..    ..     ..          ..
case.contact.reveal    YY    YY         Y.              Y.    Y.     Y.          Y.
case.export.contact    YY    YY         YY              YY    ..     ..          ..
case.intake.unit       YY    YY         Y.              Y.    YY     Y.          ..
case.import.unit       YY    YY         YY              Y.    ..     ..          ..
proposal.draft         YY    ..         ..              Y.    Y.     Y.          ..
supervision.manage     YY    YY         YY              ..    ..     ..          ..
supervision.report     YY    YY         YY              ..    ..     ..          Y.
voting.manage          YY    YY         YY              ..    ..     ..          ..
voting.review          YY    YY         YY              YY    ..     ..          ..
voting.propose         YY    YY         YY              YY    YY     YY          YY
voting.vote            YY    ..         ..              ..    YY     YY          ..
voting.progress.report YY    YY         YY              ..    ..     ..          Y.
case.view              YY    YY         YY              YY    YY     YY          YY
case.intake            YY    YY         YY              YY    YY     YY          ..
case.import            YY    YY         YY              YY    ..     ..          ..
stats.view             YY    YY         YY              YY    ..     ..          YY
proposal.view          YY    YY         YY              YY    YY     YY          YY
proposal.settings      YY    ..         ..              ..    ..     ..          ..
supervision.view       YY    YY         YY              YY    ..     ..          YY
voting.view            YY    YY         YY              YY    YY     YY          YY
comparison.view        YY    YY         YY              YY    ..     ..          ..
org.browse             YY    YY         YY              YY    ..     ..          ..
reception.view         YY    YY         YY              YY    ..     ..          ..
activity.view          YY    YY         YY              YY    ..     ..          ..
calendar.view          YY    YY         YY              YY    ..     ..          YY
evaluation.signals     YY    YY         YY              ..    ..     ..          ..
`.trim();

/** A scope in a few letters: all, none, or its criteria. */
function describeScope(scope: Scope): string {
  if (scope.all) return 'all';
  const parts = [
    scope.allButDrafts && 'submitted',
    scope.unitPath && 'unit',
    scope.officeUnitPath && 'unit-submitted',
    scope.departmentId && 'dept',
    scope.deputyId && 'deputy',
    scope.createdBy && 'own',
  ].filter(Boolean);
  return parts.length ? parts.join('+') : '-';
}

describe('visibility: every resource × role', () => {
  it('matches the expected matrix', () => {
    const actual = table(
      'resource',
      RESOURCES.map((resource) => [resource, ACTOR_KEYS.map((k) => describeScope(visibility(resource, ACTORS[k])))]),
    );
    expect(actual).toBe(VISIBILITY_MATRIX);
  });
  it('scopes hold the actor’s own values', () => {
    expect(visibility('case', ACTORS['deputy@unit'])).toEqual({ unitPath: STATION, deputyId: 'dp1' });
    expect(visibility('proposal', ACTORS['supervisor@unit'])).toEqual({ officeUnitPath: STATION });
    expect(visibility('importRun', ACTORS.staff)).toEqual({ createdBy: USER });
    expect(visibility('case', { userId: USER, roles: ['staff'], scope: {} })).toEqual({});
    // An admin reaches everything, a unit on its account notwithstanding (it manages receptions anywhere).
    const adminAtUnit: Actor = { userId: USER, roles: ['admin'], scope: { unitPath: STATION } };
    for (const resource of RESOURCES) expect(visibility(resource, adminAtUnit)).toEqual({ all: true });
  });
  it('roles combine into the union of their reaches', () => {
    const both: Actor = { userId: USER, roles: ['department', 'deputy'], scope: { departmentId: 'dep1', deputyId: 'dp1' } };
    expect(visibility('case', both)).toEqual({ departmentId: 'dep1', deputyId: 'dp1' });
    expect(visibility('case', { ...both, roles: ['department', 'admin'] })).toEqual({ all: true });
  });
});

// prettier-ignore
const VISIBILITY_MATRIX = `
resource        admin supervisor supervisor@unit staff deputy deputy@unit department
case            all   all        unit            unit  deputy unit+deputy dept
proposal        all   submitted  unit-submitted  unit  deputy deputy      dept
reception       all   all        unit            unit  deputy unit+deputy -
activity        all   all        unit            unit  deputy unit+deputy -
duty            all   all        all             unit  deputy deputy      -
evaluation      all   all        all             all   -      -           -
votingRound     all   all        all             all   all    all         all
supervisionItem all   all        all             -     -      -           dept
user            all   all        all             -     -      -           -
auditLog        all   all        all             -     -      -           -
importRun       all   all        all             own   -      -           -
`.trim();

describe('inScope', () => {
  it('a unit path prefix must be a whole segment', () => {
    expect(inScope({ unitPath: '/hub/st-a/' }, { unitPath: '/hub/st-ab/pt/' })).toBe(false);
    expect(inScope({ unitPath: '/hub/st-a/' }, { unitPath: '/hub/st-a/pt/' })).toBe(true);
  });
  it('drafts are outside the office’s scopes, inside a station’s', () => {
    expect(inScope({ allButDrafts: true }, { draft: true })).toBe(false);
    expect(inScope({ allButDrafts: true }, { draft: false })).toBe(true);
    expect(inScope({ officeUnitPath: STATION }, { unitPath: STATION, draft: true })).toBe(false);
    expect(inScope({ unitPath: STATION }, { unitPath: STATION, draft: true })).toBe(true);
  });
  it('a case is the deputy’s when addressed or assigned to them', () => {
    const c = { unitPath: '/hub/st2/', departmentId: null, deputyId: null, targetDeputyId: 'dp1' };
    expect(inScope({ deputyId: 'dp1' }, caseScopeTarget(c))).toBe(true);
    expect(inScope({ deputyId: 'dp1' }, caseScopeTarget({ ...c, targetDeputyId: null, deputyId: 'dp1' }))).toBe(true);
    expect(inScope({ deputyId: 'dp1' }, caseScopeTarget({ ...c, targetDeputyId: 'dp2' }))).toBe(false);
  });
  it('an empty scope reaches nothing', () => {
    expect(inScope({}, IN)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Case actions: the party step of the workflow's permission table.
// ---------------------------------------------------------------------------------------------

function caseAt(unitPath: string, departmentId: string | null, deputyId: string | null, targetDeputyId: string | null): CaseSnapshot {
  return {
    id: 'case-1',
    status: 'in_progress',
    version: 1,
    unitPath,
    categoryId: 'cat-1',
    kind: 'complaint',
    departmentId,
    deputyId,
    targetDeputyId,
    handleWorkdays: null,
    deadlines: { accept: null, sign: null, reply: null, rating: null },
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

/** Inside every account's scope: the station's, assigned to dep1, addressed to dp1. */
const CASE_IN = caseAt(`${STATION}pt1/`, 'dep1', null, 'dp1');
const CASE_OUT = caseAt('/hub/st2/', 'dep2', null, 'dp2');
/** In the station's subtree only: assigned to and addressed to others. */
const CASE_STATION = caseAt(`${STATION}pt1/`, 'dep2', null, 'dp2');

const isParty = (actor: Actor, action: (typeof CASE_ACTIONS)[number], c: CaseSnapshot) =>
  CASE_ACTION_RULES[action].parties.some((party) => isCaseParty(actor, party, c));

describe('case actions: every role × action × in/out of scope (party step)', () => {
  it('matches the expected matrix', () => {
    const actual = table(
      'case action',
      CASE_ACTIONS.map((action) => [action, ACTOR_KEYS.map((k) => cell(isParty(ACTORS[k], action, CASE_IN), isParty(ACTORS[k], action, CASE_OUT)))]),
    );
    expect(actual).toBe(CASE_MATRIX);
  });
  it('a case is acted on only by accounts that may read it', () => {
    for (const c of [CASE_IN, CASE_OUT, CASE_STATION, caseAt(`${STATION}pt1/`, null, 'dp1', null)]) {
      for (const k of ACTOR_KEYS) {
        const actor = ACTORS[k];
        const acts = CASE_ACTIONS.some((action) => isParty(actor, action, c));
        if (acts) expect(inScope(visibility('case', actor), caseScopeTarget(c)), `${k} acts on a case it cannot read`).toBe(true);
      }
    }
  });
});

// prettier-ignore
const CASE_MATRIX = `
case action       admin supervisor supervisor@unit staff deputy deputy@unit department
accept            YY    ..         ..              Y.    ..     ..          ..
reject            YY    ..         ..              Y.    ..     ..          ..
answer_on_site    YY    ..         ..              Y.    Y.     Y.          ..
assign            YY    ..         ..              Y.    ..     ..          ..
sign              YY    ..         ..              ..    ..     ..          Y.
return            YY    ..         ..              ..    ..     ..          Y.
reply             YY    ..         ..              ..    ..     ..          Y.
request_extension YY    ..         ..              ..    ..     ..          Y.
approve_extension YY    YY         Y.              Y.    ..     ..          ..
deny_extension    YY    YY         Y.              Y.    ..     ..          ..
urge              YY    YY         Y.              Y.    ..     ..          ..
supervise         YY    YY         Y.              ..    ..     ..          ..
rate              ..    ..         ..              ..    ..     ..          ..
reopen            YY    YY         Y.              Y.    ..     ..          ..
close             YY    YY         Y.              Y.    ..     ..          ..
merge             YY    ..         ..              Y.    ..     ..          ..
convert           YY    ..         ..              Y.    Y.     Y.          ..
note              YY    YY         Y.              Y.    Y.     Y.          Y.
`.trim();

describe('the deputy account that serves a station (issue #16: read and act scopes agreed)', () => {
  const deputy = ACTORS['deputy@unit'];
  const NOW = new Date('2025-11-04T02:00:00.000Z');
  it('reads the station’s cases and acts on them with the same scope', () => {
    expect(inScope(visibility('case', deputy), caseScopeTarget(CASE_STATION))).toBe(true);
    expect(checkCaseAction({ ...CASE_STATION, status: 'accepted' }, 'answer_on_site', deputy, NOW)).toBeNull();
  });
  it('neither reads nor acts outside the station and its own cases', () => {
    expect(inScope(visibility('case', deputy), caseScopeTarget(CASE_OUT))).toBe(false);
    expect(checkCaseAction({ ...CASE_OUT, status: 'accepted' }, 'answer_on_site', deputy, NOW)?.code).toBe('PERMISSION_DENIED');
  });
  it('sees the station’s receptions and activities and those it serves at, like one page of each', () => {
    for (const resource of ['reception', 'activity'] as const) {
      expect(inScope(visibility(resource, deputy), { unitPath: `${STATION}pt1/`, deputyIds: [] })).toBe(true);
      expect(inScope(visibility(resource, deputy), { unitPath: '/hub/st2/', deputyIds: ['dp1'] })).toBe(true);
      expect(inScope(visibility(resource, deputy), { unitPath: '/hub/st2/', deputyIds: ['dp2'] })).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Proposals: the parties lie within the proposal scope.
// ---------------------------------------------------------------------------------------------

function proposal(status: ProposalSnapshot['status']): ProposalSnapshot {
  return {
    id: 'p1',
    type: 'suggestion',
    status,
    version: 1,
    leadDeputyId: 'dp9',
    unitPath: `${STATION}pt1/`,
    cosigners: [],
    number: null,
    leadUnitId: status === 'draft' ? null : 'dep1',
    coUnitIds: [],
    coAnswered: [],
    deadlines: { answer: null, withdraw: null, followUp: null },
    assignedAt: null,
    withdrawal: { status: 'none', departmentId: null, reason: null, days: null },
    extension: { status: 'none', departmentId: null, reason: null, days: null },
    answerClass: null,
    rating: null,
    unsatisfiedCount: 0,
    supervised: false,
    keyLeader: null,
    urgeCount: 0,
    submittedAt: null,
    answeredAt: null,
    closedAt: null,
  } as ProposalSnapshot;
}

describe('proposals', () => {
  const NOW = new Date('2026-03-02T02:00:00.000Z');
  it('the office neither reads nor notes a draft; the station does both', () => {
    const draft = proposal('draft');
    expect(canSeeProposal(ACTORS['supervisor@unit'], draft)).toBe(false);
    expect(checkProposalAction(draft, 'note', ACTORS['supervisor@unit'], NOW)?.code).toBe('PERMISSION_DENIED');
    expect(canSeeProposal(ACTORS.staff, draft)).toBe(true);
    expect(checkProposalAction(draft, 'note', ACTORS.staff, NOW)).toBeNull();
  });
  it('the lead unit reads and notes an assigned proposal, another department neither', () => {
    const assigned = proposal('assigned');
    expect(canSeeProposal(ACTORS.department, assigned)).toBe(true);
    expect(checkProposalAction(assigned, 'note', ACTORS.department, NOW)).toBeNull();
    const other: Actor = { ...ACTORS.department, scope: { departmentId: 'dep2' } };
    expect(canSeeProposal(other, assigned)).toBe(false);
    expect(checkProposalAction(assigned, 'note', other, NOW)?.code).toBe('PERMISSION_DENIED');
  });
  it('the system sees every proposal', () => {
    expect(canSeeProposal({ kind: 'system', name: 'scheduler' }, proposal('draft'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Named decisions.
// ---------------------------------------------------------------------------------------------

describe('named decisions', () => {
  it('as whom an account proposes a voting candidate', () => {
    expect(ACTOR_KEYS.map((k) => `${k}:${candidateProposer(ACTORS[k])}`)).toEqual([
      'admin:office',
      'supervisor:office',
      'supervisor@unit:office',
      'staff:station',
      'deputy:deputy',
      'deputy@unit:deputy',
      'department:department',
    ]);
    expect(candidateProposer({ userId: USER, roles: ['deputy'], scope: {} })).toBeNull();
  });
  it('the deputy and department an account acts as', () => {
    expect(ACTOR_KEYS.map((k) => actingDeputyId(ACTORS[k]))).toEqual([null, null, null, null, 'dp1', 'dp1', null]);
    expect(ACTOR_KEYS.map((k) => actingDepartmentId(ACTORS[k]))).toEqual([null, null, null, null, null, null, 'dep1']);
    // A scope field without its role does not make an account act as that deputy.
    expect(actingDeputyId({ userId: USER, roles: ['staff'], scope: { deputyId: 'dp1', unitPath: STATION } })).toBeNull();
  });
  it('the unit an opinion recorded by hand defaults to', () => {
    expect(ACTOR_KEYS.map((k) => defaultIntakeUnitPath(ACTORS[k]))).toEqual([null, null, null, STATION, null, null, null]);
  });
  it('an admin cannot lock themselves out', () => {
    expect(locksOutSelf(ACTORS.admin, USER, { active: false })).toBe(true);
    expect(locksOutSelf(ACTORS.admin, USER, { roles: ['supervisor'] })).toBe(true);
    expect(locksOutSelf(ACTORS.admin, USER, { roles: ['admin', 'supervisor'], active: true })).toBe(false);
    expect(locksOutSelf(ACTORS.admin, 'u2', { active: false, roles: [] })).toBe(false);
  });
  it('each scoped role needs its scope field', () => {
    expect(missingScopeFields(['admin', 'supervisor'], {})).toEqual([]);
    expect(missingScopeFields(['deputy', 'staff', 'department'], { departmentId: 'dep1' })).toEqual(['unitId', 'deputyId']);
  });
  it('areas of work: departments and deputies get the few areas they work in', () => {
    const AREAS: PolicyAction[] = POLICY_ACTIONS.slice(POLICY_ACTIONS.indexOf('case.view'));
    const areasOf = (actor: Actor) => allowedActions(actor).filter((a) => AREAS.includes(a));
    expect(areasOf(ACTORS.department)).toEqual(['case.view', 'stats.view', 'proposal.view', 'supervision.view', 'voting.view', 'calendar.view']);
    expect(areasOf(ACTORS.deputy)).toEqual(['case.view', 'case.intake', 'proposal.view', 'voting.view']);
    expect(areasOf(ACTORS.staff)).not.toContain('evaluation.signals');
    expect(areasOf(ACTORS.supervisor)).toContain('evaluation.signals');
  });
  it('roles combine: any role that allows suffices, within that role’s own reach', () => {
    const both: Actor = { userId: USER, roles: ['department', 'staff'], scope: { unitPath: STATION, departmentId: 'dep1' } };
    expect(can(both, 'point.manage', { unitPath: `${STATION}pt1/` })).toBe(true);
    // A station account that also is a deputy manages its station's receptions, not one elsewhere it is on duty at.
    const staffDeputy: Actor = { userId: USER, roles: ['staff', 'deputy'], scope: { unitPath: STATION, deputyId: 'dp1' } };
    expect(can(staffDeputy, 'reception.manage', { unitPath: '/hub/st2/', deputyIds: ['dp1'] })).toBe(false);
    expect(inScope(visibility('reception', staffDeputy), { unitPath: '/hub/st2/', deputyIds: ['dp1'] })).toBe(true);
  });
  it('no record-bound action is allowed on a record its role cannot read', () => {
    for (const k of ACTOR_KEYS) {
      for (const target of [IN, OUT]) {
        for (const action of POLICY_ACTIONS) {
          if (!can(ACTORS[k], action, target)) continue;
          const resource = ACTION_RESOURCE[action];
          if (resource) expect(inScope(visibility(resource, ACTORS[k]), target), `${k} ${action}`).toBe(true);
        }
      }
    }
  });
});
