/**
 * The scheme tab (admins): indicators with weights and formulas, bonus and penalty items,
 * the bonus cap, peer groups and board size. Weights must add up to 100 (the server
 * checks it too); errors come back on the fields they name.
 */
import { useMemo } from 'react';
import { Alert, App, Button, Divider, Flex, Form, Input, InputNumber, Select, Switch, Typography, type FormInstance } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import type { ApiErrorDetail } from '../../shared/api-error';
import { useDetailText, useErrorText } from '../common/use-error-text';
import type { Scheme } from '../duty/duty-api';
import { editApi } from '../duty/edit-api';
import { fromForm, toForm, weightTotal, type SchemeForm } from './scheme-model';
import { AdjustmentRows, IndicatorRows } from './scheme-rows';

export function SchemeEditor({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const detailText = useDetailText();
  const client = useQueryClient();
  const [form] = Form.useForm<SchemeForm>();
  const initial = useMemo(() => toForm(scheme), [scheme]);
  const savedKeys = useMemo(() => new Set(scheme.definition.indicators.map((i) => i.key)), [scheme]);
  const indicators = Form.useWatch('indicators', form) as SchemeForm['indicators'] | undefined;
  const total = weightTotal(indicators ?? initial.indicators);
  const save = useMutation({
    // Every stored value, not only the rendered fields: hidden ones (English labels) must survive.
    mutationFn: () => editApi.updateScheme(scheme, fromForm(form.getFieldsValue(true) as SchemeForm)),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['evaluation-schemes'] });
      void client.invalidateQueries({ queryKey: ['evaluation-results'] });
      void message.success(t('duty.edit.scheme.saved', { version: saved.version }));
    },
    onError: (e) => {
      if (e instanceof ApiError && e.details.length) {
        const rest = showFieldErrors(form, e.details, detailText);
        if (rest.length) void message.error(rest.map(detailText).join('；'));
        return;
      }
      void message.error(errorText(e));
    },
  });
  return (
    <Form
      form={form}
      key={`${scheme.id}-${scheme.version}`}
      layout="vertical"
      initialValues={initial}
      onFinish={() => save.mutate()}
      data-testid="scheme-editor"
    >
      <Typography.Paragraph type="secondary">{t('duty.edit.scheme.intro')}</Typography.Paragraph>
      <Flex wrap gap="middle" align="end">
        <Form.Item name="name" label={t('duty.edit.scheme.name')} rules={[{ required: true, min: 2, max: 80 }]}>
          <Input style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="active" label={t('duty.edit.scheme.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('duty.edit.scheme.indicators')}
      </Typography.Title>
      <IndicatorRows savedKeys={savedKeys} />
      <Flex gap="small" align="center" style={{ margin: '12px 0' }}>
        <Typography.Text strong data-testid="scheme-total">
          {t('duty.edit.scheme.total', { total })}
        </Typography.Text>
      </Flex>
      {total !== 100 && <Alert type="warning" showIcon message={t('duty.edit.scheme.totalOff', { total })} data-testid="scheme-total-off" />}
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('duty.edit.scheme.adjustments')}
      </Typography.Title>
      <AdjustmentRows />
      <Divider />
      <Flex wrap gap="middle">
        <Form.Item name="bonusCap" label={t('duty.edit.scheme.bonusCap')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="peerGroupBy" label={t('duty.edit.scheme.peerGroupBy')}>
          <Select
            style={{ width: 200 }}
            options={(['none', 'regionType', 'level'] as const).map((g) => ({ value: g, label: t(`duty.edit.scheme.peerGroups.${g}`) }))}
          />
        </Form.Item>
        <Form.Item name="boardSize" label={t('duty.edit.scheme.boardSize')} rules={[{ required: true }]}>
          <InputNumber min={0} max={20} precision={0} />
        </Form.Item>
      </Flex>
      <Button type="primary" htmlType="submit" loading={save.isPending} disabled={total !== 100} data-testid="scheme-save">
        {t('duty.edit.save')}
      </Button>
    </Form>
  );
}

/**
 * Puts each detail on the field its path names (`definition.indicators.1.label` → the
 * label of the second indicator row; list indexes must be numbers for antd); returns the rest.
 */
function showFieldErrors(form: FormInstance<SchemeForm>, details: readonly ApiErrorDetail[], describe: (d: ApiErrorDetail) => string): ApiErrorDetail[] {
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const rest: ApiErrorDetail[] = [];
  const fields: Array<{ name: (string | number)[]; errors: string[] }> = [];
  for (const d of details) {
    const path = d.path.replace(/^definition\./, '');
    if (!registered.has(path)) {
      rest.push(d);
      continue;
    }
    fields.push({ name: path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), errors: [describe(d)] });
  }
  form.setFields(fields as Parameters<typeof form.setFields>[0]);
  return rest;
}
