/**
 * The console's language: switches i18next, antd's locale and `<html lang>` together,
 * and remembers the choice.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { applyLanguage, readLanguage } from '../shared/language';
import type { Language } from '../shared/language';
import { loadLanguage } from './i18n/setup';
import { consoleTheme } from './theme';

/**
 * People who ask their system for less motion get dialogs and menus without animation (antd's
 * `motion` token). It also keeps clicks from landing on a moving dialog in browser tests, which
 * ask for reduced motion.
 */
const REDUCED_MOTION = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
const STILL_THEME = { ...consoleTheme, token: { ...consoleTheme.token, motion: false } };

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageState | null>(null);

/** Provides the language and antd's configuration (locale, accessible theme); antd's `App` is in app-frame.tsx. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readLanguage);

  // `document.title` is each page's (`usePageTitle`), which follows the language itself.
  useEffect(() => {
    applyLanguage(language);
    // English is a chunk of its own: fetched here if it was not loaded before the first render.
    void loadLanguage(language);
  }, [language]);

  // The words come first (English may have to be fetched), then antd's locale and `<html lang>`.
  const setLanguage = useCallback((next: Language) => {
    void loadLanguage(next).then(() => setLanguageState(next));
  }, []);
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);

  return (
    <LanguageContext.Provider value={value}>
      <ConfigProvider
        locale={language === 'en' ? enUS : zhCN}
        theme={REDUCED_MOTION ? STILL_THEME : consoleTheme}
        // antd spaces out two-character Chinese labels ("受 理"): screen readers spell them, and they read oddly.
        button={{ autoInsertSpace: false }}
      >
        {children}
      </ConfigProvider>
    </LanguageContext.Provider>
  );
}

/** The current language and its setter. */
export function useLanguage(): LanguageState {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage outside LanguageProvider');
  return value;
}
