/**
 * `/console/receptions`: the reception rota of the caller's stations — dated receptions
 * with deputies, bookings and attendance (recorded in a drawer); the weekly and one-off
 * rules behind them (new, changed, deactivated); and, for admins, how far ahead it is published.
 */
import { useState } from 'react';
import { Button, Flex, Select, Space, Table, Tabs, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../common/page-header';
import { useAllUnits } from '../common/lookups';
import { addDays, chinaToday, dutyApi, type Reception, type ReceptionRule } from '../duty/duty-api';
import { useCurrentUser } from '../session/current-user';
import { usePermission } from '../session/permissions';
import { RECEPTIONS_KEY as KEY } from './keys';
import { ReceptionDrawer } from './reception-drawer';
import { RuleDrawer } from './rule-drawer';
import { RulesTable } from './rules-table';
import { SETTINGS_KEY, SettingsModal } from './settings-modal';
import { DateRangeField } from '../common/date-fields';

/** A past reception shows what happened (held green, not held red, still to record gold). */
const PHASE_COLOR: Record<Reception['phase'], string | undefined> = {
  scheduled: 'blue',
  held: 'green',
  not_held: 'red',
  to_record: 'gold',
  cancelled: 'default',
};

export function ReceptionsPage() {
  const { t } = useTranslation();
  const today = chinaToday();
  const [from, setFrom] = useState(addDays(today, -7));
  const [to, setTo] = useState(addDays(today, 14));
  const [unitId, setUnitId] = useState<string | undefined>();
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<ReceptionRule | 'new' | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const units = useAllUnits();
  const can = usePermission();
  const user = useCurrentUser();
  const list = useQuery({ queryKey: [...KEY, from, to, unitId], queryFn: () => dutyApi.receptions({ from, to, ...(unitId ? { unitId } : {}) }) });
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: dutyApi.settings });
  const stations = (units.data ?? []).filter((u) => u.kind !== 'point' && u.active);
  return (
    <>
      <PageHeader
        title={t('duty.receptions.title')}
        intro={
          <>
            {t('duty.receptions.intro')} {settings.data && t('duty.receptions.publishDays', { days: settings.data.publishDays })}
          </>
        }
        extra={
          can('reception.manage') && (
            <Space>
              {/* The window is one setting for the whole network: only unscoped managers change it. */}
              {!user?.scope?.unitId && settings.data && (
                <Button onClick={() => setSettingsOpen(true)} data-testid="rota-settings">
                  {t('duty.edit.settings.open')}
                </Button>
              )}
              <Button type="primary" onClick={() => setEditing('new')} data-testid="rota-new">
                {t('duty.receptions.newRule')}
              </Button>
            </Space>
          )
        }
      />
      <Flex wrap gap="small" style={{ marginBottom: 16 }}>
        <DateRangeField
          from={from}
          to={to}
          labels={[t('duty.receptions.from'), t('duty.receptions.to')]}
          onChange={(nextFrom, nextTo) => {
            if (nextFrom) setFrom(nextFrom);
            if (nextTo) setTo(nextTo);
          }}
          testId="receptions-range"
        />
        <Select
          allowClear
          aria-label={t('duty.receptions.station')}
          placeholder={t('duty.receptions.allStations')}
          style={{ width: 220 }}
          value={unitId}
          onChange={setUnitId}
          options={stations.map((u) => ({ value: u.id, label: u.name }))}
        />
      </Flex>
      <Tabs
        items={[
          {
            key: 'rota',
            label: t('duty.edit.rules.tabRota'),
            children: (
              <Table<Reception>
                rowKey="id"
                loading={list.isLoading}
                dataSource={list.data?.items ?? []}
                locale={{ emptyText: t('duty.receptions.empty') }}
                pagination={{ pageSize: 50 }}
                data-testid="rota-table"
                columns={[
                  { title: t('duty.receptions.date'), dataIndex: 'date', width: 120 },
                  { title: t('duty.receptions.time'), render: (_, r) => `${r.startTime}–${r.endTime}`, width: 120 },
                  { title: t('duty.receptions.station'), dataIndex: 'unitName' },
                  {
                    title: t('duty.receptions.deputies'),
                    render: (_, r) =>
                      r.deputies.map((d) => {
                        const a = r.attendance.find((x) => x.deputyId === d.id);
                        return (
                          <Tag key={d.id} color={a?.status === 'attended' ? 'green' : a?.status === 'absent' ? 'red' : undefined}>
                            {d.name}
                            {a ? ` · ${t(`duty.attendance.${a.status}`)}` : ''}
                          </Tag>
                        );
                      }),
                  },
                  { title: t('duty.receptions.booked'), render: (_, r) => `${r.booked}/${r.capacity}`, width: 90 },
                  {
                    title: t('duty.receptions.status'),
                    width: 100,
                    render: (_, r) => (
                      <Tag color={PHASE_COLOR[r.phase]} data-testid={`reception-phase-${r.id}`}>
                        {t(`duty.receptions.phase.${r.phase}`)}
                      </Tag>
                    ),
                  },
                  {
                    title: t('duty.receptions.open'),
                    width: 120,
                    render: (_, r) => <Button onClick={() => setOpenId(r.id)}>{t('duty.receptions.open')}</Button>,
                  },
                ]}
              />
            ),
          },
          {
            key: 'rules',
            label: t('duty.edit.rules.tabRules'),
            children: <RulesTable unitId={unitId} canManage={can('reception.manage')} onEdit={setEditing} />,
          },
        ]}
      />
      {openId && <ReceptionDrawer id={openId} onClose={() => setOpenId(null)} />}
      {editing && <RuleDrawer {...(editing === 'new' ? {} : { rule: editing })} onClose={() => setEditing(null)} />}
      {settingsOpen && settings.data && <SettingsModal settings={settings.data} onClose={() => setSettingsOpen(false)} />}
    </>
  );
}
