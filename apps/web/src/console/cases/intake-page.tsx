/**
 * `/console/cases/new`: record a walk-in, phone, visit, deputy-visit or letter opinion.
 * The record keeps the reporter apart from the staff member who entered it, the channel,
 * when it was received and the reception it came from (`?receptionId=`).
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, Row, Select, TreeSelect } from 'antd';
import type { UploadFile } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { APPEAL_KINDS } from '@lianxin/core';
import type { CaseCreate, OfflineChannel } from '../../shared/contract-types';
import { ApiError } from '../api';
import { applyFieldErrors } from '../common/form-errors';
import { useLabels } from '../common/labels';
import { PageHeader } from '../common/page-header';
import { useDetailText, useErrorText } from '../common/use-error-text';
import { useCurrentUser } from '../session/current-user';
import { CASE_KEYS, createCase } from './cases-api';
import { useCaseLabels } from './case-labels';
import { useCaseOptions } from './case-options';
import { OFFLINE_CHANNELS } from './case-types';
import { EvidenceUpload, uploadedIds, uploading } from './evidence-upload';
import { beijingToIso, DateTimeField } from '../common/date-fields';

interface IntakeValues {
  channel: OfflineChannel;
  receivedAt?: string;
  title?: string;
  content: string;
  kind?: string;
  categoryId?: string;
  unitId?: string;
  deputyId?: string;
  address?: string;
  reporter?: { name?: string; phone?: string; email?: string };
  anonymous?: boolean;
  consentPublic?: boolean;
  files?: UploadFile[];
}

const text = (value: string | undefined) => value?.trim() || undefined;

/** The request body of the form. */
export function intakeBody(values: IntakeValues, receptionId: string | null): CaseCreate {
  const reporter = {
    name: values.anonymous ? undefined : text(values.reporter?.name),
    phone: text(values.reporter?.phone),
    email: text(values.reporter?.email),
  };
  const hasReporter = Object.values(reporter).some(Boolean);
  const attachmentIds = uploadedIds(values.files);
  // Entered as Beijing wall-clock time whatever the computer's own time zone.
  const receivedAt = values.receivedAt ? beijingToIso(values.receivedAt) : null;
  return {
    channel: values.channel,
    content: values.content.trim(),
    ...(text(values.title) ? { title: text(values.title) } : {}),
    ...(values.kind ? { kind: values.kind as CaseCreate['kind'] } : {}),
    ...(values.categoryId ? { categoryId: values.categoryId } : {}),
    ...(values.unitId ? { unitId: values.unitId } : {}),
    ...(values.deputyId ? { deputyId: values.deputyId } : {}),
    ...(text(values.address) ? { address: text(values.address) } : {}),
    ...(hasReporter ? { reporter: JSON.parse(JSON.stringify(reporter)) as CaseCreate['reporter'] } : {}),
    anonymous: !!values.anonymous,
    consentPublic: !!values.consentPublic,
    ...(receivedAt ? { receivedAt } : {}),
    ...(receptionId ? { receptionId } : {}),
    ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
  };
}

