/** Route guard: shows the child routes only to a signed-in user, else sends them to login. */
import { useContext } from 'react';
import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useErrorText } from '../common/use-error-text';
import { CurrentUserContext } from './current-user';
import type { Permission } from './permissions';
import { hasPermission } from './permissions';
import { useSession } from './use-session';

export function RequireSession() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const location = useLocation();
  const { user, loading, error, refetch } = useSession();

  if (loading) {
    return (
      <main className="console-center" aria-busy="true">
        <Spin size="large" aria-label={t('common.loading')} />
      </main>
    );
  }
  if (error) {
    return (
      <main className="console-center">
        <Result
          status="warning"
          title={<h1 className="result-title">{t('pages.sessionFailed')}</h1>}
          subTitle={errorText(error)}
          extra={
            <Button type="primary" onClick={() => void refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      </main>
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

/** Route guard inside the layout: a 403 page when the user lacks `permission`, the same one the menu asks. */
export function RequirePermission({ permission }: { permission?: Permission }) {
  const { t } = useTranslation();
  const user = useContext(CurrentUserContext);
  if (permission && !hasPermission(user, permission)) {
    return (
      <Result status="403" title={<h1 className="result-title">{t('pages.forbiddenTitle')}</h1>} subTitle={t('pages.forbiddenText')} data-testid="forbidden" />
    );
  }
  return <Outlet />;
}
