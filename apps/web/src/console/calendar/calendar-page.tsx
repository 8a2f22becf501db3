/**
 * `/console/calendar`: the working-day calendar every time limit runs on. A year as month
 * grids (holidays, 调休 make-up workdays and admin corrections told apart by colour and
 * by a written mark), a warning when the year falls back to the statutory holidays, the
 * corrections of the year, ICS import and a deadline calculator. Everyone signed in may
 * look; only `calendar.manage` may change anything (the server checks it again).
 */
import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Flex, Popconfirm, Row, Select, Space, Spin, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';
import { ToneTag } from '../cases/case-labels';
import { useLanguage } from '../language-provider';
import { usePermission } from '../session/permissions';
import { CALENDAR_KEYS, fetchCalendarYear, fetchOverrides, saveOverrides } from './calendar-api';
import { buildYearGrid, chinaDate, countDays, MAX_YEAR, MIN_YEAR, removeOverride, toggleYear, upsertOverride } from './calendar-model';
import type { CalendarOverride, CalendarYear, GridDay, OverrideList } from './calendar-model';
import { DeadlineCalculator } from './deadline-calculator';
import { IcsImport } from './ics-import';
import { OverrideModal } from './override-modal';
import { weekdayName, YearGrid } from './year-grid';
import './calendar.css';

const YEARS = Array.from({ length: MAX_YEAR - MIN_YEAR + 1 }, (_, i) => MIN_YEAR + i);
const RECOUNT_POLL_MS = 3_000;

export function CalendarPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const manage = can('calendar.manage');
  const today = useMemo(() => chinaDate(new Date()), []);
  const [year, setYear] = useState(() => Number(today.slice(0, 4)));
  const query = useQuery({
    queryKey: CALENDAR_KEYS.year(year),
    queryFn: () => fetchCalendarYear(year),
    // While the statistics are recounted for a changed calendar, look again until it is done.
    refetchInterval: (q) => (q.state.data?.statsRecountPending ? RECOUNT_POLL_MS : false),
  });
  const errorText = useErrorText();

  return (
    <>
      <PageHeader title={t('calendar.title')} intro={t('calendar.intro')} />
      <Flex wrap gap="small" align="center" className="cal-toolbar">
        <Button onClick={() => setYear((y) => Math.max(MIN_YEAR, y - 1))} disabled={year <= MIN_YEAR} data-testid="calendar-prev-year">
          {t('calendar.prevYear')}
        </Button>
        <label htmlFor="calendar-year" className="filter-label">
          {t('calendar.year')}
        </label>
        <Select
          id="calendar-year"
          value={year}
          onChange={setYear}
          showSearch
          style={{ width: 110 }}
          options={YEARS.map((y) => ({ value: y, label: String(y) }))}
          data-testid="calendar-year"
        />
        <Button onClick={() => setYear((y) => Math.min(MAX_YEAR, y + 1))} disabled={year >= MAX_YEAR} data-testid="calendar-next-year">
          {t('calendar.nextYear')}
        </Button>
      </Flex>
      {!manage && <Alert type="info" showIcon title={t('calendar.viewOnly')} style={{ marginBottom: 16 }} data-testid="calendar-view-only" />}
      {query.isPending ? (
        <div className="console-center" aria-busy="true">
          <Spin size="large" aria-label={t('common.loading')} />
        </div>
      ) : query.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorText(query.error)}
          action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
          data-testid="calendar-load-error"
        />
      ) : (
        <CalendarYearView data={query.data} manage={manage} today={today} />
      )}
    </>
  );
}

