/** `/console/voting`: yearly rounds of livelihood projects voted by deputies; the office starts one. */
import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';
import { usePermission } from '../session/permissions';
import { createRound, fetchRounds, VOTING_KEYS, type VoteRound } from '../proposals/proposals-api';

export function VotingPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const may = usePermission();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Record<string, unknown>>();
  const rounds = useQuery({ queryKey: VOTING_KEYS.all, queryFn: fetchRounds });
  const create = useMutation({
    mutationFn: (values: Record<string, unknown>) => createRound(values),
    onSuccess: (round) => {
      void queryClient.invalidateQueries({ queryKey: VOTING_KEYS.all });
      setOpen(false);
      void navigate(`/voting/${round.id}`);
    },
    onError: (error) => void message.error(errorText(error)),
  });

  return (
    <>
      <PageHeader
        title={t('proposals.voting.title')}
        intro={t('proposals.voting.intro')}
        extra={
          may('voting.manage') && (
            <Button type="primary" onClick={() => setOpen(true)} data-testid="round-new">
              {t('proposals.voting.newRound')}
            </Button>
          )
        }
      />
      <Table<VoteRound>
        rowKey="id"
        loading={rounds.isPending}
        dataSource={rounds.data ?? []}
        locale={{ emptyText: t('proposals.voting.empty') }}
        pagination={false}
        columns={[
          { title: t('proposals.voting.year'), dataIndex: 'year', width: 80 },
          { title: t('proposals.voting.roundTitle'), dataIndex: 'title', render: (title: string, r) => <Link to={`/voting/${r.id}`}>{title}</Link> },
          { title: t('proposals.voting.choose'), dataIndex: 'choose', width: 110 },
          { title: t('proposals.voting.phase'), dataIndex: 'phaseLabel', render: (label: string) => <Tag>{label}</Tag> },
        ]}
      />
      <Modal
        open={open}
        title={t('proposals.voting.newRound')}
        onCancel={() => setOpen(false)}
        onOk={() => void form.validateFields().then((v) => create.mutate(v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear(), choose: 10, majorityRequired: true }}>
          <Form.Item name="year" label={t('proposals.voting.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="title" label={t('proposals.voting.roundTitle')} rules={[{ required: true, min: 4 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="choose" label={t('proposals.voting.choose')} rules={[{ required: true }]}>
            <InputNumber min={1} max={50} />
          </Form.Item>
          <Form.Item name="majorityRequired" valuePropName="checked">
            <Checkbox>{t('proposals.voting.majority')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
