/**
 * The user's language choice, shared by the console and the citizen pages:
 * zh-CN first, English second, remembered in localStorage.
 */

/** Languages the web app speaks. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
/** A supported language. */
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'lianxin.lang';

/** The remembered language, zh-CN when nothing (valid) is stored. */
export function readLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // storage may be unavailable (private mode); fall through
  }
  return 'zh-CN';
}

/** Remembers the language and sets `<html lang>`. */
export function applyLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // ignore: the choice then lasts for this page only
  }
  document.documentElement.lang = language;
}
