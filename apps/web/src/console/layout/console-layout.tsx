/** The signed-in frame: header (banner), side navigation and the main area. */
import { Suspense } from 'react';
import { Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { PageLoading } from '../lazy-page';
import { SideNav } from './side-nav';
import { UserBar } from './user-bar';

export function ConsoleLayout() {
  const { t } = useTranslation();
  return (
    <div className="console-shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="console-header">
        <Link to="/" className="console-brand">
          <Typography.Text strong>{t('app.title')}</Typography.Text>
        </Link>
        <UserBar />
      </header>
      <div className="console-body">
        <SideNav />
        <main id="main" className="console-main" tabIndex={-1}>
          {/* The page's own chunk loads here; the frame and the menu stay. */}
          <Suspense fallback={<PageLoading spinner={<Spin />} />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
