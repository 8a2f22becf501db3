/**
 * "Export" for the case list and the cockpit: choose CSV or XLSX (and, for roles that take
 * in opinions, full contact data). The case list exports in the background on the server
 * (any size, without holding up anybody): the dialog polls the job, shows its progress and,
 * once done, a download link valid until the file expires; the caller's recent exports stay
 * listed there with their links. The cockpit's small statistics file downloads at once.
 */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, List, Modal, Progress, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Query } from '../api';
import { useErrorText } from '../common/use-error-text';
import { usePermission } from '../session/permissions';
import { formatDateTime } from '../../shared/format';
import { downloadExport, saveFile, type DownloadProgress } from './download';
import { exportRunning, fetchExportJob, fetchExportJobs, startCaseExport, type ExportJob } from './export-jobs-api';

/** How often a running export is polled. */
const POLL_MS = 1000;
const JOB_KEYS = { one: (id: string) => ['exports', 'job', id] as const, mine: ['exports', 'mine'] as const };

const sizeText = (bytes: number | null) =>
  bytes === null ? '' : bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Progress, outcome and download link of one background export. */
function JobStatus({ job }: { job: ExportJob }) {
  const { t } = useTranslation();
  const percent = job.status === 'done' ? 100 : job.total ? Math.min(99, Math.floor((job.processed / job.total) * 100)) : 0;
  return (
    <div aria-live="polite" data-testid="export-progress">
      <Progress
        percent={percent}
        status={job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'}
        data-testid="export-progress-bar"
      />
      <Typography.Text>
        {job.status === 'queued' && t('exports.queued')}
        {job.status === 'running' && (job.total === null ? t('exports.counting') : t('exports.rows', { done: job.processed, total: job.total }))}
        {job.status === 'done' && t('exports.ready', { rows: job.total ?? job.processed })}
        {job.status === 'expired' && t('exports.expired')}
      </Typography.Text>
      {job.status === 'done' && job.downloadUrl && (
        <div>
          <Typography.Link href={job.downloadUrl} download={job.fileName ?? undefined} data-testid="export-download">
            {t('exports.download', { name: job.fileName, size: sizeText(job.fileSize) })}
          </Typography.Link>
          <br />
          <Typography.Text type="secondary">{t('exports.validUntil', { at: formatDateTime(job.expiresAt) })}</Typography.Text>
        </div>
      )}
      {job.status === 'failed' && <Alert type="error" showIcon message={t('exports.failed')} description={job.error?.message} />}
    </div>
  );
}

export function ExportButton({ kind, query, label }: { kind: 'cases' | 'stats'; query: Query; label?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const may = usePermission();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const [includeContact, setIncludeContact] = useState(false);
  const [starting, setStarting] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  // The statistics file downloads in the request.
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [result, setResult] = useState<{ ok: true; name: string } | { ok: false; error: unknown } | null>(null);

  const job = useQuery({
    queryKey: JOB_KEYS.one(jobId ?? ''),
    queryFn: () => fetchExportJob(jobId!),
    enabled: open && jobId !== null,
    refetchInterval: (q) => (exportRunning(q.state.data) ? POLL_MS : false),
  });
  const recent = useQuery({ queryKey: JOB_KEYS.mine, queryFn: fetchExportJobs, enabled: open && kind === 'cases' });
  const current = job.data;
  const running = starting || exportRunning(current) || (kind === 'stats' && progress !== null && result === null);

  const start = async () => {
    setResult(null);
    setStarting(true);
    try {
      if (kind === 'cases') {
        const started = await startCaseExport(format, includeContact, query);
        queryClient.setQueryData(JOB_KEYS.one(started.id), started);
        setJobId(started.id);
        void queryClient.invalidateQueries({ queryKey: JOB_KEYS.mine });
      } else {
        setProgress({ total: null, rows: 0, bytes: 0 });
        const file = await downloadExport(`/api/v1/exports/${kind}`, { ...query, format }, setProgress);
        saveFile(file);
        setResult({ ok: true, name: file.name });
      }
    } catch (error) {
      setResult({ ok: false, error });
    } finally {
      setStarting(false);
    }
  };

  const earlier = (recent.data ?? []).filter((j) => j.id !== jobId && j.status === 'done' && j.downloadUrl).slice(0, 5);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid={`export-${kind}`}>
        {label ?? t('exports.button')}
      </Button>
      <Modal
        open={open}
        title={label ?? t('exports.title')}
        onCancel={() => setOpen(false)}
        footer={[
          <Button key="close" onClick={() => setOpen(false)}>
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
          {kind === 'cases' && <Typography.Text type="secondary">{t('exports.backgroundNote')}</Typography.Text>}
          {kind === 'cases' && current && <JobStatus job={current} />}
          {kind === 'stats' && progress && (
            <div aria-live="polite" data-testid="export-progress">
              <Progress percent={result?.ok ? 100 : 50} status={result === null ? 'active' : undefined} showInfo={result !== null} />
              <Typography.Text>
                {progress.bytes === 0 ? t('exports.preparing') : t('exports.bytes', { size: `${Math.round(progress.bytes / 1024)} KB` })}
              </Typography.Text>
            </div>
          )}
          {result?.ok && <Alert type="success" showIcon message={t('exports.done', { name: result.name })} />}
          {result && !result.ok && <Alert type="error" showIcon message={t('exports.failed')} description={errorText(result.error)} />}
          {earlier.length > 0 && (
            <List
              size="small"
              header={t('exports.recent')}
              dataSource={earlier}
              data-testid="export-recent"
              renderItem={(j) => (
                <List.Item>
                  <Typography.Link href={j.downloadUrl!} download={j.fileName ?? undefined}>
                    {j.fileName}
                  </Typography.Link>
                  <Typography.Text type="secondary">
                    {t('exports.recentLine', { rows: j.total ?? j.processed, at: formatDateTime(j.finishedAt), until: formatDateTime(j.expiresAt) })}
                  </Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Space>
      </Modal>
    </>
  );
}
