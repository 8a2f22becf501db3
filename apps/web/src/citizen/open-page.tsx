/**
 * `/m/open` (办理公开): the public figures by station and category, and the opinions whose
 * authors agreed to publish them, with their replies; personal data is masked by the server.
 * Light on purpose (no chart library): bars are plain HTML, readable on cheap phones.
 */
import { useEffect, useState } from 'react';
import { ApiError } from '../shared/api-error';
import { formatDateTime } from '../shared/format';
import { useI18n } from './i18n';
import { fetchOpenCases, fetchOpenOverview, type OpenCase, type OpenOverview } from './open-api';
import { OPEN_MESSAGES } from './open-messages';
import { LoadError, Loading } from './status-message';
import { useDocumentTitle } from './use-document-title';
import './open-page.css';

const percent = (rate: number | null, none: string) => (rate === null ? none : `${Math.round(rate * 1000) / 10}%`);

function Bars({ title, lines, none }: { title: string; lines: OpenOverview['byStation']; none: string }) {
  const max = Math.max(1, ...lines.map((l) => l.received));
  return (
    <section className="open-section" aria-label={title}>
      <h2>{title}</h2>
      <ul className="open-bars">
        {lines.map((line) => (
          <li key={line.id ?? line.name}>
            <span className="open-bar-name">{line.name}</span>
            <span className="open-bar-track" aria-hidden="true">
              <span className="open-bar" style={{ width: `${Math.round((line.received / max) * 100)}%` }} />
            </span>
            <span className="open-bar-value">
              {line.received} · {percent(line.satisfactionRate, none)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OpenPage() {
  const { language } = useI18n();
  const words = OPEN_MESSAGES[language === 'en' ? 'en' : 'zh'];
  useDocumentTitle(words.title);
  const [allTime, setAllTime] = useState(false);
  const [overview, setOverview] = useState<OpenOverview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const [cases, setCases] = useState<OpenCase[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const year = `${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)}-01-01`;
    setError(null);
    fetchOpenOverview(allTime ? undefined : year)
      .then((data) => live && setOverview(data))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK_ERROR', String(e))));
    return () => {
      live = false;
    };
  }, [allTime, attempt, language]);

  useEffect(() => {
    let live = true;
    fetchOpenCases({ unitId, page })
      .then((data) => {
        if (!live) return;
        setTotal(data.total);
        setCases((previous) => (page === 1 ? data.items : [...previous, ...data.items]));
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [unitId, page, language]);

  return (
    <>
      <h1>{words.title}</h1>
      <p className="muted">{words.intro}</p>
      <div className="open-switch" role="group" aria-label={words.title}>
        <button type="button" aria-pressed={!allTime} onClick={() => setAllTime(false)}>
          {words.periodYear}
        </button>
        <button type="button" aria-pressed={allTime} onClick={() => setAllTime(true)}>
          {words.periodAll}
        </button>
      </div>
      {error && <LoadError error={error} onRetry={() => setAttempt((n) => n + 1)} />}
      {!overview && !error && <Loading />}
      {overview && (
        <>
          <dl className="open-figures" data-testid="open-figures">
            <div>
              <dt>{words.received}</dt>
              <dd>{overview.received}</dd>
            </div>
            <div>
              <dt>{words.closed}</dt>
              <dd>{overview.closed}</dd>
            </div>
            <div>
              <dt>{words.satisfaction}</dt>
              <dd>{percent(overview.satisfactionRate, words.none)}</dd>
            </div>
            <div>
              <dt>{words.onTime}</dt>
              <dd>{percent(overview.onTimeRate, words.none)}</dd>
            </div>
          </dl>
          <Bars title={words.byStation} lines={overview.byStation} none={words.none} />
          <Bars title={words.byCategory} lines={overview.byCategory} none={words.none} />
        </>
      )}
      <section className="open-section" aria-labelledby="open-cases-title">
        <h2 id="open-cases-title">{words.cases}</h2>
        <label className="open-filter">
          {words.station}
          <select
            value={unitId ?? ''}
            onChange={(event) => {
              setUnitId(event.target.value || undefined);
              setPage(1);
            }}
          >
            <option value="">{words.allStations}</option>
            {(overview?.byStation ?? [])
              .filter((s) => s.id)
              .map((s) => (
                <option key={s.id} value={s.id!}>
                  {s.name}
                </option>
              ))}
          </select>
        </label>
        {cases.length === 0 ? (
          <p className="muted">{words.noCases}</p>
        ) : (
          <ul className="cards" data-testid="open-cases">
            {cases.map((c) => (
              <li key={c.id} className="card">
                <p className="card-title">{c.title}</p>
                <p className="card-line muted">{[c.station, c.category, c.statusLabel, formatDateTime(c.createdAt, language)].filter(Boolean).join(' · ')}</p>
                <p className="card-line">{c.content}</p>
                {c.reply && (
                  <p className="card-line open-reply">
                    <strong>{words.reply}：</strong>
                    {c.reply}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        {cases.length < total && (
          <button type="button" className="button" onClick={() => setPage((p) => p + 1)}>
            {words.more}
          </button>
        )}
      </section>
    </>
  );
}
