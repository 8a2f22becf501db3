/**
 * "Export" for the case list and the cockpit: choose CSV or XLSX (and, for roles that take
 * in opinions, full contact data), then watch the rows or bytes arrive before the file is saved.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Modal, Progress, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Query } from '../api';
import { useErrorText } from '../common/use-error-text';
import { usePermission } from '../session/permissions';
import { downloadExport, saveFile, type DownloadProgress } from './download';

export function ExportButton({ kind, query, label }: { kind: 'cases' | 'stats'; query: Query; label?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const may = usePermission();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const [includeContact, setIncludeContact] = useState(false);
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<{ ok: true; name: string } | { ok: false; error: unknown } | null>(null);

  const start = async () => {
    setRunning(true);
    setResult(null);
    setProgress({ total: null, rows: 0, bytes: 0 });
    try {
      const file = await downloadExport(`/api/v1/exports/${kind}`, { ...query, format, includeContact: includeContact ? 1 : undefined }, setProgress);
      saveFile(file);
      setResult({ ok: true, name: file.name });
    } catch (error) {
      setResult({ ok: false, error });
    } finally {
      setRunning(false);
    }
  };

  const percent = progress?.total ? Math.round((progress.rows / progress.total) * 100) : undefined;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid={`export-${kind}`}>
        {label ?? t('exports.button')}
      </Button>
      <Modal
        open={open}
        title={label ?? t('exports.title')}
        onCancel={() => !running && setOpen(false)}
        footer={[
          <Button key="close" onClick={() => setOpen(false)} disabled={running}>
            {t('exports.close')}
          </Button>,
          <Button key="start" type="primary" loading={running} onClick={() => void start()} data-testid="export-start">
            {t('exports.start')}
          </Button>,
        ]}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group aria-label={t('exports.format')} value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'xlsx')}>
            <Radio value="xlsx">{t('exports.xlsx')}</Radio>
            <Radio value="csv">{t('exports.csv')}</Radio>
          </Radio.Group>
          {kind === 'cases' && may('case.export.contact') && (
            <>
              <Checkbox checked={includeContact} onChange={(e) => setIncludeContact(e.target.checked)} data-testid="export-include-contact">
                {t('exports.includeContact')}
              </Checkbox>
              <Typography.Text type="secondary">{t('exports.includeContactHelp')}</Typography.Text>
            </>
          )}
          {kind === 'cases' && <Typography.Text type="secondary">{t('exports.maskedNote')}</Typography.Text>}
          {progress && (
            <div aria-live="polite" data-testid="export-progress">
              {percent !== undefined && format === 'csv' ? (
                <>
                  <Progress percent={result?.ok ? 100 : Math.min(99, percent)} />
                  <Typography.Text>{t('exports.rows', { done: progress.rows, total: progress.total })}</Typography.Text>
                </>
              ) : (
                <>
                  <Progress percent={result?.ok ? 100 : 50} status={running ? 'active' : undefined} showInfo={!running} />
                  <Typography.Text>
                    {progress.bytes === 0 ? t('exports.preparing') : t('exports.bytes', { size: `${Math.round(progress.bytes / 1024)} KB` })}
                  </Typography.Text>
                </>
              )}
            </div>
          )}
          {result?.ok && <Alert type="success" showIcon message={t('exports.done', { name: result.name })} />}
          {result && !result.ok && <Alert type="error" showIcon message={t('exports.failed')} description={errorText(result.error)} />}
        </Space>
      </Modal>
    </>
  );
}
