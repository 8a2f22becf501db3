/** The full history of a case: every event with who, when, the state change, reason and details. */
import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TFunction } from 'i18next';
import { formatDateTime } from '../../shared/format';
import type { Language } from '../../shared/language';
import { useLanguage } from '../language-provider';
import { useCaseLabels } from './case-labels';
import { useCaseOptions } from './case-options';
import type { CaseEvent } from './case-types';

type Labels = ReturnType<typeof useCaseLabels>;
type Options = ReturnType<typeof useCaseOptions>;

/** Readable lines for the known parts of an event's payload. */
export function payloadLines(event: CaseEvent, t: TFunction, labels: Labels, options: Options, language: Language): string[] {
  const p: Record<string, unknown> = event.payload;
  const colon = t('common.colon');
  const lines: string[] = [];
  const str = (key: string) => (typeof p[key] === 'string' ? p[key] : undefined);
  const num = (key: string) => (typeof p[key] === 'number' ? p[key] : undefined);
  if (str('departmentId')) lines.push(`${t('cases.department')}${colon}${options.departmentNames.get(str('departmentId')!) ?? str('departmentId')}`);
  if (str('deputyId')) lines.push(`${t('cases.deputy')}${colon}${options.deputyNames.get(str('deputyId')!) ?? str('deputyId')}`);
  if (str('categoryId')) lines.push(`${t('cases.category')}${colon}${options.categoryNames.get(str('categoryId')!) ?? str('categoryId')}`);
  if (str('kind')) lines.push(`${t('cases.kind')}${colon}${t(`enum.appealKind.${str('kind')}`, { defaultValue: str('kind') })}`);
  if (str('channel') && event.type === 'submitted') lines.push(`${t('cases.channel')}${colon}${labels.channel(str('channel')!)}`);
  if (num('dueWorkdays')) lines.push(t('cases.workdaysLimit', { count: num('dueWorkdays') }));
  if (num('days')) lines.push(t('cases.extensionDays', { count: num('days') }));
  if (str('rating')) lines.push(`${t('cases.rating')}${colon}${labels.rating(str('rating'))}`);
  for (const key of ['content', 'note', 'comment', 'guidance'] as const) {
    if (str(key)) lines.push(str(key)!);
  }
  for (const key of ['acceptDeadline', 'signDeadline', 'replyDeadline'] as const) {
    if (str(key)) lines.push(`${t(`cases.deadline.${key}`)}${colon}${formatDateTime(str(key), language)}`);
  }
  if (Array.isArray(p.attachmentIds) && p.attachmentIds.length > 0) lines.push(t('cases.filesCount', { count: p.attachmentIds.length }));
  if (p.sameHandler === true) lines.push(t('cases.sameHandlerSigned'));
  return lines;
}

const RATING_CODES: ReadonlySet<string> = new Set(['satisfied', 'basically_satisfied', 'unsatisfied']);

/** People write reasons in words; the workflow writes a code (重办 after 不满意 has reason `unsatisfied`). */
export function reasonText(event: Pick<CaseEvent, 'reason' | 'actorKind'>, labels: Labels): string {
  const reason = event.reason ?? '';
  return event.actorKind === 'system' && RATING_CODES.has(reason) ? labels.rating(reason) : reason;
}

export function CaseTimeline({ events }: { events: CaseEvent[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const labels = useCaseLabels();
  const options = useCaseOptions();
  const items = events.map((event) => {
    const lines = payloadLines(event, t, labels, options, language);
    const into = event.type === 'merge' && typeof event.payload?.intoCaseId === 'string' ? event.payload.intoCaseId : null;
    return {
      key: event.id,
      color: event.type === 'reject' || event.type === 'urge' || event.type === 'supervise' ? 'red' : event.type === 'note' ? 'gray' : 'blue',
      content: (
        <div className="case-event" data-testid={`case-event-${event.type}`} data-type={event.type} data-public={event.public ? 'true' : 'false'}>
          <div>
            <Typography.Text strong>{labels.event(event.type)}</Typography.Text>
            {event.fromStatus && event.fromStatus !== event.toStatus && (
              <Typography.Text type="secondary">
                {' '}
                （{labels.status(event.fromStatus)} → {labels.status(event.toStatus ?? '')}）
              </Typography.Text>
            )}
            {!event.public && <Tag className="event-tag">{t('cases.internal')}</Tag>}
          </div>
          <Typography.Text type="secondary" className="case-event-meta">
            <time dateTime={event.at}>{formatDateTime(event.at, language)}</time> ·{' '}
            {event.actorName ?? t(`cases.actor.${event.actorKind}`, { defaultValue: event.actorKind })}
          </Typography.Text>
          {event.reason && (
            <p className="case-event-text">
              {t('cases.reason')}
              {t('common.colon')}
              {reasonText(event, labels)}
            </p>
          )}
          {lines.map((line, index) => (
            <p key={index} className="case-event-text">
              {line}
            </p>
          ))}
          {into && (
            <p className="case-event-text">
              <Link to={`/cases/${into}`}>{t('cases.openMaster')}</Link>
            </p>
          )}
        </div>
      ),
    };
  });
  return (
    <div data-testid="case-timeline">
      <Timeline items={items} />
    </div>
  );
}
