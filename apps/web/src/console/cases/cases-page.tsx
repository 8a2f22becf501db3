/**
 * `/console/cases`: the worklists (tabs with counts), filters and search, the case table
 * with its deadline state, and batch assignment to a department.
 */
import { useState } from 'react';
import type { Key } from 'react';
import { Alert, Button, Checkbox, Flex, Select, Table, Tabs, TreeSelect } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CASE_LIST_OFFSET_WINDOW, CASE_STATUSES } from '@lianxin/core';
import { formatDateTime } from '../../shared/format';
import { SearchBox } from '../common/list-toolbar';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';
import { useListParams, type ListChanges } from '../common/use-list-params';
import { tablePagination } from '../common/use-paged-list';
import { useLanguage } from '../language-provider';
import { usePermission } from '../session/permissions';
import { ExportButton } from '../exports/export-button';
import { BatchAssignModal } from './batch-assign-modal';
import { CASE_KEYS, fetchCases, fetchWorklists } from './cases-api';
import { CaseStatusTag, ClockTag, ToneTag, useCaseLabels } from './case-labels';
import { useCaseOptions } from './case-options';
import { WORKLIST_KEYS } from './case-types';
import type { CaseSummary } from './case-types';
import { DateRangeField } from '../common/date-fields';

const FILTERS = [
  'worklist',
  'status',
  'unitId',
  'underUnitId',
  'categoryId',
  'departmentId',
  'deputyId',
  'channel',
  'overdue',
  'from',
  'to',
  'after',
  'before',
] as const;
const CHANNELS = ['online', 'qr', 'walk_in', 'phone', 'visit', 'deputy_visit', 'letter', 'import', 'open311'] as const;

