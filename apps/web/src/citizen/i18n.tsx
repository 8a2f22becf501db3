/**
 * The citizen pages' words: a tiny zh-CN / English dictionary and a language context.
 * No i18n library, to keep the mobile bundle small.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { applyLanguage, readLanguage } from '../shared/language';
import type { Language } from '../shared/language';

const zh = {
  siteTitle: '瑞安市人大代表联络站',
  siteTagline: '连心桥 · 人大代表联络服务',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  navHome: '首页',
  navSubmit: '提交意见',
  navTrack: '查询进度',
  navLabel: '主导航',
  introTitle: '您可以在这里',
  introFind: '找到离您最近的人大代表联络站和联络点，了解开放时间和地址；',
  introMeet: '查看在站人大代表，进站面对面反映意见；',
  introSubmit: '在线提交意见建议，凭查询码跟踪办理进度并评价答复。',
  searchLabel: '搜索联络站',
  searchPlaceholder: '输入镇街或联络站名称',
  stationsTitle: '联络站',
  stationCount: '共 {count} 个联络站',
  noMatch: '没有找到名称包含“{q}”的联络站。',
  regionStreet: '街道',
  regionTown: '镇',
  regionTownship: '乡',
  regionPlatform: '平台',
  regionOther: '其他',
  showPoints: '展开联络点（{count}）',
  hidePoints: '收起联络点',
  noPoints: '暂无联络点',
  openStation: '进入联络站',
  loading: '正在加载…',
  loadFailed: '加载失败：{message}',
  retry: '重试',
  address: '地址',
  openingHours: '开放时间',
  phone: '电话',
  brands: '特色',
  pointsTitle: '联络点',
  deputiesTitle: '在站人大代表',
  noDeputies: '暂无代表信息',
  backHome: '返回首页',
  belongsTo: '所属联络站',
  stationNotFound: '没有找到这个联络站。',
  comingSoonTitle: '即将上线',
  comingSoonSubmit: '在线提交意见的功能正在建设中，敬请期待。您也可以到就近的联络站当面反映。',
  comingSoonTrack: '查询办理进度的功能正在建设中，敬请期待。',
  notFoundTitle: '页面不存在',
  notFoundText: '您访问的页面不存在。',
  footer: '瑞安市人大常委会',
  levelNational: '全国人大代表',
  levelProvincial: '省人大代表',
  levelPrefectural: '市人大代表',
  levelCounty: '县（市）人大代表',
  levelTownship: '乡镇人大代表',
  kindHub: '联络总站',
  kindStation: '联络站',
  kindPoint: '联络点',
};

/** A dictionary key. */
export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  siteTitle: "Rui'an Deputy Liaison Stations",
  siteTagline: 'Bridging deputies and the people',
  switchLanguage: '中文',
  switchLanguageLabel: '切换到中文',
  navHome: 'Home',
  navSubmit: 'Submit',
  navTrack: 'Track',
  navLabel: 'Main navigation',
  introTitle: 'Here you can',
  introFind: 'find the liaison station or point nearest to you, with its address and opening hours;',
  introMeet: 'see which deputies serve there and meet them in person;',
  introSubmit: 'submit an opinion online, follow it with a tracking code and rate the reply.',
  searchLabel: 'Search stations',
  searchPlaceholder: 'Street, town or station name',
  stationsTitle: 'Stations',
  stationCount: '{count} stations',
  noMatch: 'No station name contains “{q}”.',
  regionStreet: 'Subdistricts',
  regionTown: 'Towns',
  regionTownship: 'Townships',
  regionPlatform: 'Platforms',
  regionOther: 'Other',
  showPoints: 'Show liaison points ({count})',
  hidePoints: 'Hide liaison points',
  noPoints: 'No liaison points yet',
  openStation: 'Open station',
  loading: 'Loading…',
  loadFailed: 'Could not load: {message}',
  retry: 'Retry',
  address: 'Address',
  openingHours: 'Opening hours',
  phone: 'Phone',
  brands: 'Themes',
  pointsTitle: 'Liaison points',
  deputiesTitle: 'Deputies at this station',
  noDeputies: 'No deputies listed yet',
  backHome: 'Back to home',
  belongsTo: 'Station',
  stationNotFound: 'This station does not exist.',
  comingSoonTitle: 'Coming soon',
  comingSoonSubmit: 'Submitting opinions online is coming soon. Meanwhile you are welcome at any liaison station.',
  comingSoonTrack: 'Tracking the progress of an opinion is coming soon.',
  notFoundTitle: 'Page not found',
  notFoundText: 'The page you asked for does not exist.',
  footer: "Standing Committee of the Rui'an People's Congress",
  levelNational: 'National deputy',
  levelProvincial: 'Provincial deputy',
  levelPrefectural: 'Prefectural deputy',
  levelCounty: 'County deputy',
  levelTownship: 'Township deputy',
  kindHub: 'General station',
  kindStation: 'Station',
  kindPoint: 'Liaison point',
};

const dictionaries: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zh, en };

/** Translates a key, filling `{name}` placeholders from `vars`. */
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

/** Provides the language and `t` to the citizen pages. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(readLanguage);
  useEffect(() => applyLanguage(language), [language]);
  const t = useCallback<Translate>(
    (key, vars) => {
      const text = dictionaries[language][key];
      return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : text;
    },
    [language],
  );
  const value = useMemo(() => ({ language, setLanguage, t }), [language, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and translator. */
export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