function CalendarYearView({ data, manage, today }: { data: CalendarYear; manage: boolean; today: string }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const client = useQueryClient();
  const errorText = useErrorText();
  const [editing, setEditing] = useState<{ date?: string } | null>(null);
  const months = useMemo(() => buildYearGrid(data.year, data.specialDays), [data]);
  const counts = useMemo(() => countDays(months), [months]);
  const days = useMemo(() => new Map(months.flatMap((m) => m.weeks.flat()).flatMap((d): [string, GridDay][] => (d ? [[d.date, d]] : []))), [months]);
  const overrides = useMemo(() => new Map(data.overrides.map((o) => [o.date, o])), [data]);
  const select = useCallback((date: string) => setEditing({ date }), []);

  // The API replaces the whole list: start from the latest full list, not this year's slice.
  const change = useMutation({
    mutationFn: async (edit: (list: OverrideList) => OverrideList) => {
      const next = edit(await fetchOverrides());
      await saveOverrides(next.overrides, next.confirmedYears);
    },
    onSettled: () => client.invalidateQueries({ queryKey: CALENDAR_KEYS.all }),
  });
  const save = async (override: CalendarOverride) => {
    await change.mutateAsync((list) => ({ ...list, overrides: upsertOverride(list.overrides, override) }));
    void message.success(t('calendar.saved'));
  };
  const remove = async (date: string) => {
    await change.mutateAsync((list) => ({ ...list, overrides: removeOverride(list.overrides, date) }));
    void message.success(t('calendar.removed'));
  };
  const confirm = (on: boolean) =>
    change.mutate((list) => ({ ...list, confirmedYears: toggleYear(list.confirmedYears, data.year, on) }), {
      onSuccess: () => void message.success(t(on ? 'calendar.yearConfirmed' : 'calendar.yearUnconfirmed')),
      onError: (error) => void message.error(errorText(error)),
    });

  const columns: TableColumnsType<CalendarOverride> = [
    { title: t('calendar.date'), dataIndex: 'date', render: (date: string) => `${date} ${weekdayName(date, language, 'short')}` },
    {
      title: t('calendar.overrideKind'),
      dataIndex: 'kind',
      render: (kind: CalendarOverride['kind']) =>
        kind === 'holiday' ? <ToneTag tone="red">{t('calendar.kindHoliday')}</ToneTag> : <ToneTag tone="blue">{t('calendar.kindWorkday')}</ToneTag>,
    },
    { title: t('calendar.note'), dataIndex: 'note', render: (note?: string) => note ?? t('common.none') },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, o: CalendarOverride) => (
              <Space size="small">
                <Button size="small" onClick={() => setEditing({ date: o.date })} data-testid={`calendar-override-edit-${o.date}`}>
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('calendar.removeConfirm', { date: o.date })}
                  onConfirm={() => void remove(o.date).catch((error: unknown) => void message.error(errorText(error)))}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ 'data-testid': `calendar-override-delete-confirm-${o.date}` }}
                >
                  <Button size="small" danger data-testid={`calendar-override-delete-${o.date}`}>
                    {t('calendar.removeOverride')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  const warnings = data.warnings.filter((w) => w.year === data.year);
  return (
    <>
      <section aria-labelledby="calendar-status-title" className="cal-status">
        <Typography.Title level={2} id="calendar-status-title" className="section-title">
          {t('calendar.yearHeading', { year: data.year })}
        </Typography.Title>
        <p data-testid="calendar-coverage" data-coverage={data.coverage}>
          {t('calendar.coverage.label')}
          {t('common.colon')}
          <ToneTag tone={data.coverage === 'fallback' ? 'orange' : data.coverage === 'confirmed' ? 'purple' : 'green'}>
            {t(`calendar.coverage.${data.coverage}`)}
          </ToneTag>
        </p>
        <p data-testid="calendar-summary">
          {t('calendar.summary', { workdays: counts.workdays, holidays: counts.holidays, makeup: counts.makeupWorkdays, overrides: counts.overrides })}
        </p>
        {data.statsRecountPending && (
          <Alert
            type="info"
            showIcon
            icon={<Spin size="small" />}
            role="status"
            title={t('calendar.recountPending')}
            style={{ marginBottom: 12 }}
            data-testid="calendar-recount-pending"
          />
        )}
        {warnings.map((w) => (
          <Alert
            key={w.code}
            type="warning"
            showIcon
            role="alert"
            title={t('calendar.fallbackTitle', { year: w.year })}
            description={language === 'en' ? w.message : w.messageZh}
            style={{ marginBottom: 12 }}
            data-testid={`calendar-warning-${w.code}`}
          />
        ))}
        {manage && data.coverage !== 'library' && (
          <Flex vertical gap={2} className="cal-confirm">
            <Checkbox
              checked={data.coverage === 'confirmed'}
              disabled={change.isPending}
              onChange={(e) => confirm(e.target.checked)}
              data-testid="calendar-confirm-year"
            >
              {t('calendar.confirmYear')}
            </Checkbox>
            <Typography.Text type="secondary">{t('calendar.confirmYearHelp')}</Typography.Text>
          </Flex>
        )}
      </section>

      <Card
        title={<h2 className="card-heading">{t('calendar.gridTitle')}</h2>}
        size="small"
        className="case-card"
        extra={
          manage && (
            <Button type="primary" onClick={() => setEditing({})} data-testid="calendar-add-override">
              {t('calendar.addOverride')}
            </Button>
          )
        }
      >
        <Legend />
        {manage && <Typography.Paragraph type="secondary">{t('calendar.gridHelpManage')}</Typography.Paragraph>}
        <YearGrid months={months} language={language} today={today} onSelect={manage ? select : undefined} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="card-heading">{t('calendar.overridesTitle')}</h2>} size="small" className="case-card">
            {data.overrides.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.overridesEmpty')} />
            ) : (
              <Table rowKey="date" size="small" pagination={false} columns={columns} dataSource={data.overrides} data-testid="calendar-overrides" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<h2 className="card-heading">{t('calendar.deadlineTitle')}</h2>} size="small" className="case-card">
            <DeadlineCalculator today={today} />
          </Card>
          {manage && (
            <Card title={<h2 className="card-heading">{t('calendar.importTitle')}</h2>} size="small" className="case-card">
              <IcsImport onImported={() => void client.invalidateQueries({ queryKey: CALENDAR_KEYS.all })} />
            </Card>
          )}
        </Col>
      </Row>

      {editing && (
        <OverrideModal
          date={editing.date}
          existing={editing.date ? overrides.get(editing.date) : undefined}
          current={editing.date ? days.get(editing.date) : undefined}
          onSave={save}
          onRemove={remove}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/** What the colours and marks mean. */
function Legend() {
  const { t } = useTranslation();
  const entries: Array<{ className: string; mark?: string; label: string }> = [
    { className: 'cal-workday', label: t('calendar.legend.workday') },
    { className: 'cal-weekend', label: t('calendar.legend.weekend') },
    { className: 'cal-holiday', mark: t('calendar.mark.holiday'), label: t('calendar.legend.holiday') },
    { className: 'cal-makeup', mark: t('calendar.mark.makeup'), label: t('calendar.legend.makeup') },
    { className: 'cal-workday cal-override', mark: t('calendar.mark.override'), label: t('calendar.legend.override') },
    { className: 'cal-workday cal-today', label: t('calendar.legend.today') },
  ];
  return (
    <div className="cal-legend" data-testid="calendar-legend">
      <Typography.Text strong id="calendar-legend-title">
        {t('calendar.legendTitle')}
      </Typography.Text>
      <ul aria-labelledby="calendar-legend-title">
        {entries.map((entry) => (
          <li key={entry.label}>
            <span className={`cal-day cal-swatch ${entry.className}`} aria-hidden="true">
              {entry.mark && <span className="cal-mark">{entry.mark}</span>}
            </span>
            {entry.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
