/**
 * A deputy's contact, masked (138****1234) until someone with `deputy.contact.reveal` asks
 * to see it; the server records every reveal in the audit log.
 */
import type { DeputyContact } from '@lianxin/contracts';
import { useState } from 'react';
import { App, Button, Flex, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Deputy } from '../../../shared/contract-types';
import { maskEmail, maskPhone } from '../../../shared/mask';
import { PATHS, post } from '../../api';
import { useErrorText } from '../../common/use-error-text';

type Contact = Deputy['contact'];

/** Asks the server for the full contact (audited). */
export function revealContact(deputyId: string): Promise<DeputyContact> {
  return post<DeputyContact>(`${PATHS.deputies}/${deputyId}/reveal-contact`);
}

export function ContactCell({ deputy, canReveal }: { deputy: Deputy; canReveal: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [revealed, setRevealed] = useState<Contact | null>(null);
  const reveal = useMutation({
    mutationFn: () => revealContact(deputy.id),
    onSuccess: (result) => setRevealed(result.contact),
    onError: (error) => void message.error(errorText(error)),
  });

  const shown = revealed ?? deputy.contact;
  const masked = !revealed && deputy.contactMasked;
  const phone = masked ? maskPhone(shown.phone) : shown.phone;
  const email = masked ? maskEmail(shown.email) : shown.email;
  const hasAny = !!(deputy.contact.phone || deputy.contact.email);

  if (!hasAny && !revealed) return <>{t('common.none')}</>;
  return (
    <Flex vertical gap={2} data-testid={`deputy-contact-${deputy.id}`}>
      {phone && <span>{phone}</span>}
      {email && <span>{email}</span>}
      {revealed && (
        <Typography.Text type="secondary" style={{ fontSize: 14 }}>
          {t('deputies.revealed')}
        </Typography.Text>
      )}
      {masked && canReveal && (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, alignSelf: 'flex-start' }}
          loading={reveal.isPending}
          onClick={() => reveal.mutate()}
          aria-label={t('deputies.revealLabel', { name: deputy.name })}
          data-testid={`deputy-reveal-${deputy.id}`}
        >
          {t('deputies.reveal')}
        </Button>
      )}
    </Flex>
  );
}
