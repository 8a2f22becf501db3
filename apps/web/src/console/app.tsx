/** The console's providers and routes under `/console`. */
import { useState } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError, setCsrfInvalidHandler, setUnauthorizedHandler } from './api';
import { CalendarPage } from './calendar/calendar-page';
import { CockpitPage } from './cockpit/cockpit-page';
import { CasePage } from './cases/case-page';
import { CasePrintPage } from './cases/case-print-page';
import { CasesPage } from './cases/cases-page';
import { IntakePage } from './cases/intake-page';
import { HomePage } from './home-page';
import { IntegrationsPage } from './integrations/integrations-page';
import { ImportsPage } from './imports/imports-page';
import { LanguageProvider } from './language-provider';
import { ConsoleLayout } from './layout/console-layout';
import { LoginPage } from './login-page';
import { NotFoundPage } from './not-found-page';
import { AppealKindsPage } from './org/appeal-kinds/appeal-kinds-page';
import { CategoriesPage } from './org/categories/categories-page';
import { DepartmentsPage } from './org/departments/departments-page';
import { DeputiesPage } from './org/deputies/deputies-page';
import { TopicsPage } from './org/topics/topics-page';
import { UnitsPage } from './org/units/units-page';
import { RequirePermission, RequireSession } from './session/require-session';
import { SESSION_KEY } from './session/use-session';
import { UsersPage } from './users/users-page';
import { ReceptionsPage } from './receptions/receptions-page';
import { ActivitiesPage } from './activities/activities-page';
import { DutyPage } from './duty/duty-page';
import { EvaluationsPage } from './evaluations/evaluations-page';
import { StationReportPage } from './evaluations/station-report-page';
import { ProposalsPage } from './proposals/proposals-page';
import { ProposalNewPage } from './proposals/proposal-new-page';
import { ProposalPage } from './proposals/proposal-page';
import { ProposalSettingsPage } from './proposals/proposal-settings-page';
import { VotingPage } from './voting/voting-page';
import { RoundPage } from './voting/round-page';
import { SupervisionPage } from './supervision/supervision-page';
import { KeyItemPage } from './supervision/key-item-page';
import { ComparisonPage } from './comparison/comparison-page';
import { RoutingPage } from './routing/routing-page';
import { DemoOutboxPage } from './demo-outbox/demo-outbox-page';

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
        <BrowserRouter basename={CONSOLE_BASENAME}>
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
        </BrowserRouter>
      </LanguageProvider>
    </QueryClientProvider>
  );
}
