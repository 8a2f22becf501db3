/**
 * `/console/proposals/new`: a deputy (or their station) drafts a suggestion or motion from
 * citizens' opinions. A deputy leads their own; admins and station staff choose the lead deputy
 * (station staff: one of their station's). The server's field errors land on the fields.
 */
import { Alert, App, Button, Card, Form, Input, Radio, Select } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ProposalSettings } from '@lianxin/contracts';
import { ApiError, get } from '../api';
import { applyFieldErrors } from '../common/form-errors';
import { useAllDeputies, useAllUnits } from '../common/lookups';
import { PageHeader } from '../common/page-header';
import { isWithin } from '../common/tree';
import { useDetailText, useErrorText } from '../common/use-error-text';
import { useCurrentUser } from '../session/current-user';
import { createProposal } from './proposals-api';

interface DraftForm {
  type: 'suggestion' | 'motion';
  title: string;
  body: string;
  leadDeputyId?: string;
  cosignerIds?: string[];
  caseIds?: string[];
}

export function ProposalNewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const detailText = useDetailText();
  const user = useCurrentUser();
  // A deputy account drafts as its own deputy; everyone else names the lead deputy.
  const asDeputy = !!user.scope?.deputyId;
  const [form] = Form.useForm<DraftForm>();
  const deputies = useAllDeputies();
  const units = useAllUnits(!asDeputy && !!user.scope?.unitId);
  const settings = useQuery({ queryKey: ['proposals', 'settings'], queryFn: () => get<ProposalSettings>('/api/v1/suggestion-settings') });
  const cases = useQuery({
    queryKey: ['cases', 'list', { status: 'accepted', pageSize: 100 }],
    queryFn: () =>
      get<{ items: Array<{ id: string; trackingCode: string; title: string }> }>('/api/v1/cases', {
        status: 'accepted,in_progress,replied,closed',
        pageSize: 100,
      }),
  });
  const type = Form.useWatch('type', form);
  const create = useMutation({
    mutationFn: (values: DraftForm) => createProposal(values as unknown as Record<string, unknown>),
    onSuccess: (view) => void navigate(`/proposals/${view.proposal.id}`),
    onError: (error) => {
      if (error instanceof ApiError && error.details.length) applyFieldErrors(form, error.details, detailText);
      void message.error(errorText(error));
    },
  });
  const deputyOptions = (deputies.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }));
  // Station staff may lead-draft only for deputies of their own station.
  const byId = new Map((units.data ?? []).map((u) => [u.id, u]));
  const stationId = user.scope?.unitId;
  const leadOptions = (deputies.data ?? [])
    .filter((d) => d.active && (!stationId || (!!d.homeUnitId && isWithin(byId, d.homeUnitId, stationId))))
    .map((d) => ({ value: d.id, label: d.name }));

  return (
    <>
      <PageHeader title={t('proposals.form.title')} />
      <Card>
        <Form<DraftForm> form={form} layout="vertical" initialValues={{ type: 'suggestion' }} onFinish={(v) => create.mutate(v)} style={{ maxWidth: 760 }}>
          <Form.Item name="type" label={t('proposals.form.type')} rules={[{ required: true }]}>
            <Radio.Group options={['suggestion', 'motion'].map((k) => ({ value: k, label: t(`proposals.types.${k}`) }))} />
          </Form.Item>
          {type === 'motion' && settings.data && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('proposals.form.motionRule', { n: settings.data.motionMinCosigners })} />
          )}
          {!asDeputy && (
            <Form.Item name="leadDeputyId" label={t('proposals.form.leadDeputy')} rules={[{ required: true, message: t('proposals.form.leadDeputyRequired') }]}>
              <Select showSearch optionFilterProp="label" options={leadOptions} data-testid="proposal-lead" />
            </Form.Item>
          )}
          <Form.Item name="title" label={t('proposals.form.titleField')} rules={[{ required: true, min: 4, max: 200 }]}>
            <Input data-testid="proposal-title" />
          </Form.Item>
          <Form.Item name="body" label={t('proposals.form.body')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={8} data-testid="proposal-body" />
          </Form.Item>
          <Form.Item name="cosignerIds" label={t('proposals.form.cosigners')}>
            <Select mode="multiple" showSearch optionFilterProp="label" options={deputyOptions} data-testid="proposal-cosigners" />
          </Form.Item>
          <Form.Item name="caseIds" label={t('proposals.form.cases')} extra={t('proposals.form.casesHelp')}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              data-testid="proposal-cases"
              options={(cases.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.trackingCode} ${c.title}` }))}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="proposal-save">
            {t('proposals.form.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
