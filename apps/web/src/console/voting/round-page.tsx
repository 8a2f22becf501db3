/**
 * `/console/voting/:id`: one round — candidates (proposed, accepted, chosen) with public
 * comments and progress, the office's phase buttons, a deputy's secret ballot (up to K)
 * and satisfaction ballot, the result, and the published ballots' recount.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, List, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';
import { usePermission } from '../session/permissions';
import {
  addCandidate,
  castBallot,
  castSatisfaction,
  exportUrl,
  fetchAudit,
  fetchRound,
  reportProgress,
  reviewCandidate,
  roundAction,
  VOTING_KEYS,
  type VoteCandidate,
} from '../proposals/proposals-api';

const NEXT_ACTION: Record<string, string> = {
  collecting: 'open_comments',
  commenting: 'open_voting',
  voting: 'close_voting',
  decided: 'open_satisfaction',
  satisfaction: 'close_satisfaction',
};

export function RoundPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const may = usePermission();
  const office = may('voting.manage');
  const [selected, setSelected] = useState<string[]>([]);
  const [ratings, setRatings] = useState<Record<string, string>>({});
  const [receipt, setReceipt] = useState<string | null>(null);
  const [candidateOpen, setCandidateOpen] = useState(false);
  const [progressFor, setProgressFor] = useState<VoteCandidate | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const [progressForm] = Form.useForm<Record<string, unknown>>();
  const query = useQuery({ queryKey: VOTING_KEYS.round(id), queryFn: () => fetchRound(id) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: VOTING_KEYS.all });
  const onError = (error: unknown) => void message.error(errorText(error));
  const phaseAction = useMutation({
    mutationFn: (action: string) => roundAction(id, action, { expectedVersion: query.data!.round.version }),
    onSuccess: refresh,
    onError,
  });
  const vote = useMutation({ mutationFn: () => castBallot(id, selected), onSuccess: (r) => (setReceipt(r.receipt), refresh()), onError });
  const satisfaction = useMutation({ mutationFn: () => castSatisfaction(id, ratings), onSuccess: (r) => (setReceipt(r.receipt), refresh()), onError });
  const add = useMutation({ mutationFn: (v: Record<string, unknown>) => addCandidate(id, v), onSuccess: () => (setCandidateOpen(false), refresh()), onError });
  const review = useMutation({
    mutationFn: (v: { id: string; decision: 'accepted' | 'rejected' }) => reviewCandidate(v.id, v.decision),
    onSuccess: refresh,
    onError,
  });
  const progress = useMutation({
    mutationFn: (v: Record<string, unknown>) => reportProgress(progressFor!.id, v),
    onSuccess: () => (setProgressFor(null), refresh()),
    onError,
  });
  const phase = query.data?.round.phase;
  const audit = useQuery({
    queryKey: ['voting', 'audit', id, phase],
    queryFn: () => fetchAudit(id, 'selection'),
    enabled: !!phase && ['decided', 'satisfaction', 'finished'].includes(phase),
  });

  if (!query.data) return null;
  const { round, candidates, me } = query.data;
  const onBallot = candidates.filter((c) => c.status === 'accepted');
  const chosen = onBallot.filter((c) => c.chosen);
  const votes = new Map((round.selectionResult?.results ?? []).map((r) => [r.candidateId, r]));
  const rates = new Map((round.satisfactionResult ?? []).map((r) => [r.projectId, r.satisfactionRate]));
  const next = NEXT_ACTION[round.phase];

  return (
    <>
      <PageHeader
        title={round.title}
        intro={`${t('proposals.voting.choose')}：${round.choose}`}
        extra={
          <Space>
            <Tag data-testid="round-phase">{round.phaseLabel}</Tag>
            <Button href={exportUrl(`/api/v1/voting/rounds/${id}/export.xlsx`)}>{t('proposals.voting.export')}</Button>
            {office && next && (
              <Button type="primary" loading={phaseAction.isPending} onClick={() => phaseAction.mutate(next)} data-testid={`round-${next}`}>
                {t(`proposals.voting.actions.${next}`)}
              </Button>
            )}
          </Space>
        }
      />
      {receipt && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('proposals.voting.receipt')}
          description={
            <Typography.Text copyable code>
              {receipt}
            </Typography.Text>
          }
        />
      )}
      {round.phase === 'voting' && may('voting.vote') && (
        <Card title={t('proposals.voting.ballot', { k: round.choose })} style={{ marginBottom: 16 }}>
          {!me.elector ? (
            <Alert type="info" message={t('proposals.voting.notElector')} />
          ) : me.votedSelection ? (
            <Alert type="success" message={t('proposals.voting.voted')} />
          ) : (
            <Flex vertical gap="small">
              <Checkbox.Group
                value={selected}
                onChange={(v) => setSelected(v.slice(0, round.choose))}
                aria-label={t('proposals.voting.ballot', { k: round.choose })}
              >
                <Flex vertical gap={4}>
                  {onBallot.map((c) => (
                    <Checkbox key={c.id} value={c.id} disabled={!selected.includes(c.id) && selected.length >= round.choose}>
                      {c.title}
                    </Checkbox>
                  ))}
                </Flex>
              </Checkbox.Group>
              <Button type="primary" disabled={selected.length === 0} loading={vote.isPending} onClick={() => vote.mutate()} data-testid="ballot-cast">
                {t('proposals.voting.cast')}
              </Button>
            </Flex>
          )}
        </Card>
      )}
      {round.phase === 'satisfaction' && may('voting.vote') && me.elector && (
        <Card title={t('proposals.voting.satisfaction')} style={{ marginBottom: 16 }}>
          {me.votedSatisfaction ? (
            <Alert type="success" message={t('proposals.voting.voted')} />
          ) : (
            <Flex vertical gap="small">
              {chosen.map((c) => (
                <div key={c.id}>
                  <Typography.Text strong>{c.title}</Typography.Text>
                  <div>
                    <Radio.Group
                      aria-label={c.title}
                      value={ratings[c.id]}
                      onChange={(e) => setRatings({ ...ratings, [c.id]: e.target.value as string })}
                      options={['satisfied', 'basically_satisfied', 'unsatisfied', 'abstain'].map((k) => ({
                        value: k,
                        label: t(`proposals.voting.choices.${k}`),
                      }))}
                    />
                  </div>
                </div>
              ))}
              <Button type="primary" disabled={chosen.some((c) => !ratings[c.id])} loading={satisfaction.isPending} onClick={() => satisfaction.mutate()}>
                {t('proposals.voting.cast')}
              </Button>
            </Flex>
          )}
        </Card>
      )}
      <Card
        title={t('proposals.voting.candidates')}
        extra={
          round.phase === 'collecting' && (
            <Button onClick={() => setCandidateOpen(true)} data-testid="candidate-new">
              {t('proposals.voting.addCandidate')}
            </Button>
          )
        }
      >
        <Table<VoteCandidate>
          rowKey="id"
          dataSource={candidates}
          pagination={false}
          expandable={{
            rowExpandable: (c) => c.comments.length + c.progressReports.length > 0,
            expandedRowRender: (c) => (
              <List
                size="small"
                header={t('proposals.voting.comments')}
                dataSource={[
                  ...c.comments.map((m) => `【${m.stance}】${m.content}`),
                  ...c.progressReports.map((p) => `${t('proposals.voting.progress')} ${p.progress}%：${p.content}`),
                ]}
                renderItem={(text) => <List.Item>{text}</List.Item>}
              />
            ),
          }}
          columns={[
            { title: t('proposals.voting.candidates'), dataIndex: 'title' },
            { title: t('proposals.voting.source'), dataIndex: 'source', render: (s: string) => t(`proposals.voting.sources.${s}`) },
            { title: t('proposals.voting.proposer'), dataIndex: 'proposer' },
            {
              title: t('proposals.list.status'),
              dataIndex: 'status',
              render: (s: string, c) => (
                <Tag color={c.chosen ? 'green' : undefined}>{c.chosen ? t('proposals.voting.chosen') : t(`proposals.voting.statuses.${s}`)}</Tag>
              ),
            },
            ...(round.selectionResult ? [{ title: t('proposals.voting.votes'), render: (_: unknown, c: VoteCandidate) => votes.get(c.id)?.votes ?? '' }] : []),
            ...(round.satisfactionResult
              ? [
                  {
                    title: t('proposals.voting.satisfactionRate'),
                    render: (_: unknown, c: VoteCandidate) => (rates.get(c.id) == null ? '' : `${Math.round(rates.get(c.id)! * 100)}%`),
                  },
                ]
              : []),
            ...(['decided', 'satisfaction', 'finished'].includes(round.phase)
              ? [{ title: t('proposals.voting.progress'), render: (_: unknown, c: VoteCandidate) => (c.chosen ? `${c.progress}%` : '') }]
              : []),
            {
              title: '',
              render: (_, c) => (
                <Space>
                  {office && round.phase === 'collecting' && c.status === 'proposed' && (
                    <>
                      <Button size="small" onClick={() => review.mutate({ id: c.id, decision: 'accepted' })}>
                        {t('proposals.voting.accept')}
                      </Button>
                      <Button size="small" danger onClick={() => review.mutate({ id: c.id, decision: 'rejected' })}>
                        {t('proposals.voting.reject')}
                      </Button>
                    </>
                  )}
                  {c.chosen && ['decided', 'satisfaction'].includes(round.phase) && may('voting.progress.report') && (
                    <Button size="small" onClick={() => setProgressFor(c)}>
                      {t('proposals.voting.reportProgress')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {audit.data && (
        <Card title={t('proposals.voting.audit')} style={{ marginTop: 16 }}>
          <Typography.Paragraph type={audit.data.reproducible ? 'success' : 'danger'} data-testid="round-audit">
            {audit.data.reproducible ? t('proposals.voting.reproducible', { n: audit.data.ballots.length }) : t('proposals.voting.notReproducible')}
          </Typography.Paragraph>
          <Typography.Text type="secondary" code>
            {audit.data.digest}
          </Typography.Text>
        </Card>
      )}
      <Modal
        open={candidateOpen}
        title={t('proposals.voting.addCandidate')}
        onCancel={() => setCandidateOpen(false)}
        onOk={() => void form.validateFields().then((v) => add.mutate(v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="title" label={t('proposals.voting.candidates')} rules={[{ required: true, min: 4 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('proposals.voting.description')} rules={[{ required: true, min: 4 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!progressFor}
        title={progressFor?.title}
        onCancel={() => setProgressFor(null)}
        onOk={() => void progressForm.validateFields().then((v) => progress.mutate(v))}
        destroyOnHidden
      >
        <Form form={progressForm} layout="vertical">
          <Form.Item name="progress" label={t('proposals.voting.progress')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} addonAfter="%" />
          </Form.Item>
          <Form.Item name="content" label={t('proposals.voting.description')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
