/** `/console/activities`: activity records of the caller's stations; recording a new one and changing one. */
import { useState } from 'react';
import { Button, Flex, Select, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../common/page-header';
import { useAllDeputies, useAllUnits } from '../common/lookups';
import { dutyApi, type Activity } from '../duty/duty-api';
import { usePermission } from '../session/permissions';
import { ACTIVITY_KINDS as KINDS, ActivityDrawer } from './activity-drawer';

export function ActivitiesPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
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
            <Button type="primary" onClick={() => setEditing('new')} data-testid="activity-new">
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
          ...(can('activity.manage')
            ? [
                {
                  title: t('duty.edit.actions'),
                  width: 90,
                  render: (_: unknown, a: Activity) => (
                    <Button size="small" onClick={() => setEditing(a)} aria-label={`${t('duty.edit.edit')} ${a.title}`} data-testid={`activity-edit-${a.id}`}>
                      {t('duty.edit.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && <ActivityDrawer {...(editing === 'new' ? {} : { activity: editing })} onClose={() => setEditing(null)} />}
    </>
  );
}
