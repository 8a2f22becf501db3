/** The side menu: only the pages the user may open. */
import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { hasPermission } from '../session/permissions';
import { useCurrentUser } from '../session/current-user';
import { activeNavPath, NAV_ITEMS } from './nav-items';

export function SideNav() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  const visible = NAV_ITEMS.filter((item) => !item.permission || hasPermission(user, item.permission));
  const items = visible.map((item) => ({
    key: item.path,
    label: (
      <Link to={item.path} data-testid={item.testId}>
        {t(item.labelKey)}
      </Link>
    ),
  }));
  return (
    <nav className="console-nav" aria-label={t('nav.label')}>
      <Menu mode="inline" selectedKeys={[activeNavPath(location.pathname)]} items={items} />
    </nav>
  );
}
