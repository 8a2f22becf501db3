/**
 * The source opinions of a proposal: links to them, a dialog to link more (draft or
 * submitted) and an unlink button on each while it is a draft (`allowedActions`).
 */
import { useState } from 'react';
import { App, Button, Card, List } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorText } from '../common/use-error-text';
import { ProposalLinkCasesModal } from './proposal-link-cases-modal';
import { applyProposalAction, PROPOSAL_KEYS, type ProposalView } from './proposals-api';

interface Props {
  proposalId: string;
  version: number;
  cases: ProposalView['cases'];
  allowedActions: string[];
}

export function ProposalCasesCard({ proposalId, version, cases, allowedActions }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [linking, setLinking] = useState(false);
  const unlink = useMutation({
    mutationFn: (caseId: string) => applyProposalAction(proposalId, 'unlink_cases', { expectedVersion: version, caseIds: [caseId] }),
    onSuccess: (view) => {
      queryClient.setQueryData(PROPOSAL_KEYS.detail(proposalId), view);
      void queryClient.invalidateQueries({ queryKey: PROPOSAL_KEYS.all });
      void message.success(t('proposalExtras.links.unlinked'));
    },
    onError: (error) => void message.error(errorText(error)),
  });
  if (cases.length === 0 && !allowedActions.includes('link_cases')) return null;

  return (
    <>
      <Card
        title={t('proposals.detail.cases')}
        style={{ marginTop: 16 }}
        extra={
          allowedActions.includes('link_cases') && (
            <Button size="small" onClick={() => setLinking(true)} data-testid="proposal-link-cases">
              {t('proposalExtras.links.add')}
            </Button>
          )
        }
      >
        <List
          size="small"
          dataSource={cases}
          data-testid="proposal-cases"
          renderItem={(c) => (
            <List.Item
              actions={
                allowedActions.includes('unlink_cases')
                  ? [
                      <Button
                        key="unlink"
                        type="link"
                        size="small"
                        danger
                        loading={unlink.isPending && unlink.variables === c.id}
                        onClick={() => unlink.mutate(c.id)}
                        aria-label={`${t('proposalExtras.links.unlink')} ${c.trackingCode ?? c.id}`}
                        data-testid={`proposal-unlink-${c.id}`}
                      >
                        {t('proposalExtras.links.unlink')}
                      </Button>,
                    ]
                  : []
              }
            >
              {c.trackingCode ? <Link to={`/cases/${c.id}`}>{`${c.trackingCode} ${c.title ?? ''}`}</Link> : c.id}
            </List.Item>
          )}
        />
      </Card>
      <ProposalLinkCasesModal proposalId={proposalId} version={version} linkedIds={cases.map((c) => c.id)} open={linking} onClose={() => setLinking(false)} />
    </>
  );
}
