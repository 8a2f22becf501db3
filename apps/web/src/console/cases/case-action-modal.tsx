/**
 * The small form of one workflow action (bodies of API.md), sent with the case's
 * `expectedVersion`. A 400 marks the fields; 409 CASE_VERSION_CONFLICT says someone else
 * changed the case and offers a reload; 422 says the action is not possible now.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Radio, Select, TreeSelect, Typography } from 'antd';
import type { UploadFile } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { APPEAL_KINDS } from '@lianxin/core';
import { ApiError } from '../api';
import { applyFieldErrors } from '../common/form-errors';
import { useLabels } from '../common/labels';
import { useDetailText, useErrorText } from '../common/use-error-text';
import { applyCaseAction, CASE_KEYS, fetchCases } from './cases-api';
import { useCaseLabels } from './case-labels';
import { useCaseOptions } from './case-options';
import type { CaseActionName, CaseView } from './case-types';
import { EvidenceUpload, uploadedIds, uploading } from './evidence-upload';
import { REPLY_TEMPLATES } from './reply-templates';

interface Values {
  categoryId?: string;
  kind?: string;
  reason?: string;
  guidance?: string;
  content?: string;
  target?: 'department' | 'deputy';
  departmentId?: string;
  deputyId?: string;
  dueWorkdays?: number | null;
  days?: number | null;
  note?: string;
  intoCaseId?: string;
  files?: UploadFile[];
}

const trimmed = (value: string | undefined) => (value ?? '').trim();

/** The request body of an action (without `expectedVersion`). */
export function actionBody(action: CaseActionName, values: Values): Record<string, unknown> {
  const optional = (key: string, value: string | undefined) => (trimmed(value) ? { [key]: trimmed(value) } : {});
  switch (action) {
    case 'accept':
      return { ...optional('categoryId', values.categoryId), ...optional('kind', values.kind) };
    case 'reject':
      return { reason: trimmed(values.reason), ...optional('guidance', values.guidance) };
    case 'answer_on_site':
    case 'note':
      return { content: trimmed(values.content) };
    case 'assign':
      return {
        ...(values.target === 'deputy' ? { deputyId: values.deputyId } : { departmentId: values.departmentId }),
        ...(typeof values.dueWorkdays === 'number' ? { dueWorkdays: values.dueWorkdays } : {}),
      };
    case 'reply': {
      const ids = uploadedIds(values.files);
      return { content: trimmed(values.content), ...(ids.length > 0 ? { attachmentIds: ids } : {}) };
    }
    case 'request_extension':
      return { days: values.days, reason: trimmed(values.reason) };
    case 'return':
    case 'reopen':
      return { reason: trimmed(values.reason) };
    case 'approve_extension':
    case 'deny_extension':
    case 'close':
      return optional('reason', values.reason);
    case 'urge':
    case 'supervise':
      return { note: trimmed(values.note) };
    case 'merge':
      return { intoCaseId: values.intoCaseId };
    case 'sign':
    case 'convert':
      return {};
  }
}

interface Problem {
  text: string;
  extra: string[];
  conflict: boolean;
}

interface Props {
  action: CaseActionName;
  view: CaseView;
  /** Preselected master case of a merge. */
  intoCaseId?: string;
  onClose: () => void;
}

