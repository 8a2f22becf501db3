/**
 * The Open311 attributes of a category (GeoReport v2 service definitions), edited inside
 * the category form: code, question, datatype, required, format hint, order and — for the
 * list datatypes — the choices. The server checks the whole list again.
 */
import { Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** Datatypes of the spec. */
export const ATTRIBUTE_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;

/** One attribute as the form holds it. */
export interface AttributeValues {
  code: string;
  description: string;
  datatype: (typeof ATTRIBUTE_DATATYPES)[number];
  required?: boolean;
  datatypeDescription?: string;
  order?: number | null;
  values?: Array<{ key: string; name: string }>;
}

const isList = (datatype: string | undefined) => datatype === 'singlevaluelist' || datatype === 'multivaluelist';

/** An attribute in the API's shape and key order (so unchanged lists compare equal). */
export function attributeBody(a: AttributeValues) {
  return {
    code: a.code.trim(),
    description: a.description.trim(),
    datatype: a.datatype,
    required: !!a.required,
    datatypeDescription: (a.datatypeDescription ?? '').trim(),
    order: typeof a.order === 'number' ? a.order : 0,
    values: isList(a.datatype) ? (a.values ?? []).map((v) => ({ key: v.key.trim(), name: v.name.trim() })) : [],
  };
}

function ChoiceList({ field }: { field: number }) {
  const { t } = useTranslation();
  return (
    <Form.List name={[field, 'values']}>
      {(choices, { add, remove }) => (
        <Flex vertical gap={4}>
          {choices.map((choice) => (
            <Flex key={choice.key} gap={4} align="start">
              <Form.Item name={[choice.name, 'key']} rules={[{ required: true, whitespace: true, message: t('serviceAttributes.valueKey') }]} noStyle>
                <Input aria-label={t('serviceAttributes.valueKey')} placeholder={t('serviceAttributes.valueKey')} maxLength={60} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={[choice.name, 'name']} rules={[{ required: true, whitespace: true, message: t('serviceAttributes.valueName') }]} noStyle>
                <Input aria-label={t('serviceAttributes.valueName')} placeholder={t('serviceAttributes.valueName')} maxLength={100} />
              </Form.Item>
              <Button onClick={() => remove(choice.name)} aria-label={t('serviceAttributes.removeValue')}>
                −
              </Button>
            </Flex>
          ))}
          <Button type="dashed" onClick={() => add({ key: '', name: '' })} data-testid={`attribute-${field}-add-value`}>
            {t('serviceAttributes.addValue')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}

/** The list editor; lives inside the category form's `attributes` field. */
export function AttributesEditor() {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('serviceAttributes.title')} tooltip={t('serviceAttributes.hint')}>
      <Form.List name="attributes">
        {(items, { add, remove }) => (
          <Flex vertical gap={8} data-testid="category-form-attributes">
            {items.map((item, index) => (
              <Card
                key={item.key}
                size="small"
                title={t('serviceAttributes.item', { index: index + 1 })}
                extra={
                  <Button size="small" danger onClick={() => remove(item.name)} aria-label={t('serviceAttributes.remove', { index: index + 1 })}>
                    ×
                  </Button>
                }
              >
                <Form.Item
                  label={t('serviceAttributes.code')}
                  name={[item.name, 'code']}
                  rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('serviceAttributes.codeRule') }]}
                >
                  <Input maxLength={40} data-testid={`attribute-${index}-code`} />
                </Form.Item>
                <Form.Item
                  label={t('serviceAttributes.description')}
                  name={[item.name, 'description']}
                  rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('serviceAttributes.description') }) }]}
                >
                  <Input maxLength={200} data-testid={`attribute-${index}-description`} />
                </Form.Item>
                <Flex gap={8} wrap>
                  <Form.Item label={t('serviceAttributes.datatype')} name={[item.name, 'datatype']} rules={[{ required: true }]}>
                    <Select
                      style={{ minWidth: 120 }}
                      options={ATTRIBUTE_DATATYPES.map((d) => ({ value: d, label: t(`serviceAttributes.datatypes.${d}`) }))}
                      data-testid={`attribute-${index}-datatype`}
                    />
                  </Form.Item>
                  <Form.Item label={t('serviceAttributes.order')} name={[item.name, 'order']}>
                    <InputNumber min={0} max={1000} precision={0} />
                  </Form.Item>
                  <Form.Item label={t('serviceAttributes.required')} name={[item.name, 'required']} valuePropName="checked">
                    <Checkbox data-testid={`attribute-${index}-required`} />
                  </Form.Item>
                </Flex>
                <Form.Item label={t('serviceAttributes.datatypeDescription')} name={[item.name, 'datatypeDescription']}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {(form) =>
                    isList(form.getFieldValue(['attributes', item.name, 'datatype']) as string | undefined) ? (
                      <Form.Item label={t('serviceAttributes.values')}>
                        <ChoiceList field={item.name} />
                      </Form.Item>
                    ) : null
                  }
                </Form.Item>
              </Card>
            ))}
            <Button
              type="dashed"
              onClick={() => add({ code: '', description: '', datatype: 'string', required: false, order: items.length + 1, values: [] })}
              data-testid="category-form-add-attribute"
            >
              {t('serviceAttributes.add')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
