/** i18next for the console: zh-CN first, English second; resources are bundled. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { readLanguage } from '../../shared/language';
import { en } from './en';
import { zhCN } from './zh-CN';

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: readLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export const i18n = i18next;
