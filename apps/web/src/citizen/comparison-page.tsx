/** `/m/comparison`: 晾晒比拼 — stations and platforms ranked per indicator for a period, with places gained or lost. */
import { useState } from 'react';
import { useI18n } from './i18n';
import { fetchPublicRanking } from './participation-api';
import { participationText } from './participation-messages';
import { useDocumentTitle } from './use-document-title';
import { useResource } from './use-resource';

function Change({ change }: { change: number | null }) {
  if (!change) return <span aria-hidden="true">–</span>;
  return <span aria-label={String(change)}>{change > 0 ? `↑${change}` : `↓${-change}`}</span>;
}

export function ComparisonPage() {
  const { language } = useI18n();
  const p = participationText(language);
  useDocumentTitle(p('comparisonTitle'));
  const [period, setPeriod] = useState<string | undefined>();
  const ranking = useResource(`ranking:${period ?? ''}:${language}`, () => fetchPublicRanking(period));
  const data = ranking.data;
  return (
    <section className="page" aria-labelledby="comparison-title">
      <h2 id="comparison-title">{p('comparisonTitle')}</h2>
      <p className="muted">{p('comparisonIntro')}</p>
      {ranking.loading && <p className="status">{p('loading')}</p>}
      {ranking.error && <p className="status status-error">{p('failed')}</p>}
      {data && !data.period && <p className="status">{p('noData')}</p>}
      {data?.period && (
        <div className="field">
          <label htmlFor="period">{p('period')}</label>
          <select id="period" value={data.period} onChange={(e) => setPeriod(e.target.value)}>
            {data.periods.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
      )}
      {data?.period && data.overall.length > 0 && (
        <table className="ranking" data-testid="public-overall">
          <caption>{p('overall')}</caption>
          <thead>
            <tr>
              <th scope="col">{p('rank')}</th>
              <th scope="col">{p('unit')}</th>
            </tr>
          </thead>
          <tbody>
            {data.overall.map((o) => (
              <tr key={o.unitId}>
                <td>{o.rank}</td>
                <td>{o.unitName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data?.indicators
        .filter((i) => i.items.length > 0)
        .map((i) => (
          <table key={i.indicator.id} className="ranking">
            <caption>
              {i.indicator.name}（{i.indicator.unit}）
            </caption>
            <thead>
              <tr>
                <th scope="col">{p('rank')}</th>
                <th scope="col">{p('unit')}</th>
                <th scope="col">{p('value')}</th>
                <th scope="col">±</th>
              </tr>
            </thead>
            <tbody>
              {i.items.map((r) => (
                <tr key={r.unitId}>
                  <td>{r.rank}</td>
                  <td>{r.unitName}</td>
                  <td>{r.value}</td>
                  <td>
                    <Change change={r.rankChange} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
