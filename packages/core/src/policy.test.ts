import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './domain';
import { allowedActions, can, POLICY_ACTIONS, type Actor, type PolicyAction } from './policy';

const STATION = '/hub/st-anyang/';
const POINT_IN = '/hub/st-anyang/pt-1/';
const POINT_OUT = '/hub/st-tangxia/pt-9/';

function actor(role: Role, scope: Actor['scope'] = {}): Actor {
  return { userId: `u-${role}`, roles: [role], scope };
}

const scopes: Record<Role, Actor['scope']> = {
  admin: {},
  supervisor: {},
  staff: { unitPath: STATION },
  deputy: { deputyId: 'dep-1' },
  department: { departmentId: 'dept-1' },
};

type Expect = { inScope: boolean; outOfScope: boolean };
const yes: Expect = { inScope: true, outOfScope: true };
const no: Expect = { inScope: false, outOfScope: false };
const scoped: Expect = { inScope: true, outOfScope: false };

/** The whole policy as a table: role × action → allowed in scope / out of scope. */
const TABLE: Record<Role, Record<PolicyAction, Expect>> = {
  admin: Object.fromEntries(POLICY_ACTIONS.map((a) => [a, yes])) as Record<PolicyAction, Expect>,
  supervisor: {
    'org.view': yes,
    'unit.manage': no,
    'point.manage': no,
    'deputy.manage': no,
    'deputy.contact.reveal': yes,
    'department.manage': no,
    'category.manage': no,
    'appealKind.manage': no,
    'topic.manage': no,
    'user.view': yes,
    'user.manage': no,
    'audit.view': yes,
    'calendar.manage': no,
    'integration.manage': no,
    'reception.manage': no,
    'activity.manage': no,
    'duty.view': yes,
    'evaluation.view': yes,
    'evaluation.manage': no,
    'demo.outbox': no,
    'routing.manage': no,
    // Areas of work (the console's menu).
    'case.view': yes,
    'case.intake': yes,
    'case.import': yes,
    'stats.view': yes,
    'proposal.view': yes,
    'proposal.settings': no,
    'supervision.view': yes,
    'voting.view': yes,
    'comparison.view': yes,
    'org.browse': yes,
    'reception.view': yes,
    'activity.view': yes,
    'calendar.view': yes,
    'evaluation.signals': yes,
  },
  staff: {
    'org.view': yes,
    'unit.manage': no,
    'point.manage': scoped,
    'deputy.manage': no,
    'deputy.contact.reveal': scoped,
    'department.manage': no,
    'category.manage': no,
    'appealKind.manage': no,
    'topic.manage': no,
    'user.view': no,
    'user.manage': no,
    'audit.view': no,
    'calendar.manage': no,
    'integration.manage': no,
    'reception.manage': scoped,
    'activity.manage': scoped,
    'duty.view': scoped,
    'evaluation.view': yes,
    'evaluation.manage': no,
    'demo.outbox': no,
    'routing.manage': no,
    // Areas of work (the console's menu).
    'case.view': yes,
    'case.intake': yes,
    'case.import': yes,
    'stats.view': yes,
    'proposal.view': yes,
    'proposal.settings': no,
    'supervision.view': yes,
    'voting.view': yes,
    'comparison.view': yes,
    'org.browse': yes,
    'reception.view': yes,
    'activity.view': yes,
    'calendar.view': yes,
    'evaluation.signals': no,
  },
  deputy: {
    'org.view': yes,
    'unit.manage': no,
    'point.manage': no,
    'deputy.manage': no,
    'deputy.contact.reveal': scoped,
    'department.manage': no,
    'category.manage': no,
    'appealKind.manage': no,
    'topic.manage': no,
    'user.view': no,
    'user.manage': no,
    'audit.view': no,
    'calendar.manage': no,
    'integration.manage': no,
    'reception.manage': no,
    'activity.manage': no,
    'duty.view': scoped,
    'evaluation.view': no,
    'evaluation.manage': no,
    'demo.outbox': no,
    'routing.manage': no,
    // Areas of work (the console's menu).
    'case.view': yes,
    'case.intake': yes,
    'case.import': no,
    'stats.view': no,
    'proposal.view': yes,
    'proposal.settings': no,
    'supervision.view': no,
    'voting.view': yes,
    'comparison.view': no,
    'org.browse': no,
    'reception.view': no,
    'activity.view': no,
    'calendar.view': no,
    'evaluation.signals': no,
  },
  department: {
    'org.view': yes,
    'unit.manage': no,
    'point.manage': no,
    'deputy.manage': no,
    'deputy.contact.reveal': no,
    'department.manage': no,
    'category.manage': no,
    'appealKind.manage': no,
    'topic.manage': no,
    'user.view': no,
    'user.manage': no,
    'audit.view': no,
    'calendar.manage': no,
    'integration.manage': no,
    'reception.manage': no,
    'activity.manage': no,
    'duty.view': no,
    'evaluation.view': no,
    'evaluation.manage': no,
    'demo.outbox': no,
    'routing.manage': no,
    // Areas of work (the console's menu).
    'case.view': yes,
    'case.intake': no,
    'case.import': no,
    'stats.view': yes,
    'proposal.view': yes,
    'proposal.settings': no,
    'supervision.view': yes,
    'voting.view': yes,
    'comparison.view': no,
    'org.browse': no,
    'reception.view': no,
    'activity.view': no,
    'calendar.view': yes,
    'evaluation.signals': no,
  },
};

