/**
 * The cases (opinions) that came out of an activity, as a form control: the linked ones
 * with a remove button each, and a search by title or tracking code to link more.
 */
import { useState, type ReactNode } from 'react';
import { Button, Empty, Flex, Input, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseSummary } from '../cases/case-types';
import { useErrorText } from '../common/use-error-text';
import { editApi } from '../duty/edit-api';

type Brief = Pick<CaseSummary, 'id' | 'trackingCode' | 'title'>;
const briefKey = (id: string) => ['cases', 'brief', id];

interface Props {
  value?: string[];
  onChange?: (ids: string[]) => void;
  id?: string;
}

export function ActivityCasesField({ value = [], onChange, id }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['cases', 'activity-search', q], queryFn: () => editApi.searchCases(q), enabled: q.length > 0 });
  const link = (c: Brief) => {
    // Remember the title, so the linked row need not ask the server again.
    client.setQueryData(briefKey(c.id), { id: c.id, trackingCode: c.trackingCode, title: c.title });
    onChange?.([...value, c.id]);
  };
  return (
    <Flex vertical gap="small">
      {value.length === 0 ? (
        <Typography.Text type="secondary">{t('duty.edit.activity.noCases')}</Typography.Text>
      ) : (
        <ul data-testid="activity-linked-cases" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {value.map((caseId) => (
            <LinkedCase key={caseId} caseId={caseId} onRemove={() => onChange?.(value.filter((x) => x !== caseId))} />
          ))}
        </ul>
      )}
      <Flex gap="small">
        <Input
          id={id}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={(e) => {
            // Enter searches; it must not submit the whole activity form.
            e.preventDefault();
            setQ(text.trim());
          }}
          placeholder={t('duty.edit.activity.search')}
          aria-label={t('duty.edit.activity.search')}
          data-testid="activity-case-search"
        />
        <Button onClick={() => setQ(text.trim())} loading={found.isFetching} data-testid="activity-case-search-go">
          {t('duty.edit.activity.searchButton')}
        </Button>
      </Flex>
      {found.error && <Typography.Text type="danger">{errorText(found.error)}</Typography.Text>}
      {found.data &&
        (found.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.edit.activity.noResults')} />
        ) : (
          <ul data-testid="activity-case-results" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {found.data.items.map((c) => (
              <CaseRow key={c.id} text={`${c.trackingCode} ${c.title}`}>
                {value.includes(c.id) ? (
                  <Typography.Text type="secondary">{t('duty.edit.activity.linked')}</Typography.Text>
                ) : (
                  <Button
                    size="small"
                    onClick={() => link(c)}
                    aria-label={t('duty.edit.activity.linkLabel', { code: c.trackingCode })}
                    data-testid={`case-link-${c.trackingCode}`}
                  >
                    {t('duty.edit.activity.link')}
                  </Button>
                )}
              </CaseRow>
            ))}
          </ul>
        ))}
    </Flex>
  );
}

/** One case in a list: its code and title, and an action. */
function CaseRow({ text, children }: { text: string; children: ReactNode }) {
  return (
    <li style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, padding: '4px 0' }}>
      <span>{text}</span>
      {children}
    </li>
  );
}

function LinkedCase({ caseId, onRemove }: { caseId: string; onRemove: () => void }) {
  const { t } = useTranslation();
  const brief = useQuery({ queryKey: briefKey(caseId), queryFn: () => editApi.caseSummary(caseId), staleTime: Infinity });
  const code = brief.data?.trackingCode ?? caseId;
  return (
    <CaseRow text={brief.data ? `${brief.data.trackingCode} ${brief.data.title}` : caseId}>
      <Button size="small" danger onClick={onRemove} aria-label={t('duty.edit.activity.unlinkLabel', { code })} data-testid={`case-unlink-${code}`}>
        {t('duty.edit.remove')}
      </Button>
    </CaseRow>
  );
}
