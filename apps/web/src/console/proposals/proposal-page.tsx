/**
 * `/console/proposals/:id`: one suggestion or motion — text, co-signers, handling units,
 * deadlines, answer, rating and follow-up, source opinions, the buttons of the actions the
 * caller may take (`allowedActions`) and the hash-chained history. Source opinions can be
 * linked after drafting (search dialog) and unlinked while it is a draft.
 */
import type { ChainVerification } from '@lianxin/contracts';
import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Spin, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../shared/format';
import { get } from '../api';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';
import { useLanguage } from '../language-provider';
import { ProposalActionModal } from './proposal-action-modal';
import { ProposalCasesCard } from './proposal-cases-card';
import { clockColor } from './proposals-page';
import { fetchProposal, PROPOSAL_KEYS } from './proposals-api';

const PRIMARY = new Set(['submit', 'cosign', 'register', 'assign', 'answer', 'rate', 'follow_up']);
const DANGER = new Set(['withdraw', 'reject', 'decline', 'return']);

export function ProposalPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { language } = useLanguage();
  const errorText = useErrorText();
  const [action, setAction] = useState<string | null>(null);
  const query = useQuery({ queryKey: PROPOSAL_KEYS.detail(id), queryFn: () => fetchProposal(id) });
  const verify = useMutation({ mutationFn: () => get<ChainVerification>(`/api/v1/suggestions/${id}/verify`) });

  if (query.isPending) return <Spin aria-label={t('common.loading')} />;
  if (query.isError) return <Alert type="error" message={errorText(query.error)} />;
  const { proposal: p, events, cases, allowedActions, missingCosigners } = query.data;

  return (
    <>
      <PageHeader
        title={p.title}
        intro={[p.number, p.typeLabel].filter(Boolean).join(' · ')}
        extra={<Tag data-testid="proposal-status">{p.statusLabel}</Tag>}
      />
      <Flex wrap gap="small" style={{ marginBottom: 16 }} role="group" aria-label={t('common.actions', { defaultValue: '操作' })}>
        {allowedActions
          .filter((a) => a !== 'link_cases' && a !== 'unlink_cases')
          .map((a) => (
            <Button
              key={a}
              type={PRIMARY.has(a) ? 'primary' : 'default'}
              danger={DANGER.has(a)}
              onClick={() => setAction(a)}
              data-testid={`proposal-action-${a}`}
            >
              {t(`proposals.actions.${a}`)}
            </Button>
          ))}
      </Flex>
      {p.status === 'draft' && missingCosigners > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('proposals.detail.missing', { n: missingCosigners })} />
      )}
      {p.withdrawal.status === 'pending' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`${t('proposals.detail.pendingWithdraw')}：${p.withdrawal.reason ?? ''}`} />
      )}
      {p.extension.status === 'pending' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`${t('proposals.detail.pendingExtension')}：${p.extension.reason ?? ''}`} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('proposals.list.lead')}>{p.leadDeputy.name}</Descriptions.Item>
              <Descriptions.Item label={t('proposals.detail.cosigners')}>
                <Flex wrap gap={4} data-testid="proposal-cosigners">
                  {p.cosigners.map((c) => (
                    <Tag key={c.deputyId} color={c.status === 'signed' ? 'green' : c.status === 'declined' ? 'default' : 'blue'}>
                      {c.name} · {c.status === 'signed' ? '✓' : c.status === 'declined' ? '✗' : '…'}
                    </Tag>
                  ))}
                </Flex>
              </Descriptions.Item>
              {p.leadUnit && (
                <Descriptions.Item label={t('proposals.detail.units')}>
                  <Flex wrap gap={4}>
                    <Tag color="geekblue">
                      {t('proposals.detail.lead')}：{p.leadUnit.name}
                    </Tag>
                    {p.coUnits.map((u) => (
                      <Tag key={u.id}>
                        {t('proposals.detail.co')}：{u.name}
                        {u.answered ? `（${t('proposals.detail.coAnswered')}）` : ''}
                      </Tag>
                    ))}
                  </Flex>
                </Descriptions.Item>
              )}
              {p.withdrawDueAt && <Descriptions.Item label={t('proposals.detail.withdrawDue')}>{formatDateTime(p.withdrawDueAt, language)}</Descriptions.Item>}
              {p.answerDueAt && (
                <Descriptions.Item label={t('proposals.detail.answerDue')}>
                  <Tag color={clockColor(p.clock)}>{formatDate(p.answerDueAt, language)}</Tag>
                  {p.clock && t(`proposals.clock.${p.clock}`)}
                </Descriptions.Item>
              )}
              {p.keyLeader && (
                <Descriptions.Item label={t('proposals.detail.keyLeader')}>
                  {p.keyLeader} · <Link to={`/supervision/${p.id}`}>{t('proposals.detail.supervision')}</Link>
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 16 }}>{p.body}</Typography.Paragraph>
          </Card>
          {p.answerContent && (
            <Card title={`${t('proposals.detail.answer')} · ${p.answerClassLabel ?? ''}`} style={{ marginTop: 16 }} data-testid="proposal-answer">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.answerContent}</Typography.Paragraph>
              {p.rating && (
                <Typography.Paragraph>
                  {t('proposals.list.rating')}：<Tag>{t(`proposals.ratings.${p.rating}`)}</Tag> {p.ratingComment}
                </Typography.Paragraph>
              )}
            </Card>
          )}
          {p.followUpContent && (
            <Card title={t('proposals.detail.followUp')} style={{ marginTop: 16 }}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{p.followUpContent}</Typography.Paragraph>
            </Card>
          )}
          <ProposalCasesCard proposalId={p.id} version={p.version} cases={cases} allowedActions={allowedActions} />
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('proposals.detail.timeline')}>
            <Timeline
              items={events.map((e) => ({
                children: (
                  <div>
                    <strong>{t(`proposals.actions.${e.type}`, { defaultValue: e.type })}</strong> · {e.actorName ?? ''}
                    <div>
                      <Typography.Text type="secondary">{formatDateTime(e.at, language)}</Typography.Text>
                    </div>
                    {e.reason && <div>{e.reason}</div>}
                  </div>
                ),
              }))}
            />
            <Button size="small" onClick={() => verify.mutate()} loading={verify.isPending}>
              {t('proposals.detail.verify')}
            </Button>
            {verify.data && (
              <Typography.Paragraph type={verify.data.ok ? 'success' : 'danger'} style={{ marginTop: 8 }}>
                {verify.data.ok
                  ? t('proposals.detail.verified', { n: verify.data.count })
                  : t('proposals.detail.broken', { n: (verify.data.brokenAt ?? 0) + 1 })}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
      </Row>
      <ProposalActionModal proposalId={p.id} version={p.version} action={action} onClose={() => setAction(null)} />
    </>
  );
}
