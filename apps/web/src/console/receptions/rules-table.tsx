/** The rota rules of the caller's stations: what repeats when, who is rostered; edit, deactivate or activate again. */
import { App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { namesById, useAllDeputies, useAllUnits } from '../common/lookups';
import { useErrorText } from '../common/use-error-text';
import type { ReceptionRule } from '../duty/duty-api';
import { editApi } from '../duty/edit-api';
import { RECEPTIONS_KEY } from './keys';
import { bodyOf } from './rule-drawer';

export function RulesTable({ unitId, canManage, onEdit }: { unitId?: string | undefined; canManage: boolean; onEdit: (rule: ReceptionRule) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const unitNames = namesById(useAllUnits().data);
  const deputyNames = namesById(useAllDeputies().data);
  const rules = useQuery({ queryKey: [...RECEPTIONS_KEY, 'rules', unitId], queryFn: () => editApi.rules(unitId) });
  const toggle = useMutation({
    mutationFn: (rule: ReceptionRule) => editApi.updateRule(rule, { ...bodyOf(rule), active: !rule.active }),
    onSuccess: (rule) => {
      void client.invalidateQueries({ queryKey: RECEPTIONS_KEY });
      void message.success(t(rule.active ? 'duty.edit.rules.activated' : 'duty.edit.rules.deactivated'));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const schedule = (r: ReceptionRule) =>
    `${r.kind === 'once' ? r.date : t('duty.edit.rules.everyWeek', { weekday: t(`duty.weekdays.${r.weekday}`) })} ${r.startTime}–${r.endTime}`;
  return (
    <Table<ReceptionRule>
      rowKey="id"
      loading={rules.isLoading}
      dataSource={rules.data?.items ?? []}
      locale={{ emptyText: t('duty.edit.rules.empty') }}
      pagination={{ pageSize: 50 }}
      data-testid="rules-table"
      columns={[
        { title: t('duty.edit.rules.schedule'), render: (_, r) => schedule(r) },
        { title: t('duty.receptions.station'), render: (_, r) => unitNames.get(r.unitId) ?? '' },
        { title: t('duty.receptions.deputies'), render: (_, r) => r.deputyIds.map((id) => deputyNames.get(id) ?? '').join('、') },
        { title: t('duty.receptions.capacity'), dataIndex: 'capacity', width: 90 },
        { title: t('duty.edit.rules.validRange'), render: (_, r) => (r.kind === 'once' ? '' : `${r.validFrom} ~ ${r.validTo ?? ''}`) },
        {
          title: t('duty.receptions.status'),
          width: 90,
          render: (_, r) => (r.active ? <Tag color="blue">{t('duty.edit.rules.active')}</Tag> : <Tag>{t('duty.edit.rules.inactive')}</Tag>),
        },
        ...(canManage
          ? [
              {
                title: t('duty.edit.actions'),
                width: 150,
                render: (_: unknown, r: ReceptionRule) => (
                  <Space>
                    <Button size="small" onClick={() => onEdit(r)} data-testid={`rule-edit-${r.id}`}>
                      {t('duty.edit.edit')}
                    </Button>
                    {r.active ? (
                      <Popconfirm
                        title={t('duty.edit.rules.deactivateConfirm')}
                        onConfirm={() => toggle.mutate(r)}
                        okButtonProps={{ 'data-testid': 'rule-deactivate-ok' }}
                      >
                        <Button size="small" danger data-testid={`rule-deactivate-${r.id}`}>
                          {t('duty.edit.rules.deactivate')}
                        </Button>
                      </Popconfirm>
                    ) : (
                      <Button size="small" onClick={() => toggle.mutate(r)} data-testid={`rule-activate-${r.id}`}>
                        {t('duty.edit.rules.activate')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
