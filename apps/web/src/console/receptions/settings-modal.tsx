/** The rota settings (admins): how many days ahead the rota is published, and when deputies are reminded. */
import { App, Form, InputNumber, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../common/use-error-text';
import { editApi, type ReceptionSettings } from '../duty/edit-api';
import { RECEPTIONS_KEY } from './keys';

export const SETTINGS_KEY = ['reception-settings'];

export function SettingsModal({ settings, onClose }: { settings: ReceptionSettings; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<ReceptionSettings>();
  const save = useMutation({
    mutationFn: editApi.updateSettings,
    onSuccess: (saved) => {
      client.setQueryData(SETTINGS_KEY, saved);
      // A new window publishes (or hides) receptions: the rota changes with it.
      void client.invalidateQueries({ queryKey: RECEPTIONS_KEY });
      void message.success(t('duty.edit.settings.saved'));
      onClose();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Modal
      open
      title={t('duty.edit.settings.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('duty.edit.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'settings-save' }}
    >
      <Form form={form} layout="vertical" initialValues={settings} onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="publishDays"
          label={t('duty.edit.settings.publishDays')}
          extra={t('duty.edit.settings.publishDaysHelp')}
          rules={[{ required: true, type: 'integer', min: 1, max: 90 }]}
        >
          <InputNumber min={1} max={90} precision={0} data-testid="settings-publish-days" />
        </Form.Item>
        <Form.Item name="reminderHours" label={t('duty.edit.settings.reminderHours')} rules={[{ required: true, type: 'integer', min: 1, max: 168 }]}>
          <InputNumber min={1} max={168} precision={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
