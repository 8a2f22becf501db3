/** `/console/comparison`: 晾晒比拼 — indicators, values per period for each station, and the rankings with trend (also public at `/m/comparison`). */
import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EChart } from '../cockpit/echart';
import { useAllUnits } from '../common/lookups';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';
import { usePermission } from '../session/permissions';
import { addComparisonIndicator, exportUrl, fetchComparisonIndicators, fetchRanking, putComparisonValues } from '../proposals/proposals-api';
import { PeriodField } from '../common/date-fields';

/** Arrow and colour of a rank change. */
export function RankChange({ change }: { change: number | null }) {
  if (change === null || change === 0) return <span>–</span>;
  return <Tag color={change > 0 ? 'green' : 'red'}>{change > 0 ? `↑${change}` : `↓${-change}`}</Tag>;
}

export function ComparisonPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const office = usePermission()('supervision.manage');
  const [period, setPeriod] = useState<string | undefined>();
  const [indicatorOpen, setIndicatorOpen] = useState(false);
  const [valuesOpen, setValuesOpen] = useState(false);
  const [form] = Form.useForm<Record<string, unknown>>();
  const ranking = useQuery({ queryKey: ['comparison', period], queryFn: () => fetchRanking(period) });
  const indicators = useQuery({ queryKey: ['comparison', 'indicators'], queryFn: fetchComparisonIndicators });
  const units = useAllUnits();
  const stations = (units.data ?? []).filter((u) => u.kind === 'station' && u.active);
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: ['comparison'] });
    setIndicatorOpen(false);
    setValuesOpen(false);
    void message.success(t('proposals.comparison.saved'));
  };
  const onError = (error: unknown) => void message.error(errorText(error));
  const addIndicator = useMutation({ mutationFn: (v: Record<string, unknown>) => addComparisonIndicator(v), onSuccess: done, onError });
  const saveValues = useMutation({
    mutationFn: (v: { period: string; indicatorId: string; values: Record<string, number | null> }) =>
      putComparisonValues({
        period: v.period,
        values: Object.entries(v.values)
          .filter(([, value]) => typeof value === 'number')
          .map(([unitId, value]) => ({ indicatorId: v.indicatorId, unitId, value })),
      }),
    onSuccess: done,
    onError,
  });
  const data = ranking.data;

  return (
    <>
      <PageHeader
        title={t('proposals.comparison.title')}
        intro={t('proposals.comparison.intro')}
        extra={
          <Space wrap>
            <Select
              aria-label={t('proposals.comparison.period')}
              placeholder={t('proposals.comparison.period')}
              style={{ width: 140 }}
              value={data?.period ?? undefined}
              onChange={setPeriod}
              options={(data?.periods ?? []).map((p) => ({ value: p, label: p }))}
            />
            <Button href={exportUrl('/api/v1/comparison/export.xlsx', { period: data?.period ?? undefined })}>{t('proposals.comparison.export')}</Button>
            {office && <Button onClick={() => setIndicatorOpen(true)}>{t('proposals.comparison.addIndicator')}</Button>}
            {office && (
              <Button type="primary" onClick={() => setValuesOpen(true)}>
                {t('proposals.comparison.values')}
              </Button>
            )}
          </Space>
        }
      />
      {!data?.period && <Card>{t('proposals.comparison.empty')}</Card>}
      {data?.period && (
        <Card title={t('proposals.comparison.overall')} style={{ marginBottom: 16 }}>
          <Table
            rowKey="unitId"
            size="small"
            pagination={false}
            dataSource={data.overall}
            columns={[
              { title: t('proposals.comparison.rank'), dataIndex: 'rank', width: 80 },
              { title: t('proposals.comparison.station'), dataIndex: 'unitName' },
              { title: t('proposals.comparison.meanRank'), dataIndex: 'meanRank', render: (v: number) => v.toFixed(2) },
            ]}
          />
        </Card>
      )}
      {data?.indicators
        .filter((i) => i.items.length > 0)
        .map((i) => (
          <Card key={i.indicator.id} title={`${i.indicator.name}（${i.indicator.unit}）`} style={{ marginBottom: 16 }}>
            <EChart
              height={Math.max(160, i.items.length * 28)}
              label={i.indicator.name}
              option={{
                grid: { left: 120, right: 24, top: 8, bottom: 24 },
                xAxis: { type: 'value' },
                yAxis: { type: 'category', inverse: true, data: i.items.map((r) => r.unitName) },
                series: [{ type: 'bar', data: i.items.map((r) => r.value) }],
                tooltip: {},
              }}
            />
            <Table
              rowKey="unitId"
              size="small"
              pagination={false}
              dataSource={i.items}
              columns={[
                { title: t('proposals.comparison.rank'), dataIndex: 'rank', width: 80 },
                { title: t('proposals.comparison.station'), dataIndex: 'unitName' },
                { title: t('proposals.comparison.value'), dataIndex: 'value' },
                { title: t('proposals.comparison.change'), dataIndex: 'rankChange', render: (c: number | null) => <RankChange change={c} /> },
              ]}
            />
          </Card>
        ))}
      <Modal
        open={indicatorOpen}
        title={t('proposals.comparison.addIndicator')}
        onCancel={() => setIndicatorOpen(false)}
        onOk={() => void form.validateFields().then((v) => addIndicator.mutate(v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false} initialValues={{ higherIsBetter: true, unit: '' }}>
          <Form.Item name="name" label={t('proposals.supervision.name')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unit" label={t('proposals.supervision.unit')}>
            <Input />
          </Form.Item>
          <Form.Item name="higherIsBetter" valuePropName="checked">
            <Checkbox>{t('proposals.comparison.higherIsBetter')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={valuesOpen}
        title={t('proposals.comparison.values')}
        onCancel={() => setValuesOpen(false)}
        onOk={() => void form.validateFields().then((v) => saveValues.mutate(v as never))}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Space>
            <Form.Item name="period" label={t('proposals.comparison.period')} rules={[{ required: true, pattern: /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/ }]}>
              <PeriodField />
            </Form.Item>
            <Form.Item name="indicatorId" label={t('proposals.supervision.name')} rules={[{ required: true }]}>
              <Select style={{ width: 220 }} options={(indicators.data ?? []).map((i) => ({ value: i.id, label: i.name }))} />
            </Form.Item>
          </Space>
          {stations.map((s) => (
            <Form.Item key={s.id} name={['values', s.id]} label={s.name} style={{ marginBottom: 8 }}>
              <InputNumber style={{ width: 200 }} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}
