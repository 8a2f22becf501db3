/** Upload of an ICS holiday schedule (e.g. the State Council notice as a calendar file). */
import { useState } from 'react';
import { Alert, Flex, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../common/use-error-text';
import { importIcs } from './calendar-api';

export function IcsImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [fileName, setFileName] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      const text = await file.text();
      if (!text.trim()) throw new Error(t('calendar.importEmptyFile'));
      return importIcs(text);
    },
    onSuccess: onImported,
  });

  return (
    <Flex vertical gap={8}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('calendar.importHelp')}
      </Typography.Paragraph>
      <label htmlFor="calendar-ics-file" className="file-label">
        {t('calendar.importFile')}
      </label>
      <input
        id="calendar-ics-file"
        type="file"
        accept=".ics,text/calendar"
        disabled={upload.isPending}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setFileName(file.name);
          upload.mutate(file);
        }}
        data-testid="calendar-ics-file"
      />
      <div role="status" aria-live="polite">
        {upload.isPending && <Typography.Text>{t('common.loading')}</Typography.Text>}
        {upload.data && (
          <Typography.Text data-testid="calendar-ics-result">
            {fileName}：{t('calendar.importDone', { count: upload.data.imported })}
          </Typography.Text>
        )}
      </div>
      {upload.error && <Alert type="error" showIcon role="alert" title={errorText(upload.error)} data-testid="calendar-ics-error" />}
    </Flex>
  );
}