const inScopeTarget = { unitPath: POINT_IN, deputyId: 'dep-1', departmentId: 'dept-1' };
const outOfScopeTarget = { unitPath: POINT_OUT, deputyId: 'dep-2', departmentId: 'dept-2' };

describe('policy table: every role × action × scope', () => {
  for (const role of ROLES) {
    for (const action of POLICY_ACTIONS) {
      const expected = TABLE[role][action];
      it(`${role} ${action}: in scope ${expected.inScope}, out of scope ${expected.outOfScope}`, () => {
        expect(can(actor(role, scopes[role]), action, inScopeTarget)).toBe(expected.inScope);
        expect(can(actor(role, scopes[role]), action, outOfScopeTarget)).toBe(expected.outOfScope);
      });
    }
  }
});

describe('areas of work (the console menu)', () => {
  const areasOf = (role: Role) => allowedActions(actor(role, scopes[role])).filter((a) => AREAS.includes(a));
  const AREAS: PolicyAction[] = POLICY_ACTIONS.slice(POLICY_ACTIONS.indexOf('case.view'));
  it('departments and deputies get the few areas they work in', () => {
    expect(areasOf('department')).toEqual(['case.view', 'stats.view', 'proposal.view', 'supervision.view', 'voting.view', 'calendar.view']);
    expect(areasOf('deputy')).toEqual(['case.view', 'case.intake', 'proposal.view', 'voting.view']);
  });
  it('gaming signals are the office’s, not a station’s', () => {
    expect(areasOf('staff')).not.toContain('evaluation.signals');
    expect(areasOf('supervisor')).toContain('evaluation.signals');
  });
});

describe('policy edge cases', () => {
  it('a staff account without a unit reaches nothing scoped', () => {
    expect(can(actor('staff'), 'point.manage', inScopeTarget)).toBe(false);
  });
  it('a supervisor limited to a subtree reveals contacts only inside it', () => {
    const sup = actor('supervisor', { unitPath: STATION });
    expect(can(sup, 'deputy.contact.reveal', { unitPath: POINT_IN })).toBe(true);
    expect(can(sup, 'deputy.contact.reveal', { unitPath: POINT_OUT })).toBe(false);
  });
  it('a path prefix must be a whole segment', () => {
    const staff = actor('staff', { unitPath: '/hub/st-a/' });
    expect(can(staff, 'point.manage', { unitPath: '/hub/st-ab/pt/' })).toBe(false);
  });
  it('roles combine: any role that allows suffices', () => {
    const both: Actor = { userId: 'x', roles: ['department', 'staff'], scope: { unitPath: STATION } };
    expect(can(both, 'point.manage', { unitPath: POINT_IN })).toBe(true);
  });
  it('allowedActions lists exactly what can() allows', () => {
    const staff = actor('staff', scopes.staff);
    expect(allowedActions(staff, inScopeTarget)).toEqual([
      'org.view',
      'point.manage',
      'deputy.contact.reveal',
      'reception.manage',
      'activity.manage',
      'duty.view',
      'evaluation.view',
      'case.view',
      'case.intake',
      'case.import',
      'stats.view',
      'proposal.view',
      'supervision.view',
      'voting.view',
      'comparison.view',
      'org.browse',
      'reception.view',
      'activity.view',
      'calendar.view',
    ]);
  });
});
