/**
 * Linking more citizens' opinions to a proposal after drafting: search the opinions the
 * caller may see by tracking code or words (`GET /api/v1/cases?q=`), tick some, then
 * `POST …/actions/link_cases` with the version seen.
 */
import type { CaseList } from '@lianxin/contracts';
import { useState } from 'react';
import { App, Checkbox, Empty, Flex, Input, Modal, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api';
import { useErrorText } from '../common/use-error-text';
import { applyProposalAction, PROPOSAL_KEYS } from './proposals-api';

export function ProposalLinkCasesModal(props: { proposalId: string; version: number; linkedIds: string[]; open: boolean; onClose: () => void }) {
  const { proposalId, version, linkedIds, open, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const found = useQuery({
    queryKey: ['cases', 'link-search', q],
    queryFn: () => get<CaseList>('/api/v1/cases', { q, pageSize: 20 }),
    enabled: open && q.trim().length > 0,
  });
  const close = () => {
    setQ('');
    setChosen([]);
    onClose();
  };
  const link = useMutation({
    mutationFn: () => applyProposalAction(proposalId, 'link_cases', { expectedVersion: version, caseIds: chosen }),
    onSuccess: (view) => {
      queryClient.setQueryData(PROPOSAL_KEYS.detail(proposalId), view);
      void queryClient.invalidateQueries({ queryKey: PROPOSAL_KEYS.all });
      void message.success(t('proposalExtras.links.linked'));
      close();
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const results = (found.data?.items ?? []).filter((c) => !linkedIds.includes(c.id));

  return (
    <Modal
      open={open}
      title={t('proposalExtras.links.title')}
      okText={t('proposalExtras.links.ok')}
      okButtonProps={{ disabled: chosen.length === 0, loading: link.isPending, 'data-testid': 'link-cases-ok' }}
      onOk={() => link.mutate()}
      onCancel={close}
      destroyOnHidden
    >
      <Input.Search
        aria-label={t('proposalExtras.links.search')}
        placeholder={t('proposalExtras.links.search')}
        enterButton
        allowClear
        onSearch={(value) => setQ(value.trim())}
        data-testid="link-cases-search"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
        {t('proposalExtras.links.help')}
      </Typography.Paragraph>
      {found.isFetching ? (
        <Spin aria-label={t('common.loading')} />
      ) : q && results.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Checkbox.Group value={chosen} onChange={(v) => setChosen(v)} style={{ width: '100%' }}>
          <Flex vertical gap={6} data-testid="link-cases-results">
            {results.map((c) => (
              <Checkbox key={c.id} value={c.id}>
                {`${c.trackingCode} ${c.title}`}
                {c.statusLabel ? <Typography.Text type="secondary">{`（${c.statusLabel}）`}</Typography.Text> : null}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      )}
    </Modal>
  );
}
