/**
 * Closing an issue-list item (销号): a statement of what was done and at least one evidence
 * file, uploaded as soon as chosen (`POST /api/v1/attachments`: type checked by content,
 * stored by hash); then `POST /api/v1/issues/{id}/close` with the version seen.
 */
import { App, Form, Input, Modal } from 'antd';
import type { UploadFile } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EvidenceUpload, uploadedIds, uploading } from '../cases/evidence-upload';
import { useErrorText } from '../common/use-error-text';
import { closeIssue, PROPOSAL_KEYS, type IssueItem } from '../proposals/proposals-api';

interface CloseForm {
  evidence: string;
  files?: UploadFile[];
}

export function IssueCloseModal({ issue, onClose }: { issue: IssueItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CloseForm>();
  const close = useMutation({
    mutationFn: (values: CloseForm) =>
      closeIssue(issue!.id, { expectedVersion: issue!.version, evidence: values.evidence, attachmentIds: uploadedIds(values.files) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: PROPOSAL_KEYS.all });
      form.resetFields();
      onClose();
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const submit = async () => {
    const values = await form.validateFields();
    if (uploading(values.files)) return void message.warning(t('proposalExtras.issues.stillUploading'));
    close.mutate(values);
  };

  return (
    <Modal
      open={!!issue}
      title={`${t('proposals.supervision.closeIssue')}：${issue?.title ?? ''}`}
      okText={t('proposals.supervision.closeIssue')}
      okButtonProps={{ loading: close.isPending, 'data-testid': 'issue-close-ok' }}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="evidence" label={t('proposals.supervision.evidence')} rules={[{ required: true, min: 4, max: 4000 }]}>
          <Input.TextArea rows={3} data-testid="issue-evidence" />
        </Form.Item>
        <Form.Item
          name="files"
          label={t('proposalExtras.issues.files')}
          extra={t('proposalExtras.issues.filesHelp')}
          valuePropName="value"
          rules={[
            {
              validator: (_, files: UploadFile[] | undefined) =>
                uploadedIds(files).length > 0 || uploading(files) ? Promise.resolve() : Promise.reject(new Error(t('proposalExtras.issues.filesRequired'))),
            },
          ]}
        >
          <EvidenceUpload testId="issue-files" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
