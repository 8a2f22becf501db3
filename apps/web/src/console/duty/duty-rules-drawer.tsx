/** The duty point rules (admins): points for each kind of duty item, used by every duty record. */
import { useEffect, useState } from 'react';
import { App, Button, Drawer, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../common/use-error-text';
import { editApi, type DutyRule } from './edit-api';

const KEY = ['duty-rules'];

export function DutyRulesDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const rules = useQuery({ queryKey: KEY, queryFn: editApi.dutyRules });
  const [rows, setRows] = useState<DutyRule[]>([]);
  useEffect(() => {
    if (rules.data) setRows(rules.data.items);
  }, [rules.data]);
  const change = (item: string, patch: Partial<DutyRule>) => setRows(rows.map((r) => (r.item === item ? { ...r, ...patch } : r)));
  const save = useMutation({
    mutationFn: () => editApi.setDutyRules(rows.map((r) => ({ item: r.item, label: r.label.trim(), points: r.points }))),
    onSuccess: (saved) => {
      client.setQueryData(KEY, saved);
      // Every duty record's points follow the new table.
      void client.invalidateQueries({ queryKey: ['duty'] });
      void message.success(t('duty.edit.points.saved'));
      onClose();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const invalid = rows.some((r) => !r.label.trim() || r.points < -100 || r.points > 100);
  return (
    <Drawer open onClose={onClose} width={520} title={t('duty.edit.points.title')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('duty.edit.points.intro')}</Typography.Paragraph>
        {rules.error && <Typography.Text type="danger">{errorText(rules.error)}</Typography.Text>}
        <Table<DutyRule>
          rowKey="item"
          size="small"
          pagination={false}
          loading={rules.isLoading}
          dataSource={rows}
          data-testid="duty-rules-table"
          columns={[
            {
              title: t('duty.edit.points.label'),
              render: (_, r) => (
                <Input
                  value={r.label}
                  maxLength={50}
                  onChange={(e) => change(r.item, { label: e.target.value })}
                  aria-label={`${t('duty.edit.points.label')} ${r.item}`}
                  status={r.label.trim() ? undefined : 'error'}
                />
              ),
            },
            {
              title: t('duty.edit.points.points'),
              width: 130,
              render: (_, r) => (
                <InputNumber
                  value={r.points}
                  min={-100}
                  max={100}
                  onChange={(v) => change(r.item, { points: v ?? 0 })}
                  aria-label={`${t('duty.edit.points.points')} ${r.label}`}
                  data-testid={`duty-rule-${r.item}`}
                />
              ),
            },
          ]}
        />
        <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} disabled={invalid || rows.length === 0} data-testid="duty-rules-save">
          {t('duty.edit.save')}
        </Button>
      </Space>
    </Drawer>
  );
}
