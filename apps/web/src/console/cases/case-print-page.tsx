/**
 * `/console/cases/:id/print`: a clean A4 case sheet (民意件办理单) without the console's
 * frame, for the paper file. The reporter's contact stays masked, and paper leaves the
 * system: every kind of personal data in the texts is masked (house numbers included).
 */
import { useEffect } from 'react';
import { maskPii } from '@lianxin/text';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../shared/format';
import { useLabels } from '../common/labels';
import { useErrorText } from '../common/use-error-text';
import { useLanguage } from '../language-provider';
import { CASE_KEYS, fetchCase } from './cases-api';
import { useCaseLabels } from './case-labels';
import { usePageTitle } from '../common/use-page-title';
import { useCaseOptions } from './case-options';
import { payloadLines, reasonText } from './case-timeline';

export function CasePrintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { language } = useLanguage();
  const labels = useCaseLabels();
  const enums = useLabels();
  const options = useCaseOptions();
  const errorText = useErrorText();
  const query = useQuery({ queryKey: CASE_KEYS.detail(id), queryFn: () => fetchCase(id) });
  usePageTitle(query.data ? `${t('cases.printTitle')} ${query.data.case.trackingCode}` : t('cases.printTitle'));

  useEffect(() => {
    document.documentElement.classList.add('print-page');
    return () => document.documentElement.classList.remove('print-page');
  }, []);

  if (query.isPending) return <main className="print-sheet">{t('common.loading')}</main>;
  if (query.error) {
    return (
      <main className="print-sheet">
        <p role="alert">{errorText(query.error)}</p>
      </main>
    );
  }
  const { case: record, events } = query.data;
  const name = (map: Map<string, string>, value: string | null | undefined) => (value ? (map.get(value) ?? value) : '');
  const rows: [string, string][] = [
    [t('cases.trackingCode'), record.trackingCode],
    [t('common.status'), labels.status(record.status)],
    [t('cases.kind'), record.kind ? enums.appealKind(record.kind) : ''],
    [t('cases.channel'), labels.channel(record.channel)],
    [t('cases.category'), name(options.categoryNames, record.categoryId)],
    [t('cases.unit'), name(options.unitNames, record.unitId)],
    [t('cases.handler'), record.departmentId ? name(options.departmentNames, record.departmentId) : name(options.deputyNames, record.deputyId)],
    [t('cases.createdAt'), formatDateTime(record.createdAt, language)],
    [t('cases.replyDueAt'), formatDateTime(record.replyDueAt, language)],
    [t('cases.reporterName'), record.anonymous ? t('cases.anonymous') : (record.reporter.name ?? '')],
    [t('cases.reporterPhone'), record.reporter.phone ?? ''],
    [t('cases.address'), maskPii(record.address ?? '')],
  ];
  const pairs: [string, string][][] = [];
  for (let i = 0; i < rows.length; i += 2) pairs.push(rows.slice(i, i + 2));

  return (
    <main className="print-sheet" data-testid="case-print-sheet">
      <div className="no-print print-toolbar">
        <button type="button" onClick={() => window.print()} data-testid="case-print-button">
          {t('cases.printNow')}
        </button>
        <Link to={`/cases/${record.id}`}>{t('cases.backToCase')}</Link>
      </div>
      <h1>{t('cases.printTitle')}</h1>
      <table className="print-table">
        <tbody>
          {pairs.map((pair) => (
            <tr key={pair[0][0]}>
              {pair.map(([label, value]) => (
                <FragmentCells key={label} label={label} value={value} />
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">{t('cases.caseTitle')}</th>
            <td colSpan={3}>{maskPii(record.title)}</td>
          </tr>
          <tr>
            <th scope="row">{t('cases.content')}</th>
            <td colSpan={3} className="pre">
              {maskPii(record.content)}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('cases.reply')}</th>
            <td colSpan={3} className="pre">
              {maskPii(record.replyContent ?? '')}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('cases.rating')}</th>
            <td colSpan={3}>
              {record.rating ? labels.rating(record.rating) : ''}
              {record.ratingComment ? ` · ${maskPii(record.ratingComment)}` : ''}
            </td>
          </tr>
        </tbody>
      </table>
      <h2>{t('cases.timeline')}</h2>
      <table className="print-table print-events">
        <thead>
          <tr>
            <th scope="col">{t('cases.eventTime')}</th>
            <th scope="col">{t('cases.eventType')}</th>
            <th scope="col">{t('cases.eventActor')}</th>
            <th scope="col">{t('cases.eventDetails')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>{formatDateTime(event.at, language)}</td>
              <td>{labels.event(event.type)}</td>
              <td>{event.actorName ?? t(`cases.actor.${event.actorKind}`, { defaultValue: event.actorKind })}</td>
              <td className="pre">
                {maskPii([event.reason ? reasonText(event, labels) : null, ...payloadLines(event, t, labels, options, language)].filter(Boolean).join('\n'))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="print-footer">{t('cases.printedAt', { time: formatDateTime(new Date().toISOString(), language) })}</p>
    </main>
  );
}

function FragmentCells({ label, value }: { label: string; value: string }) {
  return (
    <>
      <th scope="row">{label}</th>
      <td>{value}</td>
    </>
  );
}
