/** Route guard: shows the child routes only to a signed-in user, else sends them to login. No antd here (it comes with the login page). */
import { Suspense, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { lazyPage } from '../lazy-page';
import { CurrentUserContext } from './current-user';
import type { Permission } from './permissions';
import { hasPermission } from './permissions';
import type { Role } from '../../shared/contract-types';
import { hasAnyRole } from './roles';
import { useSession } from './use-session';

// The full-page answers (antd Result) load only when shown.
const SessionFailed = lazyPage(() => import('./session-results'), 'SessionFailed');
const Forbidden = lazyPage(() => import('./session-results'), 'Forbidden');

export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const { user, loading, error, refetch } = useSession();

  if (loading) {
    return (
      <main className="console-center" aria-busy="true">
        <span className="lx-spinner lx-spinner-large" role="img" aria-label={t('common.loading')} />
      </main>
    );
  }
  if (error) {
    return (
      <Suspense fallback={null}>
        <SessionFailed error={error} onRetry={() => void refetch()} />
      </Suspense>
    );
  }
  if (!user) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  return (
    <CurrentUserContext.Provider value={user}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
}

/** Route guard inside the layout: a 403 page when the user lacks `permission` (or all of `roles`), the same one the menu asks. */
export function RequirePermission({ permission, roles }: { permission?: Permission; roles?: readonly Role[] }) {
  const user = useContext(CurrentUserContext);
  if ((permission && !hasPermission(user, permission)) || (roles && !hasAnyRole(user, roles))) return <Forbidden />;
  return <Outlet />;
}
