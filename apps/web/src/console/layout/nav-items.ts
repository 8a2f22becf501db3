/**
 * The console's pages in menu order, each with the policy action it needs: the menu shows a
 * role exactly the areas the server's policy gives it (`GET /me` permissions), nothing more.
 */
import type { Permission } from '../session/permissions';

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
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', labelKey: 'nav.home', testId: 'nav-home' },
  { path: '/cockpit', labelKey: 'nav.cockpit', testId: 'nav-cockpit', permission: 'stats.view' },
  { path: '/cases', labelKey: 'nav.cases', testId: 'nav-cases', permission: 'case.view' },
  { path: '/cases/new', labelKey: 'nav.intake', testId: 'nav-intake', permission: 'case.intake' },
  { path: '/imports', labelKey: 'nav.imports', testId: 'nav-imports', permission: 'case.import' },
  { path: '/proposals', labelKey: 'proposals.nav.proposals', testId: 'nav-proposals', permission: 'proposal.view' },
  { path: '/supervision', labelKey: 'proposals.nav.supervision', testId: 'nav-supervision', permission: 'supervision.view' },
  { path: '/voting', labelKey: 'proposals.nav.voting', testId: 'nav-voting', permission: 'voting.view' },
  { path: '/comparison', labelKey: 'proposals.nav.comparison', testId: 'nav-comparison', permission: 'comparison.view' },
  { path: '/proposal-settings', labelKey: 'proposalExtras.nav.settings', testId: 'nav-proposal-settings', permission: 'proposal.settings' },
  { path: '/units', labelKey: 'nav.units', testId: 'nav-units', permission: 'org.browse' },
  { path: '/deputies', labelKey: 'nav.deputies', testId: 'nav-deputies', permission: 'org.browse' },
  { path: '/departments', labelKey: 'nav.departments', testId: 'nav-departments', permission: 'org.browse' },
  { path: '/categories', labelKey: 'nav.categories', testId: 'nav-categories', permission: 'org.browse' },
  { path: '/appeal-kinds', labelKey: 'nav.appealKinds', testId: 'nav-appeal-kinds', permission: 'org.browse' },
  { path: '/topics', labelKey: 'nav.topics', testId: 'nav-topics', permission: 'org.browse' },
  { path: '/users', labelKey: 'nav.users', testId: 'nav-users', permission: 'user.view' },
  { path: '/integrations', labelKey: 'nav.integrations', testId: 'nav-integrations', permission: 'integration.manage' },
  { path: '/receptions', labelKey: 'nav.receptions', testId: 'nav-receptions', permission: 'reception.view' },
  { path: '/activities', labelKey: 'nav.activities', testId: 'nav-activities', permission: 'activity.view' },
  { path: '/duty', labelKey: 'nav.duty', testId: 'nav-duty', permission: 'duty.view' },
  { path: '/evaluations', labelKey: 'nav.evaluations', testId: 'nav-evaluations', permission: 'evaluation.view' },
  // Editing the working-day calendar needs `calendar.manage`.
  { path: '/calendar', labelKey: 'nav.calendar', testId: 'nav-calendar', permission: 'calendar.view' },
  { path: '/routing', labelKey: 'nav.routing', testId: 'nav-routing', permission: 'routing.manage' },
  // Admins of a demo install: the server grants `demo.outbox` in demo mode only.
  { path: '/demo-outbox', labelKey: 'demoOutbox.nav', testId: 'nav-demo-outbox', permission: 'demo.outbox' },
];

/** The menu entry a location belongs to (longest matching path). */
export function activeNavPath(pathname: string): string {
  const match = NAV_ITEMS.filter((item) => item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)));
  return match.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '/';
}
