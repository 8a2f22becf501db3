/** "批量交办": assign the selected cases to one department, then show what failed and why. */
import { useState } from 'react';
import { Alert, App, Form, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../common/use-error-text';
import { ApiError } from '../api';
import { batchAssign, CASE_KEYS } from './cases-api';
import { useCaseOptions } from './case-options';
import type { BatchResult, CaseSummary } from './case-types';

interface Props {
  cases: CaseSummary[];
  /** `done` is true when the assignment ran (whatever its per-case outcome). */
  onClose: (done: boolean) => void;
}

export function BatchAssignModal({ cases, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const options = useCaseOptions();
  const [form] = Form.useForm<{ departmentId: string }>();
  const [results, setResults] = useState<BatchResult[] | null>(null);
  const codes = new Map(cases.map((c) => [c.id, c.trackingCode]));

  const mutation = useMutation({
    mutationFn: (departmentId: string) =>
      batchAssign(
        cases.map((c) => c.id),
        departmentId,
      ),
    onSuccess: (answer) => {
      const failed = answer.filter((r) => !r.ok);
      if (failed.length === 0) {
        void message.success(t('cases.batchDone', { count: answer.length }));
        onClose(true);
      } else {
        setResults(answer);
      }
    },
    onSettled: () => void client.invalidateQueries({ queryKey: CASE_KEYS.all }),
  });

  const failed = (results ?? []).filter((r) => !r.ok);
  return (
    <Modal
      open
      title={t('cases.batchAssignTitle', { count: cases.length })}
      okText={results ? t('common.close') : t('cases.batchAssign')}
      cancelButtonProps={results ? { style: { display: 'none' } } : undefined}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => (results ? onClose(true) : form.submit())}
      onCancel={() => onClose(!!results)}
      okButtonProps={{ 'data-testid': 'batch-assign-submit' }}
      destroyOnHidden
    >
      {results ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('cases.batchPartial', { ok: results.length - failed.length, failed: failed.length })}
          description={
            <ul className="plain-list" data-testid="batch-assign-failures">
              {failed.map((r) => (
                <li key={r.id}>
                  {codes.get(r.id) ?? r.id}
                  {t('common.colon')}
                  {errorText(new ApiError(0, r.error ?? 'unknown', r.error ?? ''))}
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <Form form={form} layout="vertical" onFinish={(values) => mutation.mutate(values.departmentId)} data-testid="batch-assign-form">
          <Form.Item
            label={t('cases.department')}
            name="departmentId"
            rules={[{ required: true, message: t('common.required', { field: t('cases.department') }) }]}
          >
            <Select showSearch={{ optionFilterProp: 'label' }} options={options.departmentOptions} data-testid="batch-assign-department" />
          </Form.Item>
          {mutation.error && <Alert type="error" showIcon role="alert" title={errorText(mutation.error)} />}
        </Form>
      )}
    </Modal>
  );
}
