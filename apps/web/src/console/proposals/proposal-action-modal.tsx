/** The form of one proposal action: the fields it needs, then `POST …/actions/{action}` with the version seen. */
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAllDepartments, useAllDeputies } from '../common/lookups';
import { useErrorText } from '../common/use-error-text';
import { applyProposalAction, PROPOSAL_KEYS } from './proposals-api';

type Field =
  | 'title'
  | 'body'
  | 'deputyIds'
  | 'reason'
  | 'optionalReason'
  | 'leadUnitId'
  | 'coUnitIds'
  | 'content'
  | 'answerClass'
  | 'rating'
  | 'comment'
  | 'note'
  | 'leader';

/** The fields of each action (none: a confirmation). */
export const ACTION_FIELDS: Record<string, Field[]> = {
  edit: ['title', 'body'],
  invite: ['deputyIds'],
  decline: ['optionalReason'],
  withdraw: ['reason'],
  return: ['reason'],
  convert: ['reason'],
  reject: ['reason'],
  assign: ['leadUnitId', 'coUnitIds'],
  request_withdraw: ['reason'],
  approve_withdraw: ['optionalReason'],
  deny_withdraw: ['optionalReason'],
  request_extension: ['reason'],
  approve_extension: ['optionalReason'],
  deny_extension: ['optionalReason'],
  co_answer: ['content'],
  answer: ['answerClass', 'content'],
  rate: ['rating', 'comment'],
  follow_up: ['content'],
  urge: ['note'],
  supervise: ['note'],
  designate_key: ['leader'],
  close: ['reason'],
  note: ['content'],
};

export function ProposalActionModal(props: { proposalId: string; version: number; action: string | null; onClose: () => void }) {
  const { proposalId, version, action, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Record<string, unknown>>();
  const fields = action ? (ACTION_FIELDS[action] ?? []) : [];
  const departments = useAllDepartments(fields.includes('leadUnitId'));
  const deputies = useAllDeputies(fields.includes('deputyIds'));
  const mutation = useMutation({
    mutationFn: (values: Record<string, unknown>) => {
      const { optionalReason, ...rest } = values;
      const body = { ...rest, ...(optionalReason ? { reason: optionalReason } : {}), expectedVersion: version };
      return applyProposalAction(proposalId, action!, Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== '')));
    },
    onSuccess: (view) => {
      queryClient.setQueryData(PROPOSAL_KEYS.detail(proposalId), view);
      void queryClient.invalidateQueries({ queryKey: PROPOSAL_KEYS.all });
      form.resetFields();
      onClose();
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const departmentOptions = (departments.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }));
  // Form field names follow the API body; a few message keys read better without the `Id(s)` suffix.
  const MESSAGE_KEY: Record<string, string> = { optionalReason: 'reason', deputyIds: 'deputies', leadUnitId: 'leadUnit', coUnitIds: 'coUnits' };
  const label = (f: string) => t(`proposals.fields.${MESSAGE_KEY[f] ?? f}`);

  return (
    <Modal
      open={!!action}
      title={action ? t(`proposals.actions.${action}`) : ''}
      okText={action ? t(`proposals.actions.${action}`) : ''}
      okButtonProps={{ 'data-testid': 'proposal-action-ok', loading: mutation.isPending }}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((values) => mutation.mutate(values))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        {fields.map((f) => {
          switch (f) {
            case 'title':
              return (
                <Form.Item key={f} name="title" label={label(f)} rules={[{ min: 4, max: 200 }]}>
                  <Input />
                </Form.Item>
              );
            case 'deputyIds':
              return (
                <Form.Item key={f} name="deputyIds" label={label(f)} rules={[{ required: true }]}>
                  <Select
                    mode="multiple"
                    showSearch
                    optionFilterProp="label"
                    options={(deputies.data ?? []).filter((d) => d.active).map((d) => ({ value: d.id, label: d.name }))}
                  />
                </Form.Item>
              );
            case 'leadUnitId':
              return (
                <Form.Item key={f} name="leadUnitId" label={label(f)} rules={[{ required: true }]}>
                  <Select showSearch optionFilterProp="label" options={departmentOptions} data-testid="action-lead-unit" />
                </Form.Item>
              );
            case 'coUnitIds':
              return (
                <Form.Item key={f} name="coUnitIds" label={label(f)}>
                  <Select mode="multiple" showSearch optionFilterProp="label" options={departmentOptions} data-testid="action-co-units" />
                </Form.Item>
              );
            case 'answerClass':
              return (
                <Form.Item key={f} name="answerClass" label={label(f)} rules={[{ required: true }]}>
                  <Radio.Group options={['A', 'B', 'C', 'D'].map((k) => ({ value: k, label: t(`proposals.classes.${k}`) }))} />
                </Form.Item>
              );
            case 'rating':
              return (
                <Form.Item key={f} name="rating" label={label(f)} rules={[{ required: true }]}>
                  <Radio.Group options={['satisfied', 'basically_satisfied', 'unsatisfied'].map((k) => ({ value: k, label: t(`proposals.ratings.${k}`) }))} />
                </Form.Item>
              );
            case 'body':
            case 'content':
              return (
                <Form.Item key={f} name={f} label={label(f)} rules={[{ required: f === 'content', min: 2 }]}>
                  <Input.TextArea rows={5} data-testid={`action-${f}`} />
                </Form.Item>
              );
            default:
              return (
                <Form.Item
                  key={f}
                  name={f}
                  label={label(f)}
                  rules={[{ required: f === 'reason' || f === 'note' || f === 'leader', min: f === 'note' ? 1 : 2 }]}
                >
                  <Input.TextArea rows={2} data-testid={`action-${f}`} />
                </Form.Item>
              );
          }
        })}
      </Form>
    </Modal>
  );
}
