/** The console's providers and routes under `/console`. */
import { Suspense, useState } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError, setCsrfInvalidHandler, setUnauthorizedHandler } from './api';
import { LanguageProvider } from './language-provider';
import { lazyFramedPage, lazyPage, PageLoading } from './lazy-page';
import { LoginPage } from './login-page';
import { RequirePermission, RequireSession } from './session/require-session';
import { SESSION_KEY } from './session/use-session';

/*
 * Every page is its own chunk, loaded when first shown (the login page comes with the entry):
 * the console's first load stays small and charts (ECharts) come only with the pages that draw them.
 */
const CalendarPage = lazyPage(() => import('./calendar/calendar-page'), 'CalendarPage');
const CockpitPage = lazyPage(() => import('./cockpit/cockpit-page'), 'CockpitPage');
const CasePage = lazyPage(() => import('./cases/case-page'), 'CasePage');
const CasePrintPage = lazyFramedPage(() => import('./cases/case-print-page'), 'CasePrintPage');
const CasesPage = lazyPage(() => import('./cases/cases-page'), 'CasesPage');
const IntakePage = lazyPage(() => import('./cases/intake-page'), 'IntakePage');
const HomePage = lazyPage(() => import('./home-page'), 'HomePage');
const IntegrationsPage = lazyPage(() => import('./integrations/integrations-page'), 'IntegrationsPage');
const ImportsPage = lazyPage(() => import('./imports/imports-page'), 'ImportsPage');
const ConsoleLayout = lazyFramedPage(() => import('./layout/console-layout'), 'ConsoleLayout');
const AppealKindsPage = lazyPage(() => import('./org/appeal-kinds/appeal-kinds-page'), 'AppealKindsPage');
const CategoriesPage = lazyPage(() => import('./org/categories/categories-page'), 'CategoriesPage');
const DepartmentsPage = lazyPage(() => import('./org/departments/departments-page'), 'DepartmentsPage');
const DeputiesPage = lazyPage(() => import('./org/deputies/deputies-page'), 'DeputiesPage');
const TopicsPage = lazyPage(() => import('./org/topics/topics-page'), 'TopicsPage');
const UnitsPage = lazyPage(() => import('./org/units/units-page'), 'UnitsPage');
const UsersPage = lazyPage(() => import('./users/users-page'), 'UsersPage');
const ReceptionsPage = lazyPage(() => import('./receptions/receptions-page'), 'ReceptionsPage');
const ActivitiesPage = lazyPage(() => import('./activities/activities-page'), 'ActivitiesPage');
const DutyPage = lazyPage(() => import('./duty/duty-page'), 'DutyPage');
const EvaluationsPage = lazyPage(() => import('./evaluations/evaluations-page'), 'EvaluationsPage');
const StationReportPage = lazyFramedPage(() => import('./evaluations/station-report-page'), 'StationReportPage');
const ProposalsPage = lazyPage(() => import('./proposals/proposals-page'), 'ProposalsPage');
const ProposalNewPage = lazyPage(() => import('./proposals/proposal-new-page'), 'ProposalNewPage');
const ProposalPage = lazyPage(() => import('./proposals/proposal-page'), 'ProposalPage');
const ProposalSettingsPage = lazyPage(() => import('./proposals/proposal-settings-page'), 'ProposalSettingsPage');
const VotingPage = lazyPage(() => import('./voting/voting-page'), 'VotingPage');
const RoundPage = lazyPage(() => import('./voting/round-page'), 'RoundPage');
const SupervisionPage = lazyPage(() => import('./supervision/supervision-page'), 'SupervisionPage');
const KeyItemPage = lazyPage(() => import('./supervision/key-item-page'), 'KeyItemPage');
const ComparisonPage = lazyPage(() => import('./comparison/comparison-page'), 'ComparisonPage');
const RoutingPage = lazyPage(() => import('./routing/routing-page'), 'RoutingPage');
const NotFoundPage = lazyPage(() => import('./not-found-page'), 'NotFoundPage');
const DemoOutboxPage = lazyPage(() => import('./demo-outbox/demo-outbox-page'), 'DemoOutboxPage');