export function CaseActionModal({ action, view, intoCaseId, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useCaseLabels();
  const client = useQueryClient();
  const errorText = useErrorText();
  const detailText = useDetailText();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const record = view.case;

  const reload = async () => {
    await client.invalidateQueries({ queryKey: CASE_KEYS.all });
    onClose();
  };

  const onFinish = async (values: Values) => {
    if (action === 'reply' && uploading(values.files)) {
      setProblem({ text: t('caseActions.filesUploading'), extra: [], conflict: false });
      return;
    }
    setProblem(null);
    setSubmitting(true);
    try {
      const updated = await applyCaseAction(record.id, action, { expectedVersion: record.version, ...actionBody(action, values) });
      client.setQueryData(CASE_KEYS.detail(record.id), updated);
      void client.invalidateQueries({ queryKey: ['cases', 'list'] });
      void client.invalidateQueries({ queryKey: CASE_KEYS.worklists });
      void message.success(t('caseActions.done', { action: labels.action(action) }));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        const unmatched = applyFieldErrors(form, error.details, detailText);
        setProblem({ text: errorText(error), extra: unmatched.map((d) => (d.path ? `${d.path}: ${detailText(d)}` : detailText(d))), conflict: false });
      } else {
        const conflict = error instanceof ApiError && error.code === 'CASE_VERSION_CONFLICT';
        setProblem({ text: conflict ? t('caseActions.conflict') : errorText(error), extra: [], conflict });
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open
      title={t('caseActions.title', { action: labels.action(action), code: record.trackingCode })}
      onCancel={onClose}
      footer={null}
      width={620}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="case-action"
        layout="vertical"
        initialValues={{ target: 'department', intoCaseId, categoryId: record.categoryId ?? undefined, kind: record.kind ?? undefined }}
        onFinish={(values) => void onFinish(values)}
        noValidate
        data-testid="case-action-form"
        data-action={action}
      >
        <ActionFields action={action} view={view} />
        {problem && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={problem.text}
            description={problem.extra.length > 0 ? problem.extra.join('；') : undefined}
            action={
              problem.conflict ? (
                <Button size="small" onClick={() => void reload()} data-testid="case-action-form-reload">
                  {t('common.reload')}
                </Button>
              ) : undefined
            }
            style={{ marginBottom: 16 }}
            data-testid="case-action-form-error"
          />
        )}
        <Flex gap="small" justify="flex-end">
          <Button onClick={onClose} data-testid="case-action-form-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={submitting} danger={action === 'reject'} data-testid="case-action-form-submit">
            {labels.action(action)}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}

function ActionFields({ action, view }: { action: CaseActionName; view: CaseView }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const options = useCaseOptions();
  const form = Form.useFormInstance<Values>();
  const target = Form.useWatch('target', form);
  // Assigning: the department the case went to before, else its category's default, prefilled
  // once the reference data has loaded (never over a choice already made).
  const suggestedDepartment = action === 'assign' ? (view.case.departmentId ?? options.defaultDepartment(view.case.categoryId)) : null;
  useEffect(() => {
    if (suggestedDepartment && !form.getFieldValue('departmentId')) form.setFieldValue('departmentId', suggestedDepartment);
  }, [suggestedDepartment, form]);
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];
  const text = (name: 'reason' | 'guidance' | 'content' | 'note', label: string, isRequired: boolean, rows = 4, max = 1000) => (
    <Form.Item label={label} name={name} rules={isRequired ? [...required(label), { min: 2, message: t('caseActions.tooShort') }] : undefined}>
      <Input.TextArea rows={rows} maxLength={max} showCount data-testid={`case-action-form-${name}`} />
    </Form.Item>
  );

  switch (action) {
    case 'accept':
      return (
        <>
          <Typography.Paragraph type="secondary">{t('caseActions.confirm.accept')}</Typography.Paragraph>
          <Form.Item label={t('cases.category')} name="categoryId">
            <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={options.categoryTree} data-testid="case-action-form-category" />
          </Form.Item>
          <Form.Item label={t('cases.kind')} name="kind">
            <Select allowClear options={APPEAL_KINDS.map((k) => ({ value: k, label: labels.appealKind(k) }))} data-testid="case-action-form-kind" />
          </Form.Item>
        </>
      );
    case 'reject':
      return (
        <>
          {text('reason', t('caseActions.fields.rejectReason'), true)}
          {text('guidance', t('caseActions.fields.guidance'), false, 3)}
        </>
      );
    case 'answer_on_site':
      return text('content', t('caseActions.fields.answer'), true, 6, 4000);
    case 'note':
      return text('content', t('caseActions.fields.note'), true, 4, 4000);
    case 'assign':
      return (
        <>
          <Form.Item label={t('caseActions.fields.target')} name="target">
            <Radio.Group
              options={[
                { value: 'department', label: t('cases.department') },
                { value: 'deputy', label: t('cases.deputy') },
              ]}
              data-testid="case-action-form-target"
            />
          </Form.Item>
          {target === 'deputy' ? (
            <Form.Item label={t('cases.deputy')} name="deputyId" rules={[{ required: true, message: t('common.required', { field: t('cases.deputy') }) }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={options.deputyOptions} data-testid="case-action-form-deputy" />
            </Form.Item>
          ) : (
            <Form.Item
              label={t('cases.department')}
              name="departmentId"
              rules={[{ required: true, message: t('common.required', { field: t('cases.department') }) }]}
              extra={
                suggestedDepartment && !view.case.departmentId
                  ? t('caseActions.fields.defaultDepartment', { category: options.categoryNames.get(view.case.categoryId ?? '') ?? '' })
                  : undefined
              }
            >
              <Select showSearch={{ optionFilterProp: 'label' }} options={options.departmentOptions} data-testid="case-action-form-department" />
            </Form.Item>
          )}
          <Form.Item label={t('caseActions.fields.dueWorkdays')} name="dueWorkdays" extra={t('caseActions.fields.dueWorkdaysHelp')}>
            <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} data-testid="case-action-form-due-workdays" />
          </Form.Item>
        </>
      );
    case 'reply':
      return <ReplyFields view={view} />;
    case 'request_extension':
      return (
        <>
          <Form.Item
            label={t('caseActions.fields.days')}
            name="days"
            rules={[{ required: true, message: t('common.required', { field: t('caseActions.fields.days') }) }]}
          >
            <InputNumber min={1} max={60} precision={0} style={{ width: '100%' }} data-testid="case-action-form-days" />
          </Form.Item>
          {text('reason', t('caseActions.fields.reason'), true)}
        </>
      );
    case 'return':
      return text('reason', t('caseActions.fields.returnReason'), true);
    case 'reopen':
      return text('reason', t('caseActions.fields.reason'), true);
    case 'approve_extension':
    case 'deny_extension':
    case 'close':
      return text('reason', t('caseActions.fields.reasonOptional'), false, 3);
    case 'urge':
    case 'supervise':
      return text('note', t('caseActions.fields.note'), true, 3);
    case 'merge':
      return <MergeField view={view} />;
    case 'sign':
    case 'convert':
      return <Typography.Paragraph>{t(`caseActions.confirm.${action}`)}</Typography.Paragraph>;
  }
}

function ReplyFields({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  // 重办: the handler answers what the citizen found wrong with the last reply.
  const unsatisfied = view.case.rating === 'unsatisfied' && view.case.reopenCount > 0;
  return (
    <>
      {unsatisfied && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={view.case.ratingComment ? t('cases.unsatisfiedComment', { comment: view.case.ratingComment }) : t('cases.unsatisfiedNoComment')}
          data-testid="case-action-form-unsatisfied"
        />
      )}
      <Form.Item label={t('caseActions.fields.template')} htmlFor="case-action-template">
        <Select
          id="case-action-template"
          allowClear
          placeholder={t('caseActions.fields.templatePlaceholder')}
          options={REPLY_TEMPLATES.map((tpl) => ({ value: tpl.key, label: t(tpl.labelKey) }))}
          onChange={(key?: string) => {
            const template = REPLY_TEMPLATES.find((tpl) => tpl.key === key);
            if (template) form.setFieldValue('content', template.text);
          }}
          data-testid="case-action-form-template"
        />
      </Form.Item>
      <Form.Item
        label={t('caseActions.fields.reply')}
        name="content"
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('caseActions.fields.reply') }) },
          { min: 2, message: t('caseActions.tooShort') },
        ]}
      >
        <Input.TextArea rows={8} maxLength={4000} showCount data-testid="case-action-form-content" />
      </Form.Item>
      <Form.Item label={t('caseActions.fields.evidence')} name="files" extra={t('caseActions.fields.evidenceHelp')}>
        <EvidenceUpload testId="case-action-form-files" />
      </Form.Item>
    </>
  );
}

