/**
 * A rota rule's form: a new weekly or one-off schedule, or changes to an existing one
 * (the server moves future receptions with it; booked ones that disappear are cancelled).
 */
import { App, Button, Drawer, Flex, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAllDeputies, useAllUnits } from '../common/lookups';
import { useErrorText } from '../common/use-error-text';
import { chinaToday, dutyApi, type ReceptionRule } from '../duty/duty-api';
import { editApi, type RuleBody } from '../duty/edit-api';
import { RECEPTIONS_KEY } from './keys';
import { DateField, TimeField } from '../common/date-fields';

interface Values {
  unitId: string;
  kind: 'weekly' | 'once';
  weekday?: number;
  date?: string;
  startTime: string;
  endTime: string;
  capacity?: number;
  deputyIds: string[];
  validFrom?: string;
  validTo?: string;
  note?: string;
}

/** The API body of a rule from the form (and what the form does not show of `rule`). */
export function ruleBody(v: Values, rule?: ReceptionRule): RuleBody {
  const once = v.kind === 'once';
  const validFrom = once ? (v.date ?? v.validFrom ?? chinaToday()) : (v.validFrom ?? chinaToday());
  return {
    unitId: v.unitId,
    kind: v.kind,
    weekday: once ? null : (v.weekday ?? null),
    date: once ? (v.date ?? null) : null,
    startTime: v.startTime,
    endTime: v.endTime,
    capacity: v.capacity ?? 10,
    deputyIds: v.deputyIds,
    validFrom: once && rule && rule.validFrom < validFrom ? rule.validFrom : validFrom,
    validTo: once ? null : v.validTo || null,
    note: v.note?.trim() || null,
    active: rule?.active ?? true,
  };
}

/** The same fields as a rule has them, for saving a rule with only `active` changed. */
export function bodyOf(r: ReceptionRule): RuleBody {
  // Picked one by one: the API refuses unknown fields such as createdAt.
  const { unitId, kind, weekday, date, startTime, endTime, capacity, deputyIds, validFrom, validTo, note, active } = r;
  return { unitId, kind, weekday, date, startTime, endTime, capacity, deputyIds, validFrom, validTo, note, active };
}

export function RuleDrawer({ rule, onClose }: { rule?: ReceptionRule; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const units = useAllUnits();
  const deputies = useAllDeputies();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (values: Values) => (rule ? editApi.updateRule(rule, ruleBody(values, rule)) : dutyApi.createRule({ ...ruleBody(values) })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: RECEPTIONS_KEY });
      void message.success(t(rule ? 'duty.edit.rules.saved' : 'duty.receptions.created'));
      onClose();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const initial: Partial<Values> = rule
    ? {
        unitId: rule.unitId,
        kind: rule.kind,
        weekday: rule.weekday ?? 3,
        ...(rule.date ? { date: rule.date } : {}),
        startTime: rule.startTime,
        endTime: rule.endTime,
        capacity: rule.capacity,
        deputyIds: rule.deputyIds,
        validFrom: rule.validFrom,
        ...(rule.validTo ? { validTo: rule.validTo } : {}),
        ...(rule.note ? { note: rule.note } : {}),
      }
    : { kind: 'weekly', weekday: 3, startTime: '09:00', endTime: '11:30', capacity: 10, validFrom: chinaToday() };
  return (
    <Drawer open onClose={onClose} width={480} title={t(rule ? 'duty.edit.rules.title' : 'duty.receptions.newRule')}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="unitId" label={t('duty.receptions.station')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={(units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('duty.receptions.kind')}>
          <Radio.Group
            options={[
              { value: 'weekly', label: t('duty.receptions.weekly') },
              { value: 'once', label: t('duty.receptions.once') },
            ]}
          />
        </Form.Item>
        {kind === 'once' ? (
          <Form.Item name="date" label={t('duty.receptions.date')} rules={[{ required: true }]}>
            <DateField data-testid="rule-date" />
          </Form.Item>
        ) : (
          <Form.Item name="weekday" label={t('duty.receptions.weekday')}>
            <Select options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`duty.weekdays.${d}`) }))} />
          </Form.Item>
        )}
        <Flex gap="small">
          <Form.Item name="startTime" label={t('duty.receptions.startTime')} rules={[{ required: true }]}>
            <TimeField data-testid="rule-start" />
          </Form.Item>
          <Form.Item name="endTime" label={t('duty.receptions.endTime')} rules={[{ required: true }]}>
            <TimeField data-testid="rule-end" />
          </Form.Item>
          <Form.Item name="capacity" label={t('duty.receptions.capacity')}>
            <InputNumber min={0} max={500} data-testid="rule-capacity" />
          </Form.Item>
        </Flex>
        <Form.Item name="deputyIds" label={t('duty.receptions.deputies')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            options={(deputies.data ?? []).filter((d) => d.active || rule?.deputyIds.includes(d.id)).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        {kind !== 'once' && (
          <Flex gap="small">
            <Form.Item name="validFrom" label={t('duty.receptions.validFrom')} rules={[{ required: true }]}>
              <DateField />
            </Form.Item>
            <Form.Item name="validTo" label={t('duty.edit.rules.validTo')}>
              <DateField data-testid="rule-valid-to" />
            </Form.Item>
          </Flex>
        )}
        <Form.Item name="note" label={t('duty.edit.rules.note')}>
          <Input maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="rota-save">
          {t('duty.receptions.save')}
        </Button>
      </Form>
    </Drawer>
  );
}
