/**
 * The console's language: switches i18next and `<html lang>` together (antd's locale follows in
 * app-frame.tsx), and remembers the choice. No antd here: this comes with the login page.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { applyLanguage, readLanguage } from '../shared/language';
import type { Language } from '../shared/language';
import { loadLanguage } from './i18n/setup';

interface LanguageState {
  language: Language;
  setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageState | null>(null);

/** Provides the language; antd's configuration (locale, accessible theme) is in app-frame.tsx. */
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

  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

/** The current language and its setter. */
export function useLanguage(): LanguageState {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useLanguage outside LanguageProvider');
  return value;
}
