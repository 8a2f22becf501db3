/**
 * i18next for the console: zh-CN first, English second. zh-CN comes with the entry; English
 * is its own chunk, loaded by `loadLanguage` before it is shown (main.tsx waits for it when
 * English is the remembered choice), which keeps the login page's first load small.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/language';
import { zhCN } from './zh-CN';

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  // Starts in zh-CN; `loadLanguage` switches to the remembered choice once its words are here.
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** Makes `language`'s words available (fetching the English chunk once) and switches to it. */
export async function loadLanguage(language: Language): Promise<void> {
  if (!i18next.hasResourceBundle(language, 'translation')) {
    const { en } = await import('./en');
    i18next.addResourceBundle('en', 'translation', en);
  }
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

export const i18n = i18next;
