/** Edit an appeal kind (name, English name, time limit) in a drawer. */
import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppealKind } from '../../../shared/contract-types';
import { patch, PATHS } from '../../api';
import { FormDrawer } from '../../common/form-drawer';
import { changedFields } from '../../common/form-values';

interface AppealKindValues {
  name: string;
  nameEn: string;
  handleWorkdays: number;
}

export function AppealKindForm({ kind, onClose }: { kind: AppealKind; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AppealKindValues>();

  const onSubmit = async (values: AppealKindValues) => {
    const changes = changedFields({ name: values.name.trim(), nameEn: values.nameEn.trim(), handleWorkdays: values.handleWorkdays }, kind);
    if (Object.keys(changes).length === 0) return kind;
    return patch<AppealKind>(`${PATHS.appealKinds}/${kind.code}`, changes);
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <FormDrawer<AppealKindValues>
      title={t('appealKinds.editTitle', { name: kind.name })}
      testId="appeal-kind-form"
      form={form}
      initialValues={{ name: kind.name, nameEn: kind.nameEn, handleWorkdays: kind.handleWorkdays }}
      onSubmit={onSubmit}
      onClose={onClose}
      reloadKeys={[['appeal-kinds']]}
    >
      <Form.Item label={t('appealKinds.name')} name="name" rules={required(t('appealKinds.name'))}>
        <Input maxLength={20} data-testid="appeal-kind-form-name" />
      </Form.Item>
      <Form.Item label={t('appealKinds.nameEn')} name="nameEn" rules={required(t('appealKinds.nameEn'))}>
        <Input maxLength={40} lang="en" data-testid="appeal-kind-form-name-en" />
      </Form.Item>
      <Form.Item
        label={t('appealKinds.handleWorkdays')}
        name="handleWorkdays"
        rules={[{ required: true, message: t('common.required', { field: t('appealKinds.handleWorkdays') }) }]}
      >
        <InputNumber min={1} max={120} precision={0} style={{ width: '100%' }} data-testid="appeal-kind-form-handle-workdays" />
      </Form.Item>
    </FormDrawer>
  );
}
