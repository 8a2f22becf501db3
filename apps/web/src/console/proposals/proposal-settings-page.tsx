/**
 * `/console/proposal-settings` (admins): how many co-signers a motion needs before it can be
 * submitted, and the time limits of handling (`GET`/`PATCH /api/v1/suggestion-settings`).
 * The server stores them and the submit rule reads them.
 */
import { useEffect } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Spin } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ProposalSettings as Settings } from '@lianxin/contracts';
import { get, patch } from '../api';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';

/** The settings with the bounds the API accepts. */
const FIELDS = [
  ['motionMinCosigners', 0, 100],
  ['suggestionMinCosigners', 0, 100],
  ['withdrawWorkdays', 1, 60],
  ['answerMonths', 1, 12],
  ['extendedAnswerMonths', 1, 24],
  ['rehandleMonths', 1, 12],
  ['warningWorkdays', 0, 60],
  ['issueEscalationWorkdays', 1, 60],
] as const satisfies ReadonlyArray<readonly [keyof Settings, number, number]>;
const SETTINGS_KEY = ['proposals', 'settings'] as const;

export function ProposalSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Settings>();
  const query = useQuery({ queryKey: SETTINGS_KEY, queryFn: () => get<Settings>('/api/v1/suggestion-settings') });
  useEffect(() => {
    if (query.data) form.setFieldsValue(query.data);
  }, [query.data, form]);
  const save = useMutation({
    mutationFn: (values: Settings) => patch<Settings>('/api/v1/suggestion-settings', values),
    onSuccess: (saved) => {
      queryClient.setQueryData(SETTINGS_KEY, saved);
      void message.success(t('proposalExtras.settings.saved'));
    },
    onError: (error) => void message.error(errorText(error)),
  });

  return (
    <>
      <PageHeader title={t('proposalExtras.settings.title')} intro={t('proposalExtras.settings.intro')} />
      {query.isError && <Alert type="error" message={errorText(query.error)} />}
      {query.isPending ? (
        <Spin aria-label={t('common.loading')} />
      ) : (
        <Card>
          <Form<Settings> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} style={{ maxWidth: 560 }}>
            {FIELDS.map(([name, min, max]) => (
              <Form.Item key={name} name={name} label={t(`proposalExtras.settings.${name}`)} rules={[{ required: true }, { type: 'integer', min, max }]}>
                <InputNumber min={min} max={max} precision={0} style={{ width: 160 }} data-testid={`setting-${name}`} />
              </Form.Item>
            ))}
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
              {t('proposalExtras.settings.save')}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
