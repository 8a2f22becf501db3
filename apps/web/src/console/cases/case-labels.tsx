/** Names and tags of case data: statuses, channels, clocks, worklists, actions, events. */
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClockState } from './case-types';

/** Label functions in the current language; unknown codes are shown as they are. */
export function useCaseLabels() {
  const { t } = useTranslation();
  const label = (group: string, code: string | null | undefined) => (code ? t(`enum.${group}.${code}`, { defaultValue: code }) : t('common.none'));
  return {
    status: (code: string) => label('caseStatus', code),
    channel: (code: string) => label('channel', code),
    worklist: (code: string) => label('worklist', code),
    action: (code: string) => label('caseAction', code),
    event: (code: string) => label('caseEvent', code),
    rating: (code: string | null | undefined) => label('rating', code),
    spamFlag: (code: string) => label('spamFlag', code),
  };
}

/** Tag colours with at least 4.5:1 contrast (antd's preset tag colours fall below it). */
const TONES = {
  gold: { color: '#7c4a03', background: '#fff7e6', borderColor: '#ffd591' },
  blue: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  indigo: { color: '#1d39c4', background: '#f0f5ff', borderColor: '#adc6ff' },
  cyan: { color: '#00474f', background: '#e6fffb', borderColor: '#87e8de' },
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  grey: { color: '#434343', background: '#fafafa', borderColor: '#d9d9d9' },
  magenta: { color: '#780650', background: '#fff0f6', borderColor: '#ffadd2' },
  purple: { color: '#391085', background: '#f9f0ff', borderColor: '#d3adf7' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffc069' },
} as const;

/** A colour of `ToneTag`. */
export type Tone = keyof typeof TONES;

/** A tag in one of the accessible tones. */
export function ToneTag({ tone, children, testId, title }: { tone: Tone; children: ReactNode; testId?: string; title?: string }) {
  return (
    <Tag style={TONES[tone]} data-testid={testId} title={title}>
      {children}
    </Tag>
  );
}

const STATUS_TONE: Record<string, Tone> = {
  submitted: 'gold',
  accepted: 'blue',
  assigned: 'indigo',
  in_progress: 'blue',
  replied: 'cyan',
  closed: 'green',
  rejected: 'grey',
  reopened: 'magenta',
  merged: 'grey',
  converted: 'purple',
};

/** A case status as a coloured tag with its name. */
export function CaseStatusTag({ status }: { status: string }) {
  const labels = useCaseLabels();
  return (
    <span data-status={status}>
      <ToneTag tone={STATUS_TONE[status] ?? 'grey'}>{labels.status(status)}</ToneTag>
    </span>
  );
}

/** A deadline state: yellow "due soon", red "overdue" — always with words and an icon, not colour alone. */
export function ClockTag({ clock, testId }: { clock: ClockState | undefined; testId?: string }) {
  const { t } = useTranslation();
  if (clock === 'warning') {
    return (
      <ToneTag tone="orange" testId={testId}>
        <ClockCircleOutlined aria-hidden /> {t('enum.clock.warning')}
      </ToneTag>
    );
  }
  if (clock === 'overdue') {
    return (
      <ToneTag tone="red" testId={testId}>
        <ExclamationCircleOutlined aria-hidden /> {t('enum.clock.overdue')}
      </ToneTag>
    );
  }
  if (clock === 'normal') return <span data-testid={testId}>{t('enum.clock.normal')}</span>;
  return <span data-testid={testId}>{t('common.none')}</span>;
}