/** Client-side base path; the server serves console.html for `/console` and `/console/*`. */
export const CONSOLE_BASENAME = '/console';

function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
    queryCache: new QueryCache(),
    mutationCache: new MutationCache(),
  });
  // Any 401 outside login / me means the session is gone: forget it, the guard redirects.
  setUnauthorizedHandler(() => client.setQueryData(SESSION_KEY, null));
  // A rejected CSRF token: reload the session (and with it a fresh token) for the next try.
  setCsrfInvalidHandler(() => void client.invalidateQueries({ queryKey: SESSION_KEY }));
  return client;
}

export function ConsoleApp() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <LanguageProvider>
        {/* Without transitions a click on the menu shows "加载中…" at once while the page's chunk comes, instead of keeping the old page up. */}
        <BrowserRouter basename={CONSOLE_BASENAME} useTransitions={false}>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path="login" element={<LoginPage />} />
              <Route element={<RequireSession />}>
                <Route element={<RequirePermission permission="case.view" />}>
                  <Route path="cases/:id/print" element={<CasePrintPage />} />
                </Route>
                <Route element={<RequirePermission permission="evaluation.view" />}>
                  <Route path="evaluations/report/:schemeId/:unitId/:period" element={<StationReportPage />} />
                </Route>
                <Route element={<ConsoleLayout />}>
                  <Route index element={<HomePage />} />
                  <Route element={<RequirePermission permission="stats.view" />}>
                    <Route path="cockpit" element={<CockpitPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="case.view" />}>
                    <Route path="cases" element={<CasesPage />} />
                    <Route path="cases/:id" element={<CasePage />} />
                  </Route>
                  <Route element={<RequirePermission permission="proposal.view" />}>
                    <Route path="proposals" element={<ProposalsPage />} />
                    <Route path="proposals/new" element={<ProposalNewPage />} />
                    <Route path="proposals/:id" element={<ProposalPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="voting.view" />}>
                    <Route path="voting" element={<VotingPage />} />
                    <Route path="voting/:id" element={<RoundPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="supervision.view" />}>
                    <Route path="supervision" element={<SupervisionPage />} />
                    <Route path="supervision/:id" element={<KeyItemPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="comparison.view" />}>
                    <Route path="comparison" element={<ComparisonPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="case.intake" />}>
                    <Route path="cases/new" element={<IntakePage />} />
                  </Route>
                  <Route element={<RequirePermission permission="case.import" />}>
                    <Route path="imports" element={<ImportsPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="org.browse" />}>
                    <Route path="units" element={<UnitsPage />} />
                    <Route path="deputies" element={<DeputiesPage />} />
                    <Route path="departments" element={<DepartmentsPage />} />
                    <Route path="categories" element={<CategoriesPage />} />
                    <Route path="appeal-kinds" element={<AppealKindsPage />} />
                    <Route path="topics" element={<TopicsPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="user.view" />}>
                    <Route path="users" element={<UsersPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="integration.manage" />}>
                    <Route path="integrations" element={<IntegrationsPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="demo.outbox" />}>
                    <Route path="demo-outbox" element={<DemoOutboxPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="reception.view" />}>
                    <Route path="receptions" element={<ReceptionsPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="activity.view" />}>
                    <Route path="activities" element={<ActivitiesPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="duty.view" />}>
                    <Route path="duty" element={<DutyPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="evaluation.view" />}>
                    <Route path="evaluations" element={<EvaluationsPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="proposal.settings" />}>
                    <Route path="proposal-settings" element={<ProposalSettingsPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="routing.manage" />}>
                    <Route path="routing" element={<RoutingPage />} />
                  </Route>
                  <Route element={<RequirePermission permission="calendar.view" />}>
                    <Route path="calendar" element={<CalendarPage />} />
                  </Route>
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </LanguageProvider>
    </QueryClientProvider>
  );
}