function MergeField({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const found = useQuery({
    queryKey: CASE_KEYS.list({ q: search, pageSize: 10 }),
    queryFn: () => fetchCases({ q: search, pageSize: 10 }),
    enabled: search.trim().length >= 2,
  });
  const similarIds = new Set(view.similar.map((s) => s.id));
  const options = [
    ...view.similar.map((s) => ({ value: s.id, label: `${s.trackingCode} ${s.title}（${t('cases.similarScore', { score: Math.round(s.score * 100) })}）` })),
    ...(found.data?.items ?? [])
      .filter((c) => c.id !== view.case.id && !similarIds.has(c.id))
      .map((c) => ({ value: c.id, label: `${c.trackingCode} ${c.title}` })),
  ];
  return (
    <Form.Item
      label={t('caseActions.fields.mergeInto')}
      name="intoCaseId"
      extra={t('caseActions.fields.mergeHelp')}
      rules={[{ required: true, message: t('common.required', { field: t('caseActions.fields.mergeInto') }) }]}
    >
      <Select
        showSearch={{ filterOption: false, onSearch: setSearch }}
        options={options}
        loading={found.isFetching}
        notFoundContent={t('caseActions.fields.mergeNone')}
        data-testid="case-action-form-merge-into"
      />
    </Form.Item>
  );
}
