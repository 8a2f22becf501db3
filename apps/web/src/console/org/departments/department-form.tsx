/** Create or edit a department (承办单位) in a drawer. */
import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/contract-types';
import { patch, PATHS, post } from '../../api';
import { FormDrawer } from '../../common/form-drawer';
import { blankToNull, changedFields, isMasked } from '../../common/form-values';

interface DepartmentValues {
  name: string;
  shortName?: string | null;
  liaisonName?: string | null;
  liaisonPhone?: string | null;
  sortOrder?: number | null;
}

interface Props {
  department?: Department;
  onClose: () => void;
}

function fields(values: DepartmentValues) {
  return {
    name: values.name.trim(),
    shortName: blankToNull(values.shortName),
    liaisonName: blankToNull(values.liaisonName),
    liaisonPhone: blankToNull(values.liaisonPhone),
    ...(typeof values.sortOrder === 'number' ? { sortOrder: values.sortOrder } : {}),
  };
}

export function DepartmentForm({ department, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DepartmentValues>();
  // A masked phone is never put into the form (it would be saved back masked).
  const phoneMasked = isMasked(department?.liaisonPhone);
  const initialValues: Partial<DepartmentValues> = department ? { ...department, liaisonPhone: phoneMasked ? undefined : department.liaisonPhone } : {};

  const onSubmit = async (values: DepartmentValues) => {
    if (!department) return post<Department>(PATHS.departments, fields(values));
    const next = fields(values);
    const changes = changedFields(next, department);
    if (phoneMasked && next.liaisonPhone === null) delete changes.liaisonPhone;
    if (Object.keys(changes).length === 0) return department;
    return patch<Department>(`${PATHS.departments}/${department.id}`, { ...changes, expectedVersion: department.version });
  };

  return (
    <FormDrawer<DepartmentValues>
      title={department ? t('departments.editTitle', { name: department.name }) : t('departments.createTitle')}
      testId="department-form"
      form={form}
      initialValues={initialValues}
      onSubmit={onSubmit}
      onClose={onClose}
      reloadKeys={[['departments']]}
      successText={department ? t('common.saved') : t('common.created')}
    >
      <Form.Item
        label={t('departments.name')}
        name="name"
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('departments.name') }) }]}
      >
        <Input maxLength={100} data-testid="department-form-name" />
      </Form.Item>
      <Form.Item label={t('departments.shortName')} name="shortName">
        <Input maxLength={30} data-testid="department-form-short-name" />
      </Form.Item>
      <Form.Item label={t('departments.liaisonName')} name="liaisonName">
        <Input maxLength={50} data-testid="department-form-liaison-name" />
      </Form.Item>
      <Form.Item
        label={t('departments.liaisonPhone')}
        name="liaisonPhone"
        extra={phoneMasked ? `${department?.liaisonPhone ?? ''} · ${t('common.unchangedIfEmpty')}` : undefined}
      >
        <Input maxLength={40} inputMode="tel" data-testid="department-form-liaison-phone" />
      </Form.Item>
      <Form.Item label={t('common.sortOrder')} name="sortOrder">
        <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="department-form-sort-order" />
      </Form.Item>
    </FormDrawer>
  );
}
