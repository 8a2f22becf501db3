/** Create or edit a category of the two-level tree in a drawer. */
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Category } from '../../../shared/contract-types';
import { patch, PATHS, post } from '../../api';
import { FormDrawer } from '../../common/form-drawer';
import { changedFields } from '../../common/form-values';
import { useAllCategories, useAllDepartments } from '../../common/lookups';
import { attributeBody, AttributesEditor, type AttributeValues } from './attributes-editor';

/** A new category (optionally under a first-level parent) or an existing one. */
export type CategoryFormState = { mode: 'create'; parentId?: string | null } | { mode: 'edit'; category: Category };

interface CategoryValues {
  parentId?: string | null;
  name: string;
  defaultDepartmentId?: string | null;
  timeLimitWorkdays?: number | null;
  sortOrder?: number | null;
  attributes?: AttributeValues[];
}

function fields(values: CategoryValues) {
  return {
    name: values.name.trim(),
    defaultDepartmentId: values.defaultDepartmentId ?? null,
    timeLimitWorkdays: typeof values.timeLimitWorkdays === 'number' ? values.timeLimitWorkdays : null,
    ...(typeof values.sortOrder === 'number' ? { sortOrder: values.sortOrder } : {}),
    attributes: (values.attributes ?? []).map(attributeBody),
  };
}

export function CategoryForm({ state, onClose }: { state: CategoryFormState; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CategoryValues>();
  const categories = useAllCategories().data ?? [];
  const departments = useAllDepartments().data ?? [];
  const editing = state.mode === 'edit' ? state.category : undefined;
  const presetParent = state.mode === 'create' ? state.parentId : undefined;

  const initialValues: Partial<CategoryValues> = editing ? { ...editing } : { parentId: presetParent ?? null };
  const parentOptions = [
    { value: '', label: t('categories.parentNone') },
    ...categories.filter((c) => c.parentId === null && (c.active || c.id === initialValues.parentId)).map((c) => ({ value: c.id, label: c.name })),
  ];
  const departmentOptions = departments.filter((d) => d.active || d.id === editing?.defaultDepartmentId).map((d) => ({ value: d.id, label: d.name }));

  const onSubmit = async (values: CategoryValues) => {
    if (!editing) return post<Category>(PATHS.categories, { ...fields(values), parentId: values.parentId || null });
    // The stored list in the form's shape and key order, so an untouched list is no change.
    const changes = changedFields(fields(values), { ...editing, attributes: editing.attributes.map(attributeBody) });
    if (Object.keys(changes).length === 0) return editing;
    return patch<Category>(`${PATHS.categories}/${editing.id}`, { ...changes, expectedVersion: editing.version });
  };

  return (
    <FormDrawer<CategoryValues>
      title={editing ? t('categories.editTitle', { name: editing.name }) : t('categories.createTitle')}
      testId="category-form"
      form={form}
      initialValues={{ ...initialValues, parentId: initialValues.parentId ?? '' }}
      onSubmit={onSubmit}
      onClose={onClose}
      reloadKeys={[['categories']]}
      successText={editing ? t('common.saved') : t('common.created')}
    >
      <Form.Item label={t('categories.parent')} name="parentId">
        <Select options={parentOptions} disabled={!!editing || !!presetParent} showSearch={{ optionFilterProp: 'label' }} data-testid="category-form-parent" />
      </Form.Item>
      <Form.Item
        label={t('categories.name')}
        name="name"
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('categories.name') }) }]}
      >
        <Input maxLength={100} data-testid="category-form-name" />
      </Form.Item>
      <Form.Item label={t('categories.defaultDepartment')} name="defaultDepartmentId">
        <Select allowClear options={departmentOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="category-form-default-department" />
      </Form.Item>
      <Form.Item label={t('categories.timeLimit')} name="timeLimitWorkdays">
        <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} data-testid="category-form-time-limit" />
      </Form.Item>
      <Form.Item label={t('common.sortOrder')} name="sortOrder">
        <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="category-form-sort-order" />
      </Form.Item>
      <AttributesEditor />
    </FormDrawer>
  );
}
