/** Create or edit a user account (name, roles, scope) in a drawer. */
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@lianxin/core';
import type { Role, User } from '../../shared/contract-types';
import { patch, PATHS, post } from '../api';
import { FormDrawer } from '../common/form-drawer';
import { changedFields } from '../common/form-values';
import { useLabels } from '../common/labels';
import { useAllDepartments, useAllDeputies, useAllUnits } from '../common/lookups';

interface UserValues {
  username: string;
  displayName: string;
  password?: string;
  roles: Role[];
  scope?: { unitId?: string | null; departmentId?: string | null; deputyId?: string | null };
}

/** Same rule as the server's UsernameSchema. */
const USERNAME = /^[a-z0-9][a-z0-9._-]*$/;

function scopeOf(values: UserValues) {
  return {
    unitId: values.scope?.unitId ?? null,
    departmentId: values.scope?.departmentId ?? null,
    deputyId: values.scope?.deputyId ?? null,
  };
}

export function UserForm({ user, onClose }: { user?: User; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<UserValues>();
  const units = useAllUnits().data ?? [];
  const departments = useAllDepartments().data ?? [];
  const deputies = useAllDeputies().data ?? [];

  const option = (item: { id: string; name: string; active: boolean }, current?: string | null) =>
    item.active || item.id === current ? [{ value: item.id, label: item.name }] : [];
  const unitOptions = units.flatMap((u) => option({ ...u, name: `${u.name}（${labels.unitKind(u.kind)}）` }, user?.scope.unitId));
  const departmentOptions = departments.flatMap((d) => option(d, user?.scope.departmentId));
  const deputyOptions = deputies.flatMap((d) => option(d, user?.scope.deputyId));

  const onSubmit = async (values: UserValues) => {
    if (!user) {
      return post<User>(PATHS.users, {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        password: values.password ?? '',
        roles: values.roles,
        scope: scopeOf(values),
      });
    }
    const changes = changedFields({ displayName: values.displayName.trim(), roles: values.roles, scope: scopeOf(values) }, user);
    if (Object.keys(changes).length === 0) return user;
    return patch<User>(`${PATHS.users}/${user.id}`, { ...changes, expectedVersion: user.version });
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  return (
    <FormDrawer<UserValues>
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.createTitle')}
      testId="user-form"
      form={form}
      initialValues={user ? { ...user } : { roles: [], scope: {} }}
      onSubmit={onSubmit}
      onClose={onClose}
      reloadKeys={[['users']]}
      successText={user ? t('common.saved') : t('common.created')}
    >
      <Form.Item
        label={t('users.username')}
        name="username"
        extra={user ? undefined : t('users.usernameHelp')}
        rules={user ? [] : [required(t('users.username')), { pattern: USERNAME, message: t('users.usernameHelp') }, { min: 2, max: 64 }]}
      >
        <Input disabled={!!user} autoComplete="off" maxLength={64} data-testid="user-form-username" />
      </Form.Item>
      <Form.Item label={t('users.displayName')} name="displayName" rules={[required(t('users.displayName'))]}>
        <Input maxLength={100} data-testid="user-form-display-name" />
      </Form.Item>
      {!user && (
        <Form.Item
          label={t('users.password')}
          name="password"
          extra={t('users.passwordHelp')}
          rules={[required(t('users.password')), { min: 10, message: t('users.passwordHelp') }]}
        >
          <Input.Password autoComplete="new-password" maxLength={256} data-testid="user-form-password" />
        </Form.Item>
      )}
      <Form.Item
        label={t('users.roles')}
        name="roles"
        rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('users.roles') }) }]}
      >
        <Select mode="multiple" options={ROLES.map((role) => ({ value: role, label: labels.role(role) }))} data-testid="user-form-roles" />
      </Form.Item>
      <Form.Item label={t('users.scopeUnit')} name={['scope', 'unitId']}>
        <Select allowClear options={unitOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="user-form-scope-unit" />
      </Form.Item>
      <Form.Item label={t('users.scopeDepartment')} name={['scope', 'departmentId']}>
        <Select allowClear options={departmentOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="user-form-scope-department" />
      </Form.Item>
      <Form.Item label={t('users.scopeDeputy')} name={['scope', 'deputyId']}>
        <Select allowClear options={deputyOptions} showSearch={{ optionFilterProp: 'label' }} data-testid="user-form-scope-deputy" />
      </Form.Item>
    </FormDrawer>
  );
}
