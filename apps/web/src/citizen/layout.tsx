/** The citizen pages' frame: header with the hub's name and language switch, main, bottom navigation. */
import { useEffect } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { fetchPublicUnits } from './api';
import { rememberEntry } from './entry-marker';
import { useI18n } from './i18n';
import { findHub } from './units-model';
import { useResource } from './use-resource';

export function Layout() {
  const { t, language, setLanguage } = useI18n();
  const units = useResource('public-units', fetchPublicUnits);
  const hub = units.data ? findHub(units.data) : undefined;
  const other = language === 'zh-CN' ? 'en' : 'zh-CN';
  const { search } = useLocation();
  // A poster's QR link marks the visit, whichever page it lands on and wherever the citizen goes next.
  useEffect(() => rememberEntry(search), [search]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {language === 'zh-CN' ? '跳到主要内容' : 'Skip to content'}
      </a>
      <header className="site-header">
        <div className="site-header-row">
          <h1 className="site-title" data-testid="site-title" lang={hub ? 'zh-CN' : undefined}>
            <NavLink to="/">{hub?.name ?? t('siteTitle')}</NavLink>
          </h1>
          <button
            type="button"
            className="lang-switch"
            lang={other}
            aria-label={t('switchLanguageLabel')}
            onClick={() => setLanguage(other)}
            data-testid="lang-switch"
          >
            {t('switchLanguage')}
          </button>
        </div>
        <p className="site-tagline">{t('siteTagline')}</p>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        <Outlet />
      </main>
      <nav className="bottom-nav" aria-label={t('navLabel')}>
        <NavLink to="/" end data-testid="nav-home">
          {t('navHome')}
        </NavLink>
        <NavLink to="/submit" data-testid="nav-submit">
          {t('navSubmit')}
        </NavLink>
        <NavLink to="/track" data-testid="nav-track">
          {t('navTrack')}
        </NavLink>
        <NavLink to="/open" data-testid="nav-open">
          {t('navOpen')}
        </NavLink>
      </nav>
      <footer className="site-footer">{t('footer')}</footer>
    </div>
  );
}
