/** `/console/duty`: a deputy's yearly duty record — receptions, activities, cases and points; admins change the point rules. */
import { useState } from 'react';
import { Alert, Button, Card, Col, Flex, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../common/page-header';
import { useAllDeputies } from '../common/lookups';
import { useCurrentUser } from '../session/current-user';
import { useErrorText } from '../common/use-error-text';
import { usePermission } from '../session/permissions';
import { chinaToday, dutyApi } from './duty-api';
import { DutyRulesDrawer } from './duty-rules-drawer';
import { PeriodField } from '../common/date-fields';

export function DutyPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const deputies = useAllDeputies(!user?.scope?.deputyId);
  const deputyId = params.get('deputy') ?? user?.scope?.deputyId ?? undefined;
  const [year, setYear] = useState(Number(chinaToday().slice(0, 4)));
  const record = useQuery({ queryKey: ['duty', deputyId, year], queryFn: () => dutyApi.duty(deputyId!, year), enabled: !!deputyId });
  const r = record.data;
  const errorText = useErrorText();
  const can = usePermission();
  const [rulesOpen, setRulesOpen] = useState(false);
  return (
    <>
      <PageHeader
        title={t('duty.record.title')}
        intro={t('duty.record.intro')}
        extra={
          <Space>
            {can('evaluation.manage') && (
              <Button onClick={() => setRulesOpen(true)} data-testid="duty-rules-open">
                {t('duty.edit.points.open')}
              </Button>
            )}
            {r && <Button onClick={() => window.print()}>{t('duty.record.print')}</Button>}
          </Space>
        }
      />
      <Flex wrap gap="small" style={{ marginBottom: 16 }}>
        {!user?.scope?.deputyId && (
          <Select
            showSearch
            optionFilterProp="label"
            aria-label={t('duty.record.deputy')}
            placeholder={t('duty.record.chooseDeputy')}
            style={{ width: 240 }}
            value={deputyId}
            onChange={(v: string) => setParams({ deputy: v })}
            options={(deputies.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            data-testid="duty-deputy"
          />
        )}
        <span className="filter-label" aria-hidden="true">
          {t('duty.record.year')}
        </span>
        <PeriodField value={String(year)} kinds={['year']} onChange={(v) => setYear(Number(v))} label={t('duty.record.year')} testId="duty-year" />
      </Flex>
      {record.error && <Alert type="warning" showIcon message={errorText(record.error)} />}
      {rulesOpen && <DutyRulesDrawer onClose={() => setRulesOpen(false)} />}
      {r && (
        <div data-testid="duty-record">
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {r.deputy.name} · {r.deputy.homeUnitName ?? ''} · {r.year}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={4}>
              <Card>
                <Statistic title={t('duty.record.points')} value={r.points.total} />
              </Card>
            </Col>
            {Object.entries(r.summary).map(([key, value]) => (
              <Col xs={12} md={4} key={key}>
                <Card>
                  <Statistic title={t(`duty.record.summary.${key}`)} value={value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 24 }}>
            {t('duty.record.points')}
          </Typography.Title>
          <Table
            rowKey="item"
            size="small"
            pagination={false}
            dataSource={r.points.lines}
            columns={[
              { title: t('duty.record.item'), dataIndex: 'label' },
              { title: t('duty.record.count'), dataIndex: 'count' },
              { title: t('duty.record.perItem'), dataIndex: 'points' },
              { title: t('duty.record.subtotal'), dataIndex: 'subtotal' },
            ]}
          />
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 24 }}>
            {t('duty.record.receptions')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={r.receptions}
            locale={{ emptyText: t('duty.record.empty') }}
            columns={[
              { title: t('duty.receptions.date'), dataIndex: 'date' },
              { title: t('duty.receptions.time'), render: (_, x) => `${x.startTime}–${x.endTime}` },
              { title: t('duty.receptions.station'), dataIndex: 'unitName' },
              {
                title: t('duty.receptions.status'),
                render: (_, x) =>
                  x.status === 'cancelled' ? (
                    <Tag>{t('duty.receptions.cancelled')}</Tag>
                  ) : (
                    <Tag color={x.attendance === 'attended' ? 'green' : x.attendance === 'absent' ? 'red' : undefined}>
                      {t(`duty.attendance.${x.attendance ?? 'none'}`)}
                    </Tag>
                  ),
              },
            ]}
          />
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 24 }}>
            {t('duty.record.activities')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={r.activities}
            locale={{ emptyText: t('duty.record.empty') }}
            columns={[
              { title: t('duty.activities.date'), dataIndex: 'date' },
              { title: t('duty.activities.kind'), render: (_, a) => t(`duty.activities.kinds.${a.kind}`) },
              { title: t('duty.activities.titleField'), dataIndex: 'title' },
              { title: t('duty.activities.station'), dataIndex: 'unitName' },
            ]}
          />
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 24 }}>
            {t('duty.record.cases')}
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={r.cases}
            locale={{ emptyText: t('duty.record.empty') }}
            columns={[
              { title: '#', dataIndex: 'trackingCode' },
              { title: t('duty.record.caseTitle'), dataIndex: 'title' },
              { title: t('duty.record.role'), render: (_, c) => c.roles.map((role) => <Tag key={role}>{t(`duty.record.${role}`)}</Tag>) },
              { title: t('duty.record.rating'), render: (_, c) => (c.rating ? t(`enum.rating.${c.rating}`, { defaultValue: c.rating }) : '') },
              {
                title: '',
                render: (_, c) =>
                  c.overdue ? <Tag color="red">{t('duty.record.late')}</Tag> : c.onTime ? <Tag color="green">{t('duty.record.onTime')}</Tag> : null,
              },
            ]}
          />
        </div>
      )}
    </>
  );
}
