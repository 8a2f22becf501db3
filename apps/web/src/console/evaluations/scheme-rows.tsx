/** The repeating parts of the scheme form: indicators (with their formula) and bonus/penalty items. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import { EVALUATION_METRICS, METRIC_LABELS } from '@lianxin/core';
import { useTranslation } from 'react-i18next';
import type { IndicatorRow } from './scheme-model';

function useMetricOptions() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return EVALUATION_METRICS.map((m) => ({ value: m, label: en ? METRIC_LABELS[m].en : METRIC_LABELS[m].zh }));
}

/** Indicators; keys of saved indicators stay fixed (admin inputs and stored results refer to them). */
export function IndicatorRows({ savedKeys }: { savedKeys: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const metrics = useMetricOptions();
  const form = Form.useFormInstance();
  return (
    <Form.List name="indicators">
      {(fields, { add, remove }) => (
        <Flex vertical gap="small">
          {fields.map((field) => {
            const key = form.getFieldValue(['indicators', field.name, 'key']) as string | undefined;
            return (
              <Card size="small" key={field.key} data-testid={`indicator-${field.name}`}>
                <Flex wrap gap="small" align="end">
                  <Form.Item name={[field.name, 'key']} label={t('duty.edit.scheme.key')} rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9_]{0,39}$/ }]}>
                    <Input style={{ width: 140 }} disabled={!!key && savedKeys.has(key)} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'label']} label={t('duty.edit.scheme.label')} rules={[{ required: true, max: 50 }]}>
                    <Input style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'group']} label={t('duty.edit.scheme.group')} rules={[{ required: true, max: 50 }]}>
                    <Input style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'weight']} label={t('duty.edit.scheme.weight')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={100} style={{ width: 90 }} data-testid={`indicator-weight-${field.name}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'kind']} label={t('duty.edit.scheme.formula')}>
                    <Select
                      style={{ width: 120 }}
                      options={(['ratio', 'target', 'manual'] as const).map((k) => ({ value: k, label: t(`duty.edit.scheme.formulaKinds.${k}`) }))}
                    />
                  </Form.Item>
                  <FormulaFields name={field.name} metrics={metrics} />
                  <Button
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    onClick={() => remove(field.name)}
                    aria-label={`${t('duty.edit.remove')} ${key ?? ''}`}
                    data-testid={`indicator-remove-${field.name}`}
                  />
                </Flex>
              </Card>
            );
          })}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add({ key: '', label: '', group: '', weight: 0, kind: 'manual', max: 10 } satisfies Partial<IndicatorRow>)}
            data-testid="indicator-add"
          >
            {t('duty.edit.scheme.addIndicator')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

function FormulaFields({ name, metrics }: { name: number; metrics: Array<{ value: string; label: string }> }) {
  const { t } = useTranslation();
  const kind = Form.useWatch(['indicators', name, 'kind']) as IndicatorRow['kind'] | undefined;
  const metric = (field: 'numerator' | 'denominator' | 'metric', label: string) => (
    <Form.Item name={[name, field]} label={label} rules={[{ required: true }]}>
      <Select style={{ width: 180 }} showSearch optionFilterProp="label" options={metrics} />
    </Form.Item>
  );
  if (kind === 'ratio')
    return (
      <>
        {metric('numerator', t('duty.edit.scheme.numerator'))}
        {metric('denominator', t('duty.edit.scheme.denominator'))}
        <Form.Item name={[name, 'invert']} valuePropName="checked">
          <Checkbox>{t('duty.edit.scheme.invert')}</Checkbox>
        </Form.Item>
      </>
    );
  if (kind === 'target')
    return (
      <>
        {metric('metric', t('duty.edit.scheme.sourceMetric'))}
        <Form.Item name={[name, 'targetPerMonth']} label={t('duty.edit.scheme.targetPerMonth')} rules={[{ required: true }]}>
          <InputNumber min={0.01} max={10000} style={{ width: 100 }} />
        </Form.Item>
      </>
    );
  return (
    <>
      <Form.Item name={[name, 'input']} label={t('duty.edit.scheme.input')} rules={[{ required: true, max: 40 }]}>
        <Input style={{ width: 120 }} />
      </Form.Item>
      <Form.Item name={[name, 'max']} label={t('duty.edit.scheme.max')} rules={[{ required: true }]}>
        <InputNumber min={0.01} max={1000} style={{ width: 90 }} />
      </Form.Item>
    </>
  );
}

/** Bonus and penalty items: points per counted item (a figure, or a value admins enter), capped. */
export function AdjustmentRows() {
  const { t } = useTranslation();
  const metrics = useMetricOptions();
  return (
    <Form.List name="adjustments">
      {(fields, { add, remove }) => (
        <Flex vertical gap="small">
          {fields.length === 0 && <Typography.Text type="secondary">{t('duty.edit.scheme.noAdjustments')}</Typography.Text>}
          {fields.map((field) => (
            <Card size="small" key={field.key} data-testid={`adjustment-${field.name}`}>
              <Flex wrap gap="small" align="end">
                <Form.Item name={[field.name, 'key']} label={t('duty.edit.scheme.key')} rules={[{ required: true, max: 40 }]}>
                  <Input style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'label']} label={t('duty.edit.scheme.label')} rules={[{ required: true, max: 50 }]}>
                  <Input style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'kind']} label={t('duty.edit.scheme.kind')}>
                  <Select
                    style={{ width: 100 }}
                    options={(['bonus', 'penalty'] as const).map((k) => ({ value: k, label: t(`duty.edit.scheme.adjustmentKinds.${k}`) }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'sourceKind']} label={t('duty.edit.scheme.source')}>
                  <Select
                    style={{ width: 120 }}
                    options={[
                      { value: 'metric', label: t('duty.edit.scheme.sourceMetric') },
                      { value: 'input', label: t('duty.edit.scheme.sourceInput') },
                    ]}
                  />
                </Form.Item>
                <AdjustmentSource name={field.name} metrics={metrics} />
                <Form.Item name={[field.name, 'pointsEach']} label={t('duty.edit.scheme.pointsEach')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={100} style={{ width: 90 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'max']} label={t('duty.edit.scheme.adjustmentMax')} rules={[{ required: true }]}>
                  <InputNumber min={0} max={100} style={{ width: 90 }} />
                </Form.Item>
                <Button
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  onClick={() => remove(field.name)}
                  aria-label={t('duty.edit.remove')}
                  data-testid={`adjustment-remove-${field.name}`}
                />
              </Flex>
            </Card>
          ))}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add({ key: '', label: '', kind: 'bonus', sourceKind: 'input', source: '', pointsEach: 1, max: 5 })}
            data-testid="adjustment-add"
          >
            {t('duty.edit.scheme.addAdjustment')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

function AdjustmentSource({ name, metrics }: { name: number; metrics: Array<{ value: string; label: string }> }) {
  const { t } = useTranslation();
  const sourceKind = Form.useWatch(['adjustments', name, 'sourceKind']) as 'metric' | 'input' | undefined;
  return sourceKind === 'metric' ? (
    <Form.Item name={[name, 'source']} label={t('duty.edit.scheme.sourceMetric')} rules={[{ required: true }]}>
      <Select style={{ width: 180 }} showSearch optionFilterProp="label" options={metrics} />
    </Form.Item>
  ) : (
    <Form.Item name={[name, 'source']} label={t('duty.edit.scheme.input')} rules={[{ required: true, max: 40 }]}>
      <Input style={{ width: 120 }} />
    </Form.Item>
  );
}
