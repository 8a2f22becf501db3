/**
 * `/console/cases/:id`: one case — its facts and deadlines, content and reply, files,
 * possible duplicates, the buttons of the actions the caller may take (`allowedActions`),
 * the reporter's contact behind an audited reveal, and the full timeline.
 */
import { useState } from 'react';
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Row, Space, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../shared/format';
import { useLabels } from '../common/labels';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';
import { useLanguage } from '../language-provider';
import { CaseActionModal } from './case-action-modal';
import { CASE_KEYS, fetchCase, revealCaseContact } from './cases-api';
import { CaseStatusTag, ClockTag, ToneTag, useCaseLabels } from './case-labels';
import { useCaseOptions } from './case-options';
import { CaseTimeline } from './case-timeline';
import { STAFF_ACTIONS } from './case-types';
import type { CaseActionName, CaseView, Revealed } from './case-types';

/** Actions in the order their buttons appear; the caller sees only the allowed ones. */
const ACTION_ORDER: readonly CaseActionName[] = STAFF_ACTIONS;
const PRIMARY: ReadonlySet<string> = new Set(['accept', 'assign', 'sign', 'reply', 'answer_on_site']);
const DANGER: ReadonlySet<string> = new Set(['reject', 'return']);

export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const query = useQuery({ queryKey: CASE_KEYS.detail(id), queryFn: () => fetchCase(id) });

  if (query.isPending) {
    return (
      <div className="console-center" aria-busy="true">
        <Spin size="large" aria-label={t('common.loading')} />
      </div>
    );
  }
  if (query.error) {
    return (
      <>
        <PageHeader title={t('cases.caseTitlePlain')} />
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorText(query.error)}
          action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
          data-testid="case-load-error"
        />
        <p>
          <Link to="/cases">{t('cases.backToList')}</Link>
        </p>
      </>
    );
  }
  // Keyed by case: a reveal belongs to the case it was made on.
  return <CaseDetails key={query.data.case.id} view={query.data} />;
}

