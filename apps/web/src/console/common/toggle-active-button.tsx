/** Deactivate / reactivate a record (PATCH `{ active }`), with confirmation. */
import { App, Button, Popconfirm } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';
import { useErrorText } from './use-error-text';

interface Props {
  /** Test id of the button, e.g. `unit-toggle-<id>`. */
  testId: string;
  name: string;
  active: boolean;
  /** Sends the change; receives the new `active` value. */
  onToggle: (active: boolean) => Promise<unknown>;
  /** Query key prefix to refresh afterwards, e.g. `['units']`. */
  reloadKey: readonly unknown[];
}

export function ToggleActiveButton({ testId, name, active, onToggle, reloadKey }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => onToggle(!active),
    onSuccess: () => {
      void message.success(active ? t('common.deactivated') : t('common.reactivated'));
    },
    onError: (error) => {
      void message.error(errorText(error));
    },
    onSettled: (_data, error) => {
      if (!error || (error instanceof ApiError && error.code === 'VERSION_CONFLICT')) {
        void client.invalidateQueries({ queryKey: reloadKey });
      }
    },
  });
  return (
    <Popconfirm
      title={active ? t('common.confirmDeactivate', { name }) : t('common.confirmReactivate', { name })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      onConfirm={() => mutation.mutate()}
    >
      <Button type="link" size="small" danger={active} loading={mutation.isPending} data-testid={testId}>
        {active ? t('common.deactivate') : t('common.reactivate')}
      </Button>
    </Popconfirm>
  );
}
