/**
 * `/console/supervision/:id`: one key item — its KPI tree with progress rolled up by
 * weight (a bar chart beside the table), reports per indicator, and the issue list whose
 * items close only with evidence — a statement and files (overdue and escalated ones in red).
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../shared/format';
import { EChart } from '../cockpit/echart';
import { useAllDepartments } from '../common/lookups';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';
import { useLanguage } from '../language-provider';
import { usePermission } from '../session/permissions';
import { IssueCloseModal } from './issue-close-modal';
import { EvidenceFiles, IssueStatusTag } from './issue-tags';
import {
  addIndicator,
  addIssue,
  addReport,
  exportUrl,
  fetchIssues,
  fetchKpis,
  fetchProposal,
  PROPOSAL_KEYS,
  type IssueItem,
  type KpiNode,
} from '../proposals/proposals-api';
import { DateField, PeriodField } from '../common/date-fields';

function flatten(nodes: KpiNode[], depth = 0): Array<KpiNode & { depth: number }> {
  return nodes.flatMap((n) => [{ ...n, depth }, ...flatten(n.children, depth + 1)]);
}

export function KeyItemPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const office = usePermission()('supervision.manage');
  const departments = useAllDepartments();
  const [indicatorOpen, setIndicatorOpen] = useState(false);
  const [reportFor, setReportFor] = useState<KpiNode | null>(null);
  const [issueOpen, setIssueOpen] = useState(false);
  const [closing, setClosing] = useState<IssueItem | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const proposal = useQuery({ queryKey: PROPOSAL_KEYS.detail(id), queryFn: () => fetchProposal(id) });
  const kpis = useQuery({ queryKey: PROPOSAL_KEYS.kpis(id), queryFn: () => fetchKpis(id) });
  const issues = useQuery({ queryKey: PROPOSAL_KEYS.issues(id), queryFn: () => fetchIssues(id) });
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: PROPOSAL_KEYS.all });
    setIndicatorOpen(false);
    setReportFor(null);
    setIssueOpen(false);
    setClosing(null);
    form.resetFields();
  };
  const onError = (error: unknown) => void message.error(errorText(error));
  const save = useMutation({
    mutationFn: async (values: Record<string, unknown>) => {
      if (indicatorOpen) return addIndicator(id, values);
      if (reportFor) return addReport(id, reportFor.id, values);
      return addIssue(id, values);
    },
    onSuccess: done,
    onError,
  });
  const rows = flatten(kpis.data?.items ?? []);
  const deptOptions = (departments.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const modalOpen = indicatorOpen || !!reportFor || issueOpen;

  return (
    <>
      <PageHeader
        title={proposal.data?.proposal.title ?? ''}
        intro={
          proposal.data ? `${proposal.data.proposal.number ?? ''} · ${t('proposals.detail.keyLeader')}：${proposal.data.proposal.keyLeader ?? '—'}` : undefined
        }
        extra={<Link to={`/proposals/${id}`}>{t('proposals.supervision.open')}</Link>}
      />
      <Card
        title={t('proposals.supervision.indicators')}
        extra={
          <Space>
            <span>{t('proposals.supervision.progress')}</span>
            <Progress type="circle" size={48} percent={Math.round((kpis.data?.overallProgress ?? 0) * 100)} aria-label={t('proposals.supervision.progress')} />
            {office && <Button onClick={() => setIndicatorOpen(true)}>{t('proposals.supervision.addIndicator')}</Button>}
          </Space>
        }
      >
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: t('proposals.supervision.name'), render: (_, n) => <span style={{ paddingLeft: n.depth * 20 }}>{n.name}</span> },
            { title: t('proposals.supervision.baseline'), render: (_, n) => `${n.baseline}${n.unit}` },
            { title: t('proposals.supervision.target'), render: (_, n) => `${n.target}${n.unit}` },
            { title: t('proposals.supervision.latest'), render: (_, n) => (n.latest == null ? '—' : `${n.latest}${n.unit}`) },
            { title: t('proposals.supervision.weight'), dataIndex: 'weight' },
            {
              title: t('proposals.supervision.progress'),
              render: (_, n) => (
                <Progress percent={Math.round(n.progress * 1000) / 10} size="small" aria-label={`${t('proposals.supervision.progress')} ${n.name}`} />
              ),
            },
            {
              title: '',
              render: (_, n) =>
                n.children.length === 0 ? (
                  <Button size="small" onClick={() => setReportFor(n)}>
                    {t('proposals.supervision.report')}
                  </Button>
                ) : null,
            },
          ]}
        />
        {rows.length > 0 && (
          <EChart
            height={Math.max(160, rows.length * 32)}
            label={t('proposals.supervision.chart')}
            option={{
              grid: { left: 160, right: 24, top: 8, bottom: 24 },
              xAxis: { type: 'value', max: 100 },
              yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
              series: [{ type: 'bar', data: rows.map((r) => Math.round(r.progress * 1000) / 10) }],
              tooltip: {},
            }}
          />
        )}
      </Card>
      <Card
        title={t('proposals.supervision.issues')}
        style={{ marginTop: 16 }}
        extra={
          <Space>
            <Button href={exportUrl(`/api/v1/suggestions/${id}/issues/export.xlsx`)}>{t('proposals.supervision.exportIssues')}</Button>
            {office && <Button onClick={() => setIssueOpen(true)}>{t('proposals.supervision.addIssue')}</Button>}
          </Space>
        }
      >
        <Table<IssueItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={issues.data ?? []}
          columns={[
            { title: t('proposals.fields.title'), dataIndex: 'title' },
            { title: t('proposals.supervision.dueDate'), render: (_, i) => formatDate(i.dueAt, language) },
            { title: t('proposals.list.status'), render: (_, i) => <IssueStatusTag issue={i} /> },
            {
              title: t('proposals.supervision.evidence'),
              render: (_, i) =>
                i.evidence ? (
                  <>
                    <Typography.Text>{`${i.evidence}（${formatDateTime(i.closedAt, language)}）`}</Typography.Text>
                    <EvidenceFiles issue={i} />
                  </>
                ) : null,
            },
            {
              title: '',
              render: (_, i) =>
                i.status === 'open' ? (
                  <Button size="small" onClick={() => setClosing(i)} data-testid={`issue-close-${i.id}`}>
                    {t('proposals.supervision.closeIssue')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={modalOpen}
        title={
          indicatorOpen
            ? t('proposals.supervision.addIndicator')
            : reportFor
              ? `${t('proposals.supervision.report')}：${reportFor.name}`
              : t('proposals.supervision.addIssue')
        }
        onCancel={done}
        onOk={() => void form.validateFields().then((v) => save.mutate(v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ weight: 1, baseline: 0, unit: '' }}>
          {indicatorOpen && (
            <>
              <Form.Item name="parentId" label={t('proposals.supervision.parent')}>
                <Select allowClear options={rows.map((r) => ({ value: r.id, label: r.name }))} />
              </Form.Item>
              <Form.Item name="name" label={t('proposals.supervision.name')} rules={[{ required: true, min: 2 }]}>
                <Input />
              </Form.Item>
              <Form.Item name="unit" label={t('proposals.supervision.unit')}>
                <Input />
              </Form.Item>
              <Space>
                <Form.Item name="baseline" label={t('proposals.supervision.baseline')}>
                  <InputNumber />
                </Form.Item>
                <Form.Item name="target" label={t('proposals.supervision.target')} rules={[{ required: true }]}>
                  <InputNumber />
                </Form.Item>
                <Form.Item name="weight" label={t('proposals.supervision.weight')}>
                  <InputNumber min={0} />
                </Form.Item>
              </Space>
              <Form.Item name="period" label={t('proposals.supervision.period')}>
                <Input />
              </Form.Item>
              <Form.Item name="departmentId" label={t('proposals.fields.leadUnit')}>
                <Select allowClear showSearch optionFilterProp="label" options={deptOptions} />
              </Form.Item>
            </>
          )}
          {reportFor && (
            <>
              <Form.Item name="period" label={t('proposals.supervision.period')} rules={[{ required: true }]}>
                <PeriodField />
              </Form.Item>
              <Form.Item name="value" label={t('proposals.supervision.value')} rules={[{ required: true }]}>
                <InputNumber addonAfter={reportFor.unit || undefined} />
              </Form.Item>
              <Form.Item name="note" label={t('proposals.fields.note')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          )}
          {issueOpen && (
            <>
              <Form.Item name="title" label={t('proposals.fields.title')} rules={[{ required: true, min: 2 }]}>
                <Input />
              </Form.Item>
              <Form.Item name="departmentId" label={t('proposals.fields.leadUnit')}>
                <Select allowClear showSearch optionFilterProp="label" options={deptOptions} />
              </Form.Item>
              <Form.Item name="dueDate" label={t('proposals.supervision.dueDate')} rules={[{ required: true }]}>
                <DateField />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
      <IssueCloseModal issue={closing} onClose={() => setClosing(null)} />
    </>
  );
}
