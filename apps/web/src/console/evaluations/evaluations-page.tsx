/**
 * `/console/evaluations`: results of a scheme for a period (红黑榜) with every score's
 * breakdown, a bar chart, what-if weights (preview only; adopting is a separate admin
 * step), publication, and gaming signals for supervisors.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Flex, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';
import { EChart } from '../cockpit/echart';
import { chinaToday, dutyApi, type BreakdownItem, type Results, type Scheme, type WhatIf } from '../duty/duty-api';
import { usePermission } from '../session/permissions';
import { BoardRule, useBoardNoteText } from './board-rule';
import { SchemeEditor } from './scheme-editor';
import { periodKindOf, PeriodField } from '../common/date-fields';

export function EvaluationsPage() {
  const { t } = useTranslation();
  const can = usePermission();
  const schemes = useQuery({ queryKey: ['evaluation-schemes'], queryFn: dutyApi.schemes });
  const [schemeId, setSchemeId] = useState('default-station');
  const [periodInput, setPeriodInput] = useState(chinaToday().slice(0, 7));
  const period = periodKindOf(periodInput) ? periodInput : null;
  const scheme = schemes.data?.items.find((s) => s.id === schemeId);
  const results = useQuery({ queryKey: ['evaluation-results', schemeId, period], queryFn: () => dutyApi.results(schemeId, period!), enabled: !!period });
  return (
    <>
      <PageHeader title={t('duty.evaluations.title')} intro={t('duty.evaluations.intro')} />
      <Flex wrap gap="small" style={{ marginBottom: 16 }} align="center">
        <Select
          aria-label={t('duty.evaluations.scheme')}
          style={{ width: 260 }}
          value={schemeId}
          onChange={setSchemeId}
          options={(schemes.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          data-testid="evaluation-scheme"
        />
        <span className="filter-label" aria-hidden="true">
          {t('duty.evaluations.period')}
        </span>
        <PeriodField value={periodInput} onChange={setPeriodInput} label={t('duty.evaluations.period')} testId="evaluation-period" />
      </Flex>
      <Tabs
        items={[
          {
            key: 'results',
            label: t('duty.evaluations.title'),
            children: results.data && scheme ? <ResultsPanel results={results.data} canPublish={can('evaluation.manage')} /> : null,
          },
          {
            key: 'what-if',
            label: t('duty.evaluations.whatIf'),
            children: scheme && period ? <WhatIfPanel scheme={scheme} period={period} canAdopt={can('evaluation.manage')} /> : null,
          },
          ...(can('evaluation.signals')
            ? [{ key: 'signals', label: t('duty.evaluations.signals'), children: period ? <SignalsPanel period={period} /> : null }]
            : []),
          ...(can('evaluation.manage') && scheme ? [{ key: 'scheme', label: t('duty.edit.scheme.tab'), children: <SchemeEditor scheme={scheme} /> }] : []),
        ]}
      />
    </>
  );
}

function basis(b: BreakdownItem, t: (k: string) => string): string {
  if (b.note === 'no_data') return t('duty.evaluations.noData');
  const parts: string[] = [];
  if (b.numerator !== undefined && b.denominator !== undefined) parts.push(`${b.numerator}/${b.denominator}`);
  else if (b.numerator !== undefined && b.target !== undefined) parts.push(`${b.numerator} / ${b.target}`);
  if (b.note === 'capped') parts.push(t('duty.evaluations.capped'));
  return parts.join(' · ');
}

function ResultsPanel({ results, canPublish }: { results: Results; canPublish: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const boardNoteText = useBoardNoteText();
  const publish = useMutation({
    mutationFn: () => dutyApi.publish(results.schemeId, results.period),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['evaluation-results'] });
      void message.success(t('duty.evaluations.publishedOk'));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const top = results.items.slice(0, 30);
  const option = {
    // 14 px labels like the rest of the console; a long station name is cut, not run into the bars.
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', axisLabel: { fontSize: 14 } },
    yAxis: { type: 'category', inverse: true, data: top.map((r) => r.name), axisLabel: { fontSize: 14, width: 180, overflow: 'truncate' } },
    tooltip: {},
    series: [
      {
        type: 'bar',
        data: top.map((r) => ({ value: r.score, itemStyle: { color: r.board === 'red' ? '#cf1322' : r.board === 'black' ? '#262626' : '#1677ff' } })),
      },
    ],
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Flex gap="small" align="center">
        {results.published && <Tag color="green">{t('duty.evaluations.published', { at: results.published.publishedAt.slice(0, 16).replace('T', ' ') })}</Tag>}
        <Button href={`/api/v1/evaluations/${results.schemeId}/report.xlsx?period=${results.period}`} data-testid="evaluation-xlsx">
          {t('duty.evaluations.xlsx')}
        </Button>
        {canPublish && (
          <Button onClick={() => publish.mutate()} loading={publish.isPending} data-testid="evaluation-publish">
            {t('duty.evaluations.publish')}
          </Button>
        )}
      </Flex>
      <EChart option={option} height={Math.max(200, top.length * 28)} label={t('duty.evaluations.chart')} />
      <BoardRule size={results.boardSize} />
      <Table
        rowKey="subjectId"
        size="small"
        dataSource={results.items}
        pagination={{ pageSize: 50 }}
        data-testid="evaluation-results"
        expandable={{
          expandedRowRender: (r) => (
            <Table<BreakdownItem>
              rowKey="indicator"
              size="small"
              pagination={false}
              dataSource={r.breakdown}
              columns={[
                { title: t('duty.evaluations.group'), dataIndex: 'group' },
                { title: t('duty.evaluations.indicator'), dataIndex: 'label' },
                { title: t('duty.evaluations.value'), render: (_, b) => (b.kind === 'indicator' ? `${Math.round(b.value * 1000) / 10}%` : b.value) },
                { title: t('duty.evaluations.weight'), dataIndex: 'weight' },
                { title: t('duty.evaluations.pointsCol'), dataIndex: 'points' },
                { title: t('duty.evaluations.basis'), render: (_, b) => basis(b, t) },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('duty.evaluations.rank'), dataIndex: 'rank', width: 70 },
          { title: t('duty.evaluations.name'), dataIndex: 'name' },
          { title: t('duty.evaluations.peerGroup'), dataIndex: 'peerGroup' },
          { title: t('duty.evaluations.peerRank'), dataIndex: 'peerRank', width: 90 },
          { title: t('duty.evaluations.score'), dataIndex: 'score', width: 90 },
          // One station's month prints as an A4 report (stations and months only).
          ...(results.subject === 'unit' && /^\d{4}-\d{2}$/.test(results.period)
            ? [
                {
                  title: t('stationReport.open'),
                  width: 80,
                  render: (_: unknown, r: Results['items'][number]) => (
                    <Link
                      to={`/evaluations/report/${results.schemeId}/${r.subjectId}/${results.period}`}
                      aria-label={t('stationReport.openLabel', { station: r.name })}
                      data-testid={`station-report-link-${r.subjectId}`}
                    >
                      {t('stationReport.open')}
                    </Link>
                  ),
                },
              ]
            : []),
          {
            title: t('duty.evaluations.board'),
            width: 90,
            render: (_, r) =>
              r.board === 'red' ? (
                <Tag color="red">{t('duty.evaluations.red')}</Tag>
              ) : r.board === 'black' ? (
                <Tag color="black">{t('duty.evaluations.black')}</Tag>
              ) : r.boardNote ? (
                <Typography.Text type="secondary">{boardNoteText(r.boardNote)}</Typography.Text>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}

function WhatIfPanel({ scheme, period, canAdopt }: { scheme: Scheme; period: string; canAdopt: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const initial = useMemo(() => Object.fromEntries(scheme.definition.indicators.map((i) => [i.key, i.weight])), [scheme]);
  const [weights, setWeights] = useState<Record<string, number>>(initial);
  const [preview, setPreview] = useState<WhatIf | null>(null);
  useEffect(() => {
    setWeights(initial);
    setPreview(null);
  }, [initial]);
  const run = useMutation({
    mutationFn: () => dutyApi.whatIf(scheme.id, period, weights),
    onSuccess: setPreview,
    onError: (e) => void message.error(errorText(e)),
  });
  const adopt = useMutation({
    mutationFn: () => dutyApi.adoptWeights(scheme, weights),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['evaluation-schemes'] });
      void client.invalidateQueries({ queryKey: ['evaluation-results'] });
      void message.success(t('duty.evaluations.adopted'));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const total = Object.values(weights).reduce((s, w) => s + w, 0);
  const before = new Map(preview?.moves.map((m) => [m.subjectId, m]) ?? []);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('duty.evaluations.whatIfIntro')} />
      <Flex wrap gap="middle">
        {scheme.definition.indicators.map((i) => (
          <label key={i.key} style={{ display: 'flex', flexDirection: 'column' }}>
            <span>{i.label}</span>
            <InputNumber
              min={0}
              max={100}
              value={weights[i.key]}
              onChange={(v) => setWeights({ ...weights, [i.key]: v ?? 0 })}
              data-testid={`weight-${i.key}`}
            />
          </label>
        ))}
      </Flex>
      <Flex gap="small" align="center">
        <Typography.Text>{t('duty.evaluations.totalWeight', { total })}</Typography.Text>
        <Button type="primary" onClick={() => run.mutate()} loading={run.isPending} data-testid="whatif-preview">
          {t('duty.evaluations.preview')}
        </Button>
        {canAdopt && (
          // A stored scheme's weights add up to 100 (the server refuses others).
          <Button onClick={() => adopt.mutate()} loading={adopt.isPending} disabled={Math.abs(total - 100) > 1e-6}>
            {t('duty.evaluations.adopt')}
          </Button>
        )}
      </Flex>
      {preview && (
        <Table
          rowKey="subjectId"
          size="small"
          dataSource={preview.proposed}
          pagination={{ pageSize: 50 }}
          data-testid="whatif-table"
          columns={[
            { title: t('duty.evaluations.proposedRank'), dataIndex: 'rank', width: 90 },
            { title: t('duty.evaluations.name'), dataIndex: 'name' },
            { title: t('duty.evaluations.score'), render: (_, r) => `${before.get(r.subjectId)?.scoreBefore ?? ''} → ${r.score}` },
            {
              title: t('duty.evaluations.move'),
              render: (_, r) => {
                const m = before.get(r.subjectId);
                if (!m || m.rankBefore === m.rankAfter) return '–';
                return m.rankAfter < m.rankBefore ? (
                  <Tag color="green">↑ {m.rankBefore - m.rankAfter}</Tag>
                ) : (
                  <Tag color="red">↓ {m.rankAfter - m.rankBefore}</Tag>
                );
              },
            },
          ]}
        />
      )}
    </Space>
  );
}

function SignalsPanel({ period }: { period: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const signals = useQuery({ queryKey: ['evaluation-signals', period], queryFn: () => dutyApi.signals(period) });
  if (signals.error) return <Alert type="warning" message={errorText(signals.error)} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('duty.evaluations.signalsIntro')}</Typography.Paragraph>
      <Table
        rowKey={(s) => `${s.kind}-${s.cases.map((c) => c.id).join()}`}
        size="small"
        loading={signals.isLoading}
        dataSource={signals.data?.items ?? []}
        locale={{ emptyText: t('duty.evaluations.noSignals') }}
        columns={[
          { title: t('duty.evaluations.signals'), render: (_, s) => t(`duty.evaluations.signalKinds.${s.kind}`) },
          { title: t('duty.receptions.station'), dataIndex: 'unitName' },
          { title: t('duty.evaluations.cases'), render: (_, s) => s.cases.map((c) => <Tag key={c.id}>{c.trackingCode}</Tag>) },
          {
            title: t('duty.evaluations.signalDetails'),
            render: (_, s) =>
              [s.phone, ...Object.entries(s.detail).map(([k, v]) => t(`duty.evaluations.signalDetail.${k}`, { value: v, defaultValue: `${k}: ${v}` }))]
                .filter(Boolean)
                .join(' · '),
          },
        ]}
      />
    </Space>
  );
}