export function CasesPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const labels = useCaseLabels();
  const errorText = useErrorText();
  const can = usePermission();
  const navigate = useNavigate();
  const options = useCaseOptions();
  const params = useListParams(FILTERS);
  // Cursors (`after` / `before`) belong to one list: any other change starts again from its first page.
  const list = { ...params, update: (changes: ListChanges) => params.update({ after: undefined, before: undefined, ...changes }) };
  const { filters } = list;
  const [selected, setSelected] = useState<Key[]>([]);
  const [batchOpen, setBatchOpen] = useState(false);

  const worklists = useQuery({ queryKey: CASE_KEYS.worklists, queryFn: fetchWorklists, refetchInterval: 60_000 });
  const query = useQuery({ queryKey: CASE_KEYS.list(list.apiQuery), queryFn: () => fetchCases(list.apiQuery), placeholderData: keepPreviousData });
  const counts = new Map((worklists.data ?? []).map((w) => [w.key, w.count]));
  const items = query.data?.items ?? [];
  const selectedCases = items.filter((c) => selected.includes(c.id));

  const tabItems = [
    { key: 'all', label: <span data-testid="cases-tab-all">{t('cases.tabAll')}</span> },
    ...WORKLIST_KEYS.map((key) => ({
      key,
      label: (
        <span data-testid={`cases-tab-${key}`}>
          {labels.worklist(key)}
          {counts.has(key) && <span className="tab-count"> {counts.get(key)}</span>}
        </span>
      ),
    })),
  ];

  // The table fits the page at 1440 px without a horizontal scroll: fixed widths, the title takes
  // the rest, status and time limit share a cell, and less needed columns give way on narrower
  // screens (`responsive`: channel from 1600 px, handler from 1200 px, station and due time from 992 px).
  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('cases.trackingCode'),
      dataIndex: 'trackingCode',
      key: 'trackingCode',
      width: 150,
      render: (code: string, item) => (
        <Link to={`/cases/${item.id}`} className="code" data-testid={`case-link-${item.id}`}>
          {code}
        </Link>
      ),
    },
    {
      title: t('cases.caseTitle'),
      dataIndex: 'title',
      key: 'title',
      ellipsis: true,
      render: (title: string, item) => (
        <Flex gap={4} wrap align="center">
          <Link to={`/cases/${item.id}`} className="cell-ellipsis" title={title}>
            {title}
          </Link>
          {item.spamFlags.length > 0 && (
            <ToneTag tone="orange" title={item.spamFlags.map(labels.spamFlag).join('、')}>
              {t('cases.flagged')}
            </ToneTag>
          )}
        </Flex>
      ),
    },
    {
      title: `${t('common.status')} / ${t('cases.clock')}`,
      dataIndex: 'status',
      key: 'status',
      width: 116,
      render: (status: string, item) => (
        <Flex vertical gap={4} align="start">
          <CaseStatusTag status={status} />
          <ClockTag clock={item.clock} testId={`case-clock-${item.id}`} />
        </Flex>
      ),
    },
    { title: t('cases.channel'), dataIndex: 'channel', key: 'channel', width: 88, responsive: ['xxl'], render: (channel: string) => labels.channel(channel) },
    {
      title: t('cases.unit'),
      dataIndex: 'unitId',
      key: 'unitId',
      width: 150,
      responsive: ['lg'],
      ellipsis: true,
      render: (id: string | null) => (id ? (options.unitNames.get(id) ?? id) : t('common.none')),
    },
    {
      title: t('cases.handler'),
      key: 'handler',
      width: 130,
      responsive: ['xl'],
      ellipsis: true,
      render: (_: unknown, item) =>
        item.departmentId
          ? (options.departmentNames.get(item.departmentId) ?? item.departmentId)
          : item.deputyId
            ? (options.deputyNames.get(item.deputyId) ?? item.deputyId)
            : t('common.none'),
    },
    { title: t('cases.createdAt'), dataIndex: 'createdAt', key: 'createdAt', width: 172, render: (at: string) => formatDateTime(at, language) },
    {
      title: t('cases.replyDueAt'),
      dataIndex: 'replyDueAt',
      key: 'replyDueAt',
      width: 172,
      responsive: ['lg'],
      render: (at: string | null) => (at ? formatDateTime(at, language) : t('common.none')),
    },
  ];

  const activeTab = filters.worklist ?? 'all';
  // Page numbers reach the first CASE_LIST_OFFSET_WINDOW rows (no "last page" of a million-row list, which
  // costs seconds by offset); past them, and from the window's last page on, the list walks by cursor.
  const total = query.data?.total ?? 0;
  const byCursor = !!(filters.after || filters.before);
  const nextCursor = query.data?.nextCursor ?? null;
  const prevCursor = query.data?.prevCursor ?? null;
  const windowEnd = total > CASE_LIST_OFFSET_WINDOW && list.page * list.pageSize >= CASE_LIST_OFFSET_WINDOW;
  const pagination = byCursor
    ? false
    : {
        ...tablePagination(list, Math.min(total, CASE_LIST_OFFSET_WINDOW), t, query.data?.totalCapped),
        ...(total > CASE_LIST_OFFSET_WINDOW ? { showTotal: () => t('common.total', { count: total }) } : {}),
      };

  return (
    <>
      <PageHeader
        title={t('cases.title')}
        extra={
          <Flex gap="small" wrap>
            <ExportButton
              kind="cases"
              query={{ ...list.apiQuery, page: undefined, pageSize: undefined, includeInactive: undefined, after: undefined, before: undefined }}
            />
            {can('case.intake') && (
              <Button type="primary" onClick={() => void navigate('/cases/new')} data-testid="cases-new">
                {t('cases.new')}
              </Button>
            )}
          </Flex>
        }
      />
      <Tabs
        activeKey={activeTab}
        items={tabItems}
        onChange={(key) => {
          setSelected([]);
          list.update({ worklist: key === 'all' ? undefined : key });
        }}
        data-testid="cases-tabs"
      />
      <Flex wrap gap="small" align="center" className="list-toolbar" role="search">
        <SearchBox key={list.q} initial={list.q} onSearch={(q) => list.update({ q })} testId="cases-search" />
        <Select
          allowClear
          mode="multiple"
          maxTagCount="responsive"
          placeholder={t('cases.filterStatus')}
          aria-label={t('cases.filterStatus')}
          options={CASE_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          value={filters.status ? filters.status.split(',') : []}
          onChange={(value: string[]) => list.update({ status: value.join(',') })}
          style={{ minWidth: 160 }}
          data-testid="cases-filter-status"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('cases.filterUnit')}
          aria-label={t('cases.filterUnit')}
          options={options.stationOptions}
          value={filters.unitId}
          onChange={(value?: string) => list.update({ unitId: value })}
          style={{ width: 190 }}
          data-testid="cases-filter-unit"
        />
        <TreeSelect
          allowClear
          showSearch
          treeNodeFilterProp="title"
          placeholder={t('cases.filterCategory')}
          aria-label={t('cases.filterCategory')}
          treeData={options.categoryTree}
          value={filters.categoryId}
          onChange={(value?: string) => list.update({ categoryId: value })}
          style={{ width: 170 }}
          data-testid="cases-filter-category"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('cases.filterDepartment')}
          aria-label={t('cases.filterDepartment')}
          options={options.departmentOptions}
          value={filters.departmentId}
          onChange={(value?: string) => list.update({ departmentId: value })}
          style={{ width: 190 }}
          data-testid="cases-filter-department"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('cases.filterDeputy')}
          aria-label={t('cases.filterDeputy')}
          options={options.deputyOptions}
          value={filters.deputyId}
          onChange={(value?: string) => list.update({ deputyId: value })}
          style={{ width: 140 }}
          data-testid="cases-filter-deputy"
        />
        <Select
          allowClear
          placeholder={t('cases.filterChannel')}
          aria-label={t('cases.filterChannel')}
          options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
          value={filters.channel}
          onChange={(value?: string) => list.update({ channel: value })}
          style={{ width: 130 }}
          data-testid="cases-filter-channel"
        />
        <span className="filter-label" aria-hidden="true">
          {t('cases.filterDates')}
        </span>
        <DateRangeField
          from={filters.from}
          to={filters.to}
          labels={[t('cases.filterFrom'), t('cases.filterTo')]}
          onChange={(from, to) => list.update({ from, to })}
          style={{ width: 330 }}
          testId="cases-filter"
        />
        <Checkbox checked={filters.overdue === '1'} onChange={(e) => list.update({ overdue: e.target.checked })} data-testid="cases-filter-overdue">
          {t('cases.filterOverdue')}
        </Checkbox>
      </Flex>
      <Flex gap="small" align="center" className="list-toolbar">
        <Button
          onClick={() => setSelected(selected.length === items.length && items.length > 0 ? [] : items.map((c) => c.id))}
          disabled={items.length === 0}
          data-testid="cases-select-all"
        >
          {selected.length === items.length && items.length > 0 ? t('cases.selectNone') : t('cases.selectAll')}
        </Button>
        <Button disabled={selected.length === 0} onClick={() => setBatchOpen(true)} data-testid="cases-batch-assign">
          {t('cases.batchAssign')}
        </Button>
        <span aria-live="polite">{selected.length > 0 ? t('cases.selectedCount', { count: selected.length }) : ''}</span>
      </Flex>
      {query.error && <Alert type="error" showIcon role="alert" title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<CaseSummary>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={query.isFetching}
        pagination={pagination}
        size="middle"
        tableLayout="fixed"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys),
          getCheckboxProps: (item) => ({ 'aria-label': t('cases.selectCase', { code: item.trackingCode }) }),
          // antd copies the header into a hidden measuring row, so a header checkbox would be focusable while hidden.
          hideSelectAll: true,
          columnTitle: t('cases.select'),
          columnWidth: 56,
        }}
        data-testid="case-table"
      />
      {(byCursor || (windowEnd && nextCursor)) && (
        <Flex gap="small" align="center" justify="end" className="list-toolbar" data-testid="cases-cursor-pager">
          <span>{t('common.total', { count: total })}</span>
          <Button onClick={() => list.update({})} disabled={!byCursor} data-testid="cases-first-page">
            {t('cases.firstPage')}
          </Button>
          <Button onClick={() => prevCursor && list.update({ before: prevCursor })} disabled={!byCursor || !prevCursor} data-testid="cases-prev-page">
            {t('cases.newerPage')}
          </Button>
          <Button type="primary" onClick={() => nextCursor && list.update({ after: nextCursor })} disabled={!nextCursor} data-testid="cases-next-page">
            {t('cases.olderPage')}
          </Button>
        </Flex>
      )}
      {batchOpen && (
        <BatchAssignModal
          cases={selectedCases}
          onClose={(done) => {
            setBatchOpen(false);
            if (done) setSelected([]);
          }}
        />
      )}
    </>
  );
}