export function IntakePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useCaseLabels();
  const enums = useLabels();
  const user = useCurrentUser();
  const options = useCaseOptions();
  const navigate = useNavigate();
  const client = useQueryClient();
  const errorText = useErrorText();
  const detailText = useDetailText();
  const [params] = useSearchParams();
  const receptionId = params.get('receptionId');
  const [form] = Form.useForm<IntakeValues>();
  const anonymous = Form.useWatch('anonymous', form);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<{ text: string; extra: string[] } | null>(null);

  const onFinish = async (values: IntakeValues) => {
    if (uploading(values.files)) {
      setProblem({ text: t('caseActions.filesUploading'), extra: [] });
      return;
    }
    setProblem(null);
    setSubmitting(true);
    try {
      const view = await createCase(intakeBody(values, receptionId));
      client.setQueryData(CASE_KEYS.detail(view.case.id), view);
      void client.invalidateQueries({ queryKey: ['cases', 'list'] });
      void client.invalidateQueries({ queryKey: CASE_KEYS.worklists });
      void message.success(t('intake.created', { code: view.case.trackingCode }));
      void navigate(`/cases/${view.case.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        const unmatched = applyFieldErrors(form, error.details, detailText);
        setProblem({ text: errorText(error), extra: unmatched.map((d) => (d.path ? `${d.path}: ${detailText(d)}` : detailText(d))) });
      } else {
        setProblem({ text: errorText(error), extra: [] });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field }) }];

  return (
    <>
      <PageHeader title={t('intake.title')} intro={t('intake.intro')} />
      {receptionId && <Alert type="info" showIcon title={t('intake.fromReception')} style={{ marginBottom: 16 }} />}
      <Form<IntakeValues>
        form={form}
        name="intake"
        layout="vertical"
        initialValues={{ channel: 'walk_in', unitId: user.scope.unitId ?? undefined, anonymous: false, consentPublic: false }}
        onFinish={(values) => void onFinish(values)}
        noValidate
        scrollToFirstError
        data-testid="intake-form"
      >
        <Row gutter={16}>
          <Col xs={24} lg={14}>
            <Card title={<h2 className="card-heading">{t('intake.opinion')}</h2>} size="small" className="case-card">
              <Form.Item label={t('intake.channel')} name="channel" rules={[{ required: true, message: t('common.required', { field: t('intake.channel') }) }]}>
                <Select options={OFFLINE_CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))} data-testid="intake-channel" />
              </Form.Item>
              <Form.Item label={t('intake.receivedAt')} name="receivedAt" extra={t('intake.receivedAtHelp')}>
                <DateTimeField data-testid="intake-received-at" />
              </Form.Item>
              <Form.Item label={t('cases.caseTitle')} name="title">
                <Input maxLength={100} data-testid="intake-title" />
              </Form.Item>
              <Form.Item
                label={t('cases.content')}
                name="content"
                rules={[...required(t('cases.content')), { min: 5, max: 4000, message: t('intake.contentLength') }]}
              >
                <Input.TextArea rows={8} maxLength={4000} showCount data-testid="intake-content" />
              </Form.Item>
              <Form.Item label={t('cases.kind')} name="kind">
                <Select allowClear options={APPEAL_KINDS.map((k) => ({ value: k, label: enums.appealKind(k) }))} data-testid="intake-kind" />
              </Form.Item>
              <Form.Item label={t('cases.category')} name="categoryId">
                <TreeSelect allowClear showSearch treeNodeFilterProp="title" treeData={options.categoryTree} data-testid="intake-category" />
              </Form.Item>
              <Form.Item label={t('cases.unit')} name="unitId">
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options.unitOptions} data-testid="intake-unit" />
              </Form.Item>
              <Form.Item label={t('intake.deputy')} name="deputyId" extra={t('intake.deputyHelp')}>
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options.deputyOptions} data-testid="intake-deputy" />
              </Form.Item>
              <Form.Item label={t('cases.address')} name="address">
                <Input maxLength={200} data-testid="intake-address" />
              </Form.Item>
              <Form.Item label={t('intake.files')} name="files" extra={t('intake.filesHelp')}>
                <EvidenceUpload testId="intake-files" />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card title={<h2 className="card-heading">{t('cases.reporter')}</h2>} size="small" className="case-card">
              <Form.Item name="anonymous" valuePropName="checked">
                <Checkbox data-testid="intake-anonymous">{t('cases.anonymous')}</Checkbox>
              </Form.Item>
              {!anonymous && (
                <Form.Item label={t('cases.reporterName')} name={['reporter', 'name']}>
                  <Input maxLength={50} autoComplete="off" data-testid="intake-reporter-name" />
                </Form.Item>
              )}
              <Form.Item
                label={t('cases.reporterPhone')}
                name={['reporter', 'phone']}
                rules={[{ pattern: /^\+?[0-9][0-9 -]{4,19}$/, message: t('intake.phoneInvalid') }]}
                extra={t('intake.phoneHelp')}
              >
                <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="intake-reporter-phone" />
              </Form.Item>
              <Form.Item label={t('cases.reporterEmail')} name={['reporter', 'email']} rules={[{ type: 'email', message: t('intake.emailInvalid') }]}>
                <Input maxLength={200} autoComplete="off" data-testid="intake-reporter-email" />
              </Form.Item>
              <Form.Item name="consentPublic" valuePropName="checked">
                <Checkbox data-testid="intake-consent">{t('intake.consent')}</Checkbox>
              </Form.Item>
            </Card>
          </Col>
        </Row>
        {problem && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={problem.text}
            description={problem.extra.length > 0 ? problem.extra.join('；') : undefined}
            style={{ marginBottom: 16 }}
            data-testid="intake-error"
          />
        )}
        <Flex gap="small">
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="intake-submit">
            {t('intake.submit')}
          </Button>
          <Button onClick={() => void navigate('/cases')}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </>
  );
}
