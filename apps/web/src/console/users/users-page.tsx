/** `/console/users`: accounts, their roles and scope; unlock, set password, (de)activate. */
import { App, Button, Flex, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/contract-types';
import { formatDateTime } from '../../shared/format';
import { patch, PATHS } from '../api';
import { useLabels } from '../common/labels';
import { namesById, useAllDepartments, useAllDeputies, useAllUnits } from '../common/lookups';
import { ResourceTablePage } from '../common/resource-table-page';
import { StatusTag } from '../common/status-tag';
import { useErrorText } from '../common/use-error-text';
import { useListParams } from '../common/use-list-params';
import { usePagedList } from '../common/use-paged-list';
import { usePermission } from '../session/permissions';
import { PasswordForm } from './password-form';
import { UserForm } from './user-form';

type FormState = { kind: 'edit'; user?: User } | { kind: 'password'; user: User };

function isLocked(user: User, now = Date.now()): boolean {
  return !!user.lockedUntil && Date.parse(user.lockedUntil) > now;
}

function UnlockButton({ user }: { user: User }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const unlock = useMutation({
    mutationFn: () => patch<User>(`${PATHS.users}/${user.id}`, { unlock: true, expectedVersion: user.version }),
    onSuccess: () => void message.success(t('users.unlocked')),
    onError: (error) => void message.error(errorText(error)),
    onSettled: () => void client.invalidateQueries({ queryKey: ['users'] }),
  });
  return (
    <Button type="link" size="small" loading={unlock.isPending} onClick={() => unlock.mutate()} data-testid={`user-unlock-${user.id}`}>
      {t('users.unlock')}
    </Button>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const canManage = usePermission()('user.manage');
  const list = useListParams();
  const query = usePagedList<User>('users', PATHS.users, list.apiQuery);
  const units = namesById(useAllUnits().data);
  const departments = namesById(useAllDepartments().data);
  const deputies = namesById(useAllDeputies().data);

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username', width: 140 },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName', width: 160 },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      key: 'roles',
      render: (roles: string[]) => (
        <Flex wrap gap={4}>
          {roles.map((role) => (
            <Tag key={role} color={role === 'admin' ? 'purple' : 'geekblue'}>
              {labels.role(role)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('users.scope'),
      key: 'scope',
      render: (_: unknown, user) => {
        const parts = [
          user.scope.unitId && (units.get(user.scope.unitId) ?? user.scope.unitId),
          user.scope.departmentId && (departments.get(user.scope.departmentId) ?? user.scope.departmentId),
          user.scope.deputyId && (deputies.get(user.scope.deputyId) ?? user.scope.deputyId),
        ].filter(Boolean);
        return parts.length > 0 ? parts.join(' / ') : t('common.none');
      },
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 150,
      render: (_: unknown, user) => (
        <Flex wrap gap={4}>
          <StatusTag active={user.active} />
          {isLocked(user) && user.lockedUntil && (
            <Tooltip title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>
              <Tag color="red" data-testid={`user-locked-${user.id}`}>
                {t('users.locked')}
              </Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      title: t('users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      width: 170,
      render: (at: string | null) => (at ? formatDateTime(at) : t('common.none')),
    },
  ];
  return (
    <ResourceTablePage<User, FormState>
      title={t('users.title')}
      testIdPrefix="user"
      list={list}
      rows={{ paged: query }}
      columns={columns}
      canManage={canManage}
      addText={t('users.add')}
      form={{
        add: { kind: 'edit' },
        edit: (user) => ({ kind: 'edit', user }),
        render: (state, close) => (state.kind === 'edit' ? <UserForm user={state.user} onClose={close} /> : <PasswordForm user={state.user} onClose={close} />),
      }}
      rowActions={{
        name: (user) => user.displayName,
        reloadKey: ['users'],
        onToggle: (user, active) => patch(`${PATHS.users}/${user.id}`, { active, expectedVersion: user.version }),
        extra: (user, open) => (
          <>
            <Button type="link" size="small" onClick={() => open({ kind: 'password', user })} data-testid={`user-set-password-${user.id}`}>
              {t('users.setPassword')}
            </Button>
            {isLocked(user) && <UnlockButton user={user} />}
          </>
        ),
        width: 270,
        fixed: 'right',
      }}
      table={{ scroll: { x: 1200 } }}
    />
  );
}
