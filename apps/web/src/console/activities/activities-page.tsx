/** `/console/activities`: activity records of the caller's stations, and recording a new one. */
import { useState } from 'react';
import { App, Button, Drawer, Flex, Form, Input, Select, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../common/page-header';
import { useAllDeputies, useAllUnits } from '../common/lookups';
import { useErrorText } from '../common/use-error-text';
import { chinaToday, dutyApi, type Activity } from '../duty/duty-api';
import { usePermission } from '../session/permissions';

const KINDS = ['reception', 'research', 'inspection', 'forum', 'training', 'theme'] as const;

export function ActivitiesPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const can = usePermission();
  const units = useAllUnits();
  const deputies = useAllDeputies();
  const unitName = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  const deputyName = new Map((deputies.data ?? []).map((d) => [d.id, d.name]));
  const list = useQuery({ queryKey: ['activities', kind, page], queryFn: () => dutyApi.activities({ kind, page, pageSize: 20 }) });
  return (
    <>
      <PageHeader
        title={t('duty.activities.title')}
        intro={t('duty.activities.intro')}
        extra={
          can('activity.manage') && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="activity-new">
              {t('duty.activities.create')}
            </Button>
          )
        }
      />
      <Flex gap="small" style={{ marginBottom: 16 }}>
        <Select
          allowClear
          aria-label={t('duty.activities.kind')}
          placeholder={t('duty.activities.allKinds')}
          style={{ width: 180 }}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setPage(1);
          }}
          options={KINDS.map((k) => ({ value: k, label: t(`duty.activities.kinds.${k}`) }))}
        />
      </Flex>
      <Table<Activity>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('duty.activities.empty') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        data-testid="activities-table"
        expandable={{ expandedRowRender: (a) => <p style={{ whiteSpace: 'pre-wrap' }}>{a.summary}</p>, rowExpandable: (a) => !!a.summary }}
        columns={[
          { title: t('duty.activities.date'), dataIndex: 'date', width: 120 },
          { title: t('duty.activities.kind'), width: 110, render: (_, a) => <Tag>{t(`duty.activities.kinds.${a.kind}`)}</Tag> },
          { title: t('duty.activities.titleField'), dataIndex: 'title' },
          { title: t('duty.activities.station'), render: (_, a) => unitName.get(a.unitId) ?? '' },
          { title: t('duty.activities.deputies'), render: (_, a) => a.deputyIds.map((id) => deputyName.get(id) ?? '').join('、') },
          { title: t('duty.activities.opinions'), width: 90, render: (_, a) => a.caseIds.length },
          { title: t('duty.activities.photos'), width: 80, render: (_, a) => a.photoIds.length },
        ]}
      />
      {creating && <ActivityDrawer onClose={() => setCreating(false)} />}
    </>
  );
}

function ActivityDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const units = useAllUnits();
  const deputies = useAllDeputies();
  const create = useMutation({
    mutationFn: (values: Record<string, unknown>) => dutyApi.createActivity(values),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['activities'] });
      void message.success(t('duty.activities.created'));
      onClose();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Drawer open onClose={onClose} width={480} title={t('duty.activities.create')}>
      <Form
        layout="vertical"
        initialValues={{ kind: 'reception', date: chinaToday(), deputyIds: [] }}
        onFinish={(v: Record<string, unknown>) => create.mutate(v)}
      >
        <Form.Item name="unitId" label={t('duty.activities.station')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('duty.activities.kind')}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`duty.activities.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('duty.activities.titleField')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="date" label={t('duty.activities.date')} rules={[{ required: true }]}>
          <Input type="date" max={chinaToday()} />
        </Form.Item>
        <Form.Item name="location" label={t('duty.activities.location')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="deputyIds" label={t('duty.activities.deputies')}>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            options={(deputies.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Form.Item name="summary" label={t('duty.activities.summary')}>
          <Input.TextArea rows={5} maxLength={5000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="activity-save">
          {t('duty.receptions.save')}
        </Button>
      </Form>
    </Drawer>
  );
}