function CaseDetails({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const labels = useCaseLabels();
  const enums = useLabels();
  const options = useCaseOptions();
  const [open, setOpen] = useState<{ action: CaseActionName; intoCaseId?: string } | null>(null);
  // One audited reveal shows the contact and the numbers masked in the title and text.
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const record = view.case;
  const title = revealed?.text.title ?? record.title;
  const allowed = ACTION_ORDER.filter((a) => view.allowedActions.includes(a));
  const enteredBy = view.events.find((e) => e.type === 'submitted' && e.actorKind === 'user')?.actorName;
  const name = (map: Map<string, string>, value: string | null | undefined) => (value ? (map.get(value) ?? value) : t('common.none'));
  const due = (at: string | null | undefined, clock: CaseView['case']['clock'] | undefined, testId: string) =>
    at ? (
      <Space size={4} wrap>
        <span>{formatDateTime(at, language)}</span>
        {clock && <ClockTag clock={clock} testId={testId} />}
      </Space>
    ) : (
      t('common.none')
    );

  return (
    <>
      <PageHeader
        title={`${record.trackingCode} · ${title}`}
        extra={
          <Space wrap>
            <Link to="/cases">{t('cases.backToList')}</Link>
            <Link to={`/cases/${record.id}/print`} target="_blank" rel="noopener" data-testid="case-print">
              <PrinterOutlined aria-hidden /> {t('cases.print')}
            </Link>
          </Space>
        }
      />
      {record.spamFlags.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('cases.spamWarning')}
          description={record.spamFlags.map(labels.spamFlag).join('、')}
          style={{ marginBottom: 16 }}
          data-testid="case-spam"
        />
      )}
      {record.mergedInto && (
        <Alert
          type="info"
          showIcon
          title={
            <>
              {t('cases.mergedInto')} <Link to={`/cases/${record.mergedInto}`}>{t('cases.openMaster')}</Link>
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}

      <section aria-labelledby="case-actions-title" className="case-actions">
        <Typography.Title level={2} id="case-actions-title" className="section-title">
          {t('cases.actionsTitle')}
        </Typography.Title>
        {allowed.length === 0 ? (
          <Typography.Text type="secondary" data-testid="case-no-actions">
            {t('cases.noActions')}
          </Typography.Text>
        ) : (
          <Flex wrap gap="small" data-testid="case-actions">
            {allowed.map((action) => (
              <Button
                key={action}
                type={PRIMARY.has(action) ? 'primary' : 'default'}
                danger={DANGER.has(action)}
                onClick={() => setOpen({ action })}
                data-testid={`case-action-${action}`}
              >
                {labels.action(action)}
              </Button>
            ))}
          </Flex>
        )}
      </section>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={<h2 className="card-heading">{t('cases.detailsTitle')}</h2>} size="small" className="case-card">
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered data-testid="case-facts">
              <Descriptions.Item label={t('common.status')}>
                <Space size={4} wrap>
                  <CaseStatusTag status={record.status} />
                  {record.supervised && <ToneTag tone="red">{t('cases.supervised')}</ToneTag>}
                  {record.reopenCount > 0 && <ToneTag tone="magenta">{t('cases.reopened', { count: record.reopenCount })}</ToneTag>}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('cases.kind')}>{record.kind ? enums.appealKind(record.kind) : t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('cases.channel')}>{labels.channel(record.channel)}</Descriptions.Item>
              <Descriptions.Item label={t('cases.category')}>{name(options.categoryNames, record.categoryId)}</Descriptions.Item>
              <Descriptions.Item label={t('cases.unit')}>{name(options.unitNames, record.unitId)}</Descriptions.Item>
              <Descriptions.Item label={t('cases.handler')}>
                {record.departmentId ? name(options.departmentNames, record.departmentId) : name(options.deputyNames, record.deputyId)}
              </Descriptions.Item>
              {record.targetDeputyId && (
                <Descriptions.Item label={t('cases.targetDeputy')}>{name(options.deputyNames, record.targetDeputyId)}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('cases.createdAt')}>{formatDateTime(record.createdAt, language)}</Descriptions.Item>
              {enteredBy && <Descriptions.Item label={t('cases.enteredBy')}>{enteredBy}</Descriptions.Item>}
              <Descriptions.Item label={t('cases.acceptDueAt')}>{due(record.acceptDueAt, record.clocks?.accept, 'case-clock-accept')}</Descriptions.Item>
              <Descriptions.Item label={t('cases.signDueAt')}>{due(record.signDueAt, record.clocks?.sign, 'case-clock-sign')}</Descriptions.Item>
              <Descriptions.Item label={t('cases.replyDueAt')}>{due(record.replyDueAt, record.clocks?.reply, 'case-clock-reply')}</Descriptions.Item>
              <Descriptions.Item label={t('cases.address')}>{record.address ?? t('common.none')}</Descriptions.Item>
              <Descriptions.Item label={t('cases.consent')}>
                {record.consentPublic ? t('cases.consentYes') : t('cases.consentNo')}
                {record.anonymous && <Tag style={{ marginInlineStart: 8 }}>{t('cases.anonymous')}</Tag>}
              </Descriptions.Item>
              {record.rating && (
                <Descriptions.Item label={t('cases.rating')}>
                  {labels.rating(record.rating)}
                  {record.ratingComment && <div className="pre">{record.ratingComment}</div>}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>

          <Card title={<h2 className="card-heading">{t('cases.content')}</h2>} size="small" className="case-card">
            <p className="pre" data-testid="case-content">
              {revealed?.text.content ?? record.content}
            </p>
            {view.attachments.length > 0 && (
              <>
                <Typography.Title level={3} className="subsection-title">
                  {t('cases.files')}
                </Typography.Title>
                <ul className="plain-list" data-testid="case-files">
                  {view.attachments.map((file, index) => (
                    <li key={file.id}>
                      <a href={file.url} target="_blank" rel="noopener noreferrer">
                        {file.mime === 'application/pdf' ? t('cases.filePdf', { n: index + 1 }) : t('cases.fileImage', { n: index + 1 })}
                      </a>{' '}
                      <Typography.Text type="secondary">({Math.max(1, Math.round(file.size / 1024))} KB)</Typography.Text>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {!!view.serviceAttributes?.length && (
              <>
                <Typography.Title level={3} className="subsection-title">
                  {t('serviceAttributes.answers')}
                </Typography.Title>
                <Descriptions column={1} size="small" bordered data-testid="case-service-attributes">
                  {view.serviceAttributes.map((a) => (
                    <Descriptions.Item key={a.code} label={a.label}>
                      {a.value}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </>
            )}
          </Card>

          {record.replyContent && (
            <Card title={<h2 className="card-heading">{t('cases.reply')}</h2>} size="small" className="case-card">
              <p className="pre" data-testid="case-reply">
                {record.replyContent}
              </p>
            </Card>
          )}
        </Col>

        <Col xs={24} xl={9}>
          <Card title={<h2 className="card-heading">{t('cases.reporter')}</h2>} size="small" className="case-card">
            <ReporterContact view={view} revealed={revealed} onRevealed={setRevealed} />
          </Card>

          <Card title={<h2 className="card-heading">{t('cases.similarTitle')}</h2>} size="small" className="case-card">
            {view.similar.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.similarNone')} />
            ) : (
              <ul className="item-list" data-testid="case-similar">
                {view.similar.map((item) => (
                  <li key={item.id}>
                    <Flex vertical>
                      <Link to={`/cases/${item.id}`}>
                        {item.trackingCode} {item.title}
                      </Link>
                      <Typography.Text type="secondary">
                        {labels.status(item.status)} · {t('cases.similarScore', { score: Math.round(item.score * 100) })}
                      </Typography.Text>
                    </Flex>
                    {view.allowedActions.includes('merge') && (
                      <Button size="small" onClick={() => setOpen({ action: 'merge', intoCaseId: item.id })} data-testid={`case-merge-into-${item.id}`}>
                        {t('cases.mergeHere')}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card title={<h2 className="card-heading">{t('cases.timeline')}</h2>} size="small" className="case-card">
            <CaseTimeline events={view.events} />
          </Card>
        </Col>
      </Row>

      {open && <CaseActionModal action={open.action} view={view} intoCaseId={open.intoCaseId} onClose={() => setOpen(null)} />}
    </>
  );
}

/** The reporter's contact, and the numbers in the title and text, masked until "查看联系方式" (audited on the server). */
function ReporterContact({ view, revealed, onRevealed }: { view: CaseView; revealed: Revealed | null; onRevealed: (value: Revealed) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { id: caseId, reporter, anonymous } = view.case;
  const reveal = useMutation({
    mutationFn: () => revealCaseContact(caseId),
    onSuccess: onRevealed,
    onError: (error) => void message.error(errorText(error)),
  });
  const shown = revealed?.reporter ?? reporter;
  const hasAny = !!(reporter.name || reporter.phone || reporter.email || view.case.textMasked);
  return (
    <div data-testid="case-reporter">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('cases.reporterName')}>
          {anonymous && !shown.name ? t('cases.anonymous') : (shown.name ?? t('common.none'))}
        </Descriptions.Item>
        <Descriptions.Item label={t('cases.reporterPhone')}>{shown.phone ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('cases.reporterEmail')}>{shown.email ?? t('common.none')}</Descriptions.Item>
      </Descriptions>
      {revealed ? (
        <Typography.Text type="secondary" data-testid="case-contact-revealed">
          {t('cases.contactRevealed')}
        </Typography.Text>
      ) : (
        hasAny && (
          <Flex vertical gap={4} align="flex-start">
            <Button size="small" loading={reveal.isPending} onClick={() => reveal.mutate()} data-testid="case-reveal-contact">
              {t('cases.revealContact')}
            </Button>
            <Typography.Text type="secondary">{t('cases.revealNote')}</Typography.Text>
          </Flex>
        )
      )}
    </div>
  );
}
