/** The console's pages in menu order, with the permission each needs. */
import type { Role } from '../../shared/contract-types';
import type { Permission } from '../session/permissions';
import { CASE_ROLES, IMPORT_ROLES, INTAKE_ROLES } from '../session/roles';

/** One entry of the side menu. */
export interface NavItem {
  /** Route path under `/console`. */
  path: string;
  /** i18n key of the label. */
  labelKey: string;
  /** `data-testid` of the link. */
  testId: string;
  /** Needed to see the entry; none means every signed-in user. */
  permission?: Permission;
  /** One of these roles is needed to see the entry. */
  roles?: readonly Role[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', labelKey: 'nav.home', testId: 'nav-home' },
  { path: '/cockpit', labelKey: 'nav.cockpit', testId: 'nav-cockpit', roles: CASE_ROLES },
  { path: '/cases', labelKey: 'nav.cases', testId: 'nav-cases', roles: CASE_ROLES },
  { path: '/cases/new', labelKey: 'nav.intake', testId: 'nav-intake', roles: INTAKE_ROLES },
  { path: '/imports', labelKey: 'nav.imports', testId: 'nav-imports', roles: IMPORT_ROLES },
  { path: '/proposals', labelKey: 'proposals.nav.proposals', testId: 'nav-proposals', roles: CASE_ROLES },
  { path: '/supervision', labelKey: 'proposals.nav.supervision', testId: 'nav-supervision', roles: CASE_ROLES },
  { path: '/voting', labelKey: 'proposals.nav.voting', testId: 'nav-voting', roles: CASE_ROLES },
  { path: '/comparison', labelKey: 'proposals.nav.comparison', testId: 'nav-comparison', roles: CASE_ROLES },
  { path: '/proposal-settings', labelKey: 'proposalExtras.nav.settings', testId: 'nav-proposal-settings', roles: ['admin'] },
  { path: '/units', labelKey: 'nav.units', testId: 'nav-units', permission: 'org.view' },
  { path: '/deputies', labelKey: 'nav.deputies', testId: 'nav-deputies', permission: 'org.view' },
  { path: '/departments', labelKey: 'nav.departments', testId: 'nav-departments', permission: 'org.view' },
  { path: '/categories', labelKey: 'nav.categories', testId: 'nav-categories', permission: 'org.view' },
  { path: '/appeal-kinds', labelKey: 'nav.appealKinds', testId: 'nav-appeal-kinds', permission: 'org.view' },
  { path: '/topics', labelKey: 'nav.topics', testId: 'nav-topics', permission: 'org.view' },
  { path: '/users', labelKey: 'nav.users', testId: 'nav-users', permission: 'user.view' },
  { path: '/integrations', labelKey: 'nav.integrations', testId: 'nav-integrations', permission: 'integration.manage' },
  { path: '/routing', labelKey: 'nav.routing', testId: 'nav-routing', roles: ['admin'] },
  { path: '/receptions', labelKey: 'nav.receptions', testId: 'nav-receptions', permission: 'org.view' },
  { path: '/activities', labelKey: 'nav.activities', testId: 'nav-activities', permission: 'org.view' },
  { path: '/duty', labelKey: 'nav.duty', testId: 'nav-duty', permission: 'duty.view' },
  { path: '/evaluations', labelKey: 'nav.evaluations', testId: 'nav-evaluations', permission: 'evaluation.view' },
  // Everyone may look at the working-day calendar; editing it needs `calendar.manage`.
  { path: '/calendar', labelKey: 'nav.calendar', testId: 'nav-calendar' },
  // Admins of a demo install: the server grants `demo.outbox` in demo mode only.
  { path: '/demo-outbox', labelKey: 'demoOutbox.nav', testId: 'nav-demo-outbox', permission: 'demo.outbox' },
];

/** The menu entry a location belongs to (longest matching path). */
export function activeNavPath(pathname: string): string {
  const match = NAV_ITEMS.filter((item) => item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)));
  return match.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '/';
}
