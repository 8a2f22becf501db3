/**
 * antd around the signed-in pages: its configuration (locale following the language, the
 * accessible theme) and `App` (the `App.useApp()` message, modal and notification hooks, base
 * text styles). In its own chunk, loaded beside the first signed-in page: the login page is
 * plain HTML and CSS and needs none of antd.
 */
import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useLanguage } from './language-provider';
import { consoleTheme } from './theme';

/**
 * People who ask their system for less motion get dialogs and menus without animation (antd's
 * `motion` token). It also keeps clicks from landing on a moving dialog in browser tests, which
 * ask for reduced motion.
 */
const REDUCED_MOTION = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
const STILL_THEME = { ...consoleTheme, token: { ...consoleTheme.token, motion: false } };

export function AppFrame({ children }: { children: ReactNode }) {
  const { language } = useLanguage();
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={REDUCED_MOTION ? STILL_THEME : consoleTheme}
      // antd spaces out two-character Chinese labels ("受 理"): screen readers spell them, and they read oddly.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
