/**
 * The big screen at `/screen`: full screen, dark, large type, refreshing itself every minute,
 * for a meeting room. It shows what the signed-in account may see (the console's session);
 * `?period=year|last30|month|all` and `?unit=<station id>` choose what it shows, and
 * `?refresh=<seconds>` how often it refreshes (a room showing live intake may want it faster).
 */
import type { PublicUnitList } from '@lianxin/contracts';
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../shared/api-error';
import { readLanguage } from '../shared/language';
import { get } from '../console/api';
import { barOption, pieOption, themeOf, trendOption } from '../console/cockpit/chart-options';
import { EChart } from '../console/cockpit/echart';
import { periodOf, periodRange } from '../console/cockpit/period';
import { stationFigures, type LayoutUnit } from '../console/cockpit/station-model';
import { StationTiles } from '../console/cockpit/station-tiles';
import { fetchHotWords, fetchOverview, type StatsFilters } from '../console/cockpit/stats-api';
import { SCREEN_MESSAGES } from './messages';

/** How often the screen asks for fresh figures unless `?refresh=` says otherwise. */
export const SCREEN_REFRESH_MS = 60_000;

/** The refresh interval named by `?refresh=<seconds>` (2 s to 1 h; anything else: the default). */
export function refreshIntervalOf(value: string | null): number {
  const seconds = Number(value);
  return value && Number.isFinite(seconds) && seconds >= 2 && seconds <= 3600 ? Math.round(seconds * 1000) : SCREEN_REFRESH_MS;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

export function ScreenApp() {
  const words = SCREEN_MESSAGES[readLanguage() === 'en' ? 'en' : 'zh'];
  const params = new URLSearchParams(window.location.search);
  const period = periodOf(params.get('period'), 'year');
  const refreshMs = refreshIntervalOf(params.get('refresh'));
  const [filters, setFilters] = useState<StatsFilters>(() => ({ ...periodRange(period), underUnitId: params.get('unit') ?? undefined }));
  // A new day moves "this year" / "last 30 days" along.
  useEffect(() => {
    const timer = setInterval(() => setFilters((f) => ({ ...f, ...periodRange(period) })), refreshMs);
    return () => clearInterval(timer);
  }, [period, refreshMs]);

  const overview = useQuery({ queryKey: ['screen', 'overview', filters], queryFn: () => fetchOverview(filters), refetchInterval: refreshMs });
  const hot = useQuery({ queryKey: ['screen', 'words', filters], queryFn: () => fetchHotWords(filters), refetchInterval: refreshMs * 5 });
  const units = useQuery({
    queryKey: ['screen', 'units'],
    queryFn: async (): Promise<LayoutUnit[]> => (await get<PublicUnitList>('/api/v1/public/units')).items,
    staleTime: 3_600_000,
  });
  const unitList = units.data ?? [];
  const signedOut = overview.error instanceof ApiError && overview.error.status === 401;
  const data = overview.data;
  const dark = themeOf(true, 18);

  if (signedOut)
    return (
      <main className="screen screen-message">
        <h1>{words.title}</h1>
        <p>{words.signIn}</p>
        <a href="/console/login">{words.signInLink}</a>
      </main>
    );

  const kpis: Array<[keyof typeof words.kpi, string | number, boolean?]> = data
    ? [
        ['received', data.received],
        ['accepted', data.accepted],
        ['closed', data.closed],
        ['onTimeRate', percent(data.onTimeRate)],
        ['satisfactionRate', percent(data.satisfactionRate)],
        ['avgHandleWorkdays', data.avgHandleWorkdays ?? '—'],
        ['overdue', data.overdue, data.overdue > 0],
        ['supervised', data.supervised],
      ]
    : [];

  return (
    <main className="screen" data-testid="screen">
      <header className="screen-header">
        <div>
          <h1>{words.title}</h1>
          <p>
            {words.subtitle} · {words.period[period as keyof typeof words.period] ?? ''}
          </p>
        </div>
        <div className="screen-header-side">
          {data && (
            <span aria-live="polite">
              {words.updated} {new Date(data.generatedAt).toLocaleTimeString(readLanguage())}
            </span>
          )}
          <button type="button" onClick={() => void document.documentElement.requestFullscreen?.()}>
            {words.fullScreen}
          </button>
        </div>
      </header>
      {overview.error && !signedOut && <p className="screen-warning">{words.failed}</p>}
      <section className="screen-kpis" aria-label={words.title}>
        {kpis.map(([key, value, warn]) => (
          <div className={`screen-kpi${warn ? ' screen-kpi-warn' : ''}`} key={key}>
            <div className="screen-kpi-value" data-testid={`screen-kpi-${key}`}>
              {value}
            </div>
            <div className="screen-kpi-label">{words.kpi[key]}</div>
          </div>
        ))}
      </section>
      {data && (
        <section className="screen-grid">
          <div className="screen-panel screen-panel-wide">
            <h2>{words.stations}</h2>
            <StationTiles stations={stationFigures(unitList, data.byUnit)} words={words.tiles} label={words.stations} dark testId="screen-stations" />
          </div>
          <div className="screen-panel">
            <h2>{words.trend}</h2>
            <EChart option={trendOption(data.trend, { received: words.received, closed: words.closedSeries }, dark)} height={240} label={words.trend} />
            <h2>{words.byChannel}</h2>
            <EChart option={pieOption(data.byChannel, dark)} height={240} label={words.byChannel} />
          </div>
          <div className="screen-panel">
            <h2>{words.byCategory}</h2>
            <EChart option={barOption(data.byCategory, dark, 8)} height={300} label={words.byCategory} />
            <h2>{words.hotWords}</h2>
            <div className="screen-words">
              {(hot.data ?? []).slice(0, 24).map((w, i) => (
                <span key={w.word} style={{ fontSize: `${18 + Math.max(0, 18 - i)}px` }}>
                  {w.word}
                </span>
              ))}
            </div>
          </div>
        </section>
      )}
    </main>
  );
}
