/**
 * `/console/evaluations/report/:schemeId/:unitId/:period`: one station's month on one A4
 * page, without the console's frame: key figures, the score items as a chart (SVG, so it
 * prints crisply) and a table, and the six-month trend. 打印 prints it; the toolbar is
 * hidden on paper.
 */
import { useEffect, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EChart } from '../cockpit/echart';
import { useErrorText } from '../common/use-error-text';
import { usePageTitle } from '../common/use-page-title';
import { dutyApi } from '../duty/duty-api';
import { BoardRule, useBoardNoteText } from './board-rule';
import { fetchStationReport, stationReportPath, type StationReport } from './station-report-api';
import './station-report-page.css';

export function StationReportPage() {
  const { schemeId = '', unitId = '', period = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const report = useQuery({ queryKey: ['station-report', schemeId, unitId, period], queryFn: () => fetchStationReport(schemeId, unitId, period) });
  const schemes = useQuery({ queryKey: ['evaluation-schemes'], queryFn: dutyApi.schemes });

  useEffect(() => {
    document.documentElement.classList.add('print-page');
    return () => document.documentElement.classList.remove('print-page');
  }, []);

  if (report.isPending) return <main className="print-sheet station-report">{t('common.loading')}</main>;
  if (report.error) {
    return (
      <main className="print-sheet station-report">
        <p role="alert">{errorText(report.error)}</p>
      </main>
    );
  }
  const schemeName = schemes.data?.items.find((s) => s.id === schemeId)?.name ?? schemeId;
  return <ReportSheet report={report.data} schemeName={schemeName} />;
}

function ReportSheet({ report, schemeName }: { report: StationReport; schemeName: string }) {
  const { t } = useTranslation();
  const boardNoteText = useBoardNoteText();
  usePageTitle(t('stationReport.title', { station: report.unit.name, period: report.period }));
  const rate = (v: number | null) => (v === null ? t('stationReport.noData') : `${v}%`);
  const f = report.figures;
  const figures: [string, string][] = [
    [t('stationReport.score'), String(report.score)],
    [t('stationReport.rank'), `${report.rank} / ${report.total}`],
    [t('stationReport.peerRank'), `${report.peerRank} / ${report.peerTotal}${report.peerGroup ? `（${report.peerGroup}）` : ''}`],
    [t('stationReport.receptions'), `${f.receptionsHeld} / ${f.receptionsPlanned}`],
    [t('stationReport.opinions'), String(f.opinions)],
    [t('stationReport.casesAssigned'), String(f.casesAssigned)],
    [t('stationReport.signedOnTime'), rate(f.signedOnTimeRate)],
    [t('stationReport.repliedOnTime'), rate(f.repliedOnTimeRate)],
    [t('stationReport.satisfaction'), rate(f.satisfactionRate)],
  ];
  if (report.board) figures.push([t('stationReport.board'), t(`duty.evaluations.${report.board}`)]);
  else if (report.boardNote) figures.push([t('stationReport.board'), boardNoteText(report.boardNote)]);
  const items = report.breakdown;
  // Animation off: a print taken while bars grow would show them half drawn.
  const itemsChart = useMemo(
    () => ({
      animation: false,
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: items.map((b) => b.label) },
      series: [
        {
          type: 'bar',
          label: { show: true, position: 'right' },
          data: items.map((b) => ({ value: b.points, itemStyle: { color: b.points < 0 ? '#cf1322' : '#1677ff' } })),
        },
      ],
    }),
    [items],
  );
  const trendChart = useMemo(
    () => ({
      animation: false,
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: report.trend.map((p) => p.period) },
      yAxis: { type: 'value' },
      series: [{ type: 'line', label: { show: true }, connectNulls: false, data: report.trend.map((p) => p.score) }],
    }),
    [report.trend],
  );
  const pairs: [string, string][][] = [];
  for (let i = 0; i < figures.length; i += 2) pairs.push(figures.slice(i, i + 2));
  return (
    <main className="print-sheet station-report" data-testid="station-report">
      <div className="no-print print-toolbar">
        <button type="button" onClick={() => window.print()} data-testid="station-report-print">
          {t('stationReport.print')}
        </button>
        <a href={`${stationReportPath(report.schemeId, report.unit.id)}.xlsx?period=${report.period}`}>{t('stationReport.xlsx')}</a>
        <Link to="/evaluations">{t('stationReport.back')}</Link>
      </div>
      <h1 data-testid="station-report-title">{t('stationReport.title', { station: report.unit.name, period: report.period })}</h1>
      <p className="station-report-sub">{t('stationReport.scheme', { scheme: schemeName })}</p>
      <h2>{t('stationReport.figures')}</h2>
      <table className="print-table" data-testid="station-report-figures">
        <tbody>
          {pairs.map((pair) => (
            <tr key={pair[0][0]}>
              {pair.map(([label, value]) => (
                <FigureCells key={label} label={label} value={value} />
              ))}
              {pair.length === 1 && <td colSpan={2} />}
            </tr>
          ))}
        </tbody>
      </table>
      <BoardRule size={report.boardSize} className="station-report-sub" />
      <h2>{t('stationReport.items')}</h2>
      <div className="station-report-chart" data-testid="station-report-chart">
        <EChart option={itemsChart} height={Math.max(140, items.length * 20)} label={t('stationReport.chart')} />
      </div>
      <table className="print-table station-report-items">
        <thead>
          <tr>
            <th scope="col">{t('stationReport.group')}</th>
            <th scope="col">{t('stationReport.indicator')}</th>
            <th scope="col">{t('stationReport.value')}</th>
            <th scope="col">{t('stationReport.weight')}</th>
            <th scope="col">{t('stationReport.points')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((b) => (
            <tr key={b.indicator}>
              <td>{b.group}</td>
              <td>{b.label}</td>
              <td>{b.kind === 'indicator' ? `${Math.round(b.value * 1000) / 10}%` : b.value}</td>
              <td>{b.weight}</td>
              <td>{b.points}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('stationReport.trend')}</h2>
      <div className="station-report-chart">
        <EChart option={trendChart} height={150} label={t('stationReport.trendChart')} />
      </div>
    </main>
  );
}

function FigureCells({ label, value }: { label: string; value: string }) {
  return (
    <>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </>
  );
}
