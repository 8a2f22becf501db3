/**
 * The statutory public holidays of the PRC (《全国年节及纪念日放假办法》, as amended by State
 * Council Decree No. 798, in force from 2025): the days that are off every year whatever the
 * annual 调休 arrangement says. Used as the fallback for a year the holiday data does not
 * cover, so such a year never counts a statutory holiday as a workday.
 *
 *   元旦 Jan 1 · 春节 除夕 and 正月初一–初三 (4 days) · 清明 the Qingming solar term ·
 *   劳动节 May 1–2 · 端午 五月初五 · 中秋 八月十五 · 国庆节 Oct 1–3
 *
 * What the fallback cannot know: the annual 调休 (holidays bridged to a weekend and the
 * make-up working weekends). Those need the State Council notice, imported by an admin.
 */
import { addCalendarDays, type CalendarDate } from './calendar-date';

/** One statutory holiday date with its name. */
export interface StatutoryHoliday {
  date: CalendarDate;
  name: string;
}

/** First and last year of the lunar table below. */
export const LUNAR_TABLE_YEARS = { first: 2000, last: 2100 } as const;

/**
 * Per Gregorian year: 正月初一 (lunar new year's day), 清明 (solar term), 端午 (五月初五) and
 * 中秋 (八月十五), as MMDD. Generated from chinese-days 1.5.7 (`getSolarDateFromLunar`,
 * `getSolarTermDate`, run in Asia/Shanghai) and checked against the official schedules
 * 2020–2026 in the tests.
 */
const LUNAR_TABLE = `
2000 0205 0404 0606 0912
2001 0124 0405 0625 1001
2002 0212 0405 0615 0921
2003 0201 0405 0604 0911
2004 0122 0404 0622 0928
2005 0209 0405 0611 0918
2006 0129 0405 0531 1006
2007 0218 0405 0619 0925
2008 0207 0404 0608 0914
2009 0126 0404 0528 1003
2010 0214 0405 0616 0922
2011 0203 0405 0606 0912
2012 0123 0404 0623 0930
2013 0210 0404 0612 0919
2014 0131 0405 0602 0908
2015 0219 0405 0620 0927
2016 0208 0404 0609 0915
2017 0128 0404 0530 1004
2018 0216 0405 0618 0924
2019 0205 0405 0607 0913
2020 0125 0404 0625 1001
2021 0212 0404 0614 0921
2022 0201 0405 0603 0910
2023 0122 0405 0622 0929
2024 0210 0404 0610 0917
2025 0129 0404 0531 1006
2026 0217 0405 0619 0925
2027 0206 0405 0609 0915
2028 0126 0404 0528 1003
2029 0213 0404 0616 0922
2030 0203 0405 0605 0912
2031 0123 0405 0624 1001
2032 0211 0404 0612 0919
2033 0131 0404 0601 0908
2034 0219 0405 0620 0927
2035 0208 0405 0610 0916
2036 0128 0404 0530 1004
2037 0215 0404 0618 0924
2038 0204 0405 0607 0913
2039 0124 0405 0527 1002
2040 0212 0404 0614 0920
2041 0201 0404 0603 0910
2042 0122 0404 0622 0928
2043 0210 0405 0611 0917
2044 0130 0404 0531 1005
2045 0217 0404 0619 0925
2046 0206 0404 0608 0915
2047 0126 0405 0529 1004
2048 0214 0404 0615 0922
2049 0202 0404 0604 0911
2050 0123 0404 0623 0930
2051 0211 0405 0613 0919
2052 0201 0404 0601 0907
2053 0219 0404 0620 0926
2054 0208 0404 0610 0916
2055 0128 0405 0530 1005
2056 0215 0404 0617 0924
2057 0204 0404 0606 0913
2058 0124 0404 0625 1002
2059 0212 0405 0614 0921
2060 0202 0404 0603 0909
2061 0121 0404 0622 0928
2062 0209 0404 0611 0917
2063 0129 0405 0601 1006
2064 0217 0404 0619 0925
2065 0205 0404 0608 0915
2066 0126 0404 0528 1003
2067 0214 0405 0616 0923
2068 0203 0404 0604 0911
2069 0123 0404 0623 0929
2070 0211 0404 0613 0919
2071 0131 0405 0602 0908
2072 0219 0404 0620 0926
2073 0207 0404 0610 0916
2074 0127 0404 0530 1005
2075 0215 0404 0617 0924
2076 0205 0404 0606 0912
2077 0124 0404 0624 1001
2078 0212 0404 0614 0920
2079 0202 0404 0604 0910
2080 0122 0404 0622 0928
2081 0209 0404 0611 0917
2082 0129 0404 0601 1006
2083 0217 0404 0619 0926
2084 0206 0404 0607 0914
2085 0126 0404 0527 1003
2086 0214 0404 0615 0922
2087 0203 0404 0605 0911
2088 0124 0404 0623 0929
2089 0210 0404 0613 0918
2090 0130 0404 0602 0908
2091 0218 0404 0621 0927
2092 0207 0404 0609 0916
2093 0127 0404 0529 1005
2094 0215 0404 0617 0924
2095 0205 0404 0606 0913
2096 0125 0404 0624 0930
2097 0212 0404 0614 0920
2098 0201 0404 0604 0909
2099 0121 0404 0623 0929
2100 0209 0404 0612 0918
`;

const LUNAR_DATES: ReadonlyMap<number, readonly [string, string, string, string]> = new Map(
  LUNAR_TABLE.trim()
    .split('\n')
    .map((line) => {
      const [year, lny, qingming, duanwu, zhongqiu] = line.trim().split(/\s+/);
      return [Number(year), [lny, qingming, duanwu, zhongqiu]] as const;
    }),
);

function md(year: number, mmdd: string): CalendarDate {
  return `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`;
}

/** True when the lunar holidays (春节, 清明, 端午, 中秋) of `year` are known to the table. */
export function hasLunarDates(year: number): boolean {
  return LUNAR_DATES.has(year);
}

/**
 * The statutory holidays of `year`, in date order. Outside the lunar table only the
 * fixed-date ones (元旦, 劳动节, 国庆节) are returned; `hasLunarDates` tells which.
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const days: StatutoryHoliday[] = [
    { date: md(year, '0101'), name: '元旦' },
    { date: md(year, '0501'), name: '劳动节' },
    { date: md(year, '0502'), name: '劳动节' },
    { date: md(year, '1001'), name: '国庆节' },
    { date: md(year, '1002'), name: '国庆节' },
    { date: md(year, '1003'), name: '国庆节' },
  ];
  const lunar = LUNAR_DATES.get(year);
  if (lunar) {
    const [lny, qingming, duanwu, zhongqiu] = lunar;
    const newYear = md(year, lny);
    // 除夕 is the day before 正月初一 (it may fall on 腊月廿九 or 三十).
    for (let i = -1; i <= 2; i++) days.push({ date: addCalendarDays(newYear, i), name: '春节' });
    days.push({ date: md(year, qingming), name: '清明' });
    days.push({ date: md(year, duanwu), name: '端午' });
    days.push({ date: md(year, zhongqiu), name: '中秋' });
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
