/**
 * The in-app inbox in the header: the unread count (polled every minute) on a bell, and a
 * drawer with the messages; opening one marks it read and follows its link.
 */
import { useState } from 'react';
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, Flex, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../shared/format';
import type { Page } from '../../shared/contract-types';
import { get, PATHS, post } from '../api';
import type { Notification } from '../cases/case-types';
import { useLanguage } from '../language-provider';

const INBOX_KEY = ['notifications'] as const;
/** How often the unread count is refreshed. */
export const INBOX_POLL_MS = 60_000;

/** The console route of a notification link (`/console/cases/1` → `/cases/1`), or null for other addresses. */
export function consoleRoute(link: string, origin = window.location.origin): string | null {
  let url: URL;
  try {
    url = new URL(link, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  if (url.pathname === '/console') return `/${url.search}`;
  if (url.pathname.startsWith('/console/')) return `${url.pathname.slice('/console'.length)}${url.search}`;
  return null;
}

export function Inbox() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const unread = useQuery({
    queryKey: [...INBOX_KEY, 'unread'],
    queryFn: () => get<Page<Notification>>(PATHS.notifications, { unread: 1 }),
    refetchInterval: INBOX_POLL_MS,
    retry: false,
  });
  const all = useQuery({
    queryKey: [...INBOX_KEY, 'all'],
    queryFn: () => get<Page<Notification>>(PATHS.notifications),
    enabled: open,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => post(`${PATHS.notifications}/${id}/read`),
    onSettled: () => void client.invalidateQueries({ queryKey: INBOX_KEY }),
  });

  if (unread.error && !unread.data) return null;
  const count = unread.data?.total ?? 0;

  const openItem = (item: Notification) => {
    if (!item.readAt) markRead.mutate(item.id);
    if (!item.link) return;
    const route = consoleRoute(item.link);
    setOpen(false);
    if (route) void navigate(route);
    else window.location.assign(item.link);
  };

  return (
    <>
      <Badge count={count} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined aria-hidden />}
          aria-label={count > 0 ? t('inbox.buttonUnread', { count }) : t('inbox.button')}
          onClick={() => setOpen(true)}
          data-testid="inbox-button"
        />
      </Badge>
      <Drawer open={open} title={t('inbox.title')} onClose={() => setOpen(false)} size="min(420px, 100vw)" data-testid="inbox-drawer">
        {all.data && all.data.items.length === 0 ? (
          <Empty description={t('inbox.empty')} />
        ) : (
          <ul className="item-list" aria-busy={all.isPending}>
            {(all.data?.items ?? []).map((item) => (
              <li key={item.id} data-testid={`inbox-item-${item.id}`} className={item.readAt ? 'inbox-read' : 'inbox-unread'}>
                <Flex vertical gap={2}>
                  {item.link ? (
                    <Button type="link" className="inbox-link" onClick={() => openItem(item)} data-testid={`inbox-open-${item.id}`}>
                      {item.readAt ? item.title : <strong>{item.title}</strong>}
                    </Button>
                  ) : (
                    <Typography.Text strong={!item.readAt}>{item.title}</Typography.Text>
                  )}
                  {item.body && <Typography.Text>{item.body}</Typography.Text>}
                  <Typography.Text type="secondary">
                    {formatDateTime(item.createdAt, language)}
                    {!item.readAt && ` · ${t('inbox.unread')}`}
                  </Typography.Text>
                </Flex>
                {!item.readAt && (
                  <Button type="link" size="small" onClick={() => markRead.mutate(item.id)} data-testid={`inbox-read-${item.id}`}>
                    {t('inbox.markRead')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Drawer>
    </>
  );
}
