/** Set a user's password (PATCH `{ password }`). */
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/contract-types';
import { patch, PATHS } from '../api';
import { FormDrawer } from '../common/form-drawer';

interface PasswordValues {
  password: string;
  passwordConfirm: string;
}

export function PasswordForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordValues>();
  return (
    <FormDrawer<PasswordValues>
      title={t('users.setPasswordTitle', { name: user.displayName })}
      testId="password-form"
      form={form}
      initialValues={{}}
      onSubmit={(values) => patch<User>(`${PATHS.users}/${user.id}`, { password: values.password, expectedVersion: user.version })}
      onClose={onClose}
      reloadKeys={[['users']]}
      successText={t('users.passwordSet')}
    >
      {/* Lets password managers tie the new password to the account. */}
      <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
      <Form.Item
        label={t('users.password')}
        name="password"
        extra={t('users.passwordHelp')}
        rules={[
          { required: true, message: t('common.required', { field: t('users.password') }) },
          { min: 10, message: t('users.passwordHelp') },
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={256} data-testid="password-form-password" />
      </Form.Item>
      <Form.Item
        label={t('users.passwordConfirm')}
        name="passwordConfirm"
        dependencies={['password']}
        rules={[
          { required: true, message: t('common.required', { field: t('users.passwordConfirm') }) },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('users.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={256} data-testid="password-form-confirm" />
      </Form.Item>
    </FormDrawer>
  );
}
