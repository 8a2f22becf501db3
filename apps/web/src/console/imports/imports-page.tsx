/**
 * `/console/imports`: bring paper registers and legacy spreadsheets (XLSX, CSV) in as
 * cases. Upload → preview with suggested column mapping → dry run (every bad row with its
 * reason) → import; the server runs it as a job and the page polls its progress.
 */
import type { ImportField, ImportJob, ImportPreview, ImportStarted } from '@lianxin/contracts';
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Progress, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, PATHS, postForm } from '../api';
import { PageHeader } from '../common/page-header';
import { useErrorText } from '../common/use-error-text';

/** Case fields a column can fill, in table order. */
export const IMPORT_FIELDS = [
  'title',
  'content',
  'createdAt',
  'reporterName',
  'reporterPhone',
  'address',
  'category',
  'unit',
  'kind',
  'sourceId',
] as const satisfies readonly ImportField[];
/** Every field of the contract has its row (tsc fails here on a new one). */
export const IMPORT_FIELDS_COMPLETE: Exclude<ImportField, (typeof IMPORT_FIELDS)[number]> extends never ? true : never = true;
export type { ImportField };
/** Fields that must be mapped before a run. */
const REQUIRED_FIELDS: readonly ImportField[] = ['content'];

/** Answer of the preview; state of an import job. */
export type { ImportJob, ImportPreview } from '@lianxin/contracts';

type Mapping = Partial<Record<ImportField, string | null>>;

function previewImport(file: File): Promise<ImportPreview> {
  const form = new FormData();
  form.append('file', file, file.name);
  return postForm<ImportPreview>(PATHS.importPreview, form);
}

function startImport(file: File, mapping: Mapping, dryRun: boolean): Promise<ImportStarted> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('mapping', JSON.stringify(mapping));
  form.append('dryRun', dryRun ? 'true' : 'false');
  return postForm<ImportStarted>(PATHS.imports, form);
}

export function ImportsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const [missing, setMissing] = useState<ImportField[]>([]);

  const preview = useMutation({
    mutationFn: previewImport,
    onSuccess: (result) => {
      setMapping(Object.fromEntries(IMPORT_FIELDS.map((field) => [field, result.suggestedMapping[field] ?? null])));
      setJobId(null);
    },
  });
  const start = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => startImport(file as File, mapping, dryRun),
    onSuccess: (result) => setJobId(result.id),
  });
  const job = useQuery({
    queryKey: ['imports', jobId],
    queryFn: () => get<ImportJob>(`${PATHS.imports}/${jobId}`),
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'running' ? false : 1000),
  });

  const onFile = (chosen: File | null) => {
    setFile(chosen);
    setJobId(null);
    setMissing([]);
    preview.reset();
    start.reset();
    if (chosen) preview.mutate(chosen);
  };

  const run = (dryRun: boolean) => {
    const notMapped = REQUIRED_FIELDS.filter((field) => !mapping[field]);
    setMissing(notMapped);
    if (notMapped.length > 0 || !file) return;
    setJobId(null);
    start.mutate({ dryRun });
  };

  const columns = preview.data?.columns ?? [];
  const running = start.isPending || job.data?.status === 'running' || (!!jobId && job.isPending);
  const mappingRows = IMPORT_FIELDS.map((field) => ({ field }));
  const mappingColumns: TableColumnsType<{ field: ImportField }> = [
    {
      title: t('imports.field'),
      dataIndex: 'field',
      key: 'field',
      width: 200,
      render: (field: ImportField) => (
        <label htmlFor={`import-map-${field}`}>
          {t(`imports.fields.${field}`)}
          {REQUIRED_FIELDS.includes(field) && (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              {t('imports.required')}
            </Tag>
          )}
        </label>
      ),
    },
    {
      title: t('imports.column'),
      key: 'column',
      render: (_: unknown, row) => (
        <Select
          id={`import-map-${row.field}`}
          allowClear
          placeholder={t('imports.notMapped')}
          options={columns.map((c) => ({ value: c, label: c }))}
          value={mapping[row.field] ?? undefined}
          onChange={(value?: string) => setMapping((m) => ({ ...m, [row.field]: value ?? null }))}
          status={missing.includes(row.field) ? 'error' : undefined}
          style={{ width: '100%', maxWidth: 320 }}
          data-testid={`import-map-${row.field}`}
        />
      ),
    },
  ];

  const jobData = job.data;
  const percent = jobData && jobData.total > 0 ? Math.round((jobData.processed / jobData.total) * 100) : jobData?.status === 'done' ? 100 : 0;

  return (
    <>
      <PageHeader title={t('imports.title')} intro={t('imports.intro')} />
      <Card title={<h2 className="card-heading">{t('imports.step1')}</h2>} size="small" className="case-card">
        <Flex vertical gap={8}>
          <label htmlFor="import-file" className="file-label">
            {t('imports.fileLabel')}
          </label>
          <input
            id="import-file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => {
              onFile(e.target.files?.[0] ?? null);
              e.target.value = '';
            }}
            data-testid="import-file"
          />
          {file && (
            <Typography.Text type="secondary" data-testid="import-file-name">
              {file.name}（{Math.max(1, Math.round(file.size / 1024))} KB
              {preview.data?.totalRows !== undefined && ` · ${t('imports.rows', { count: preview.data.totalRows })}`}）
            </Typography.Text>
          )}
          {preview.isPending && <Typography.Text>{t('imports.reading')}</Typography.Text>}
          {preview.error && <Alert type="error" showIcon role="alert" title={errorText(preview.error)} data-testid="import-preview-error" />}
        </Flex>
      </Card>

      {preview.data && (
        <>
          <Card title={<h2 className="card-heading">{t('imports.step2')}</h2>} size="small" className="case-card">
            <Table rowKey="field" size="small" pagination={false} columns={mappingColumns} dataSource={mappingRows} data-testid="import-mapping" />
            {missing.length > 0 && (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={t('imports.missing', { fields: missing.map((f) => t(`imports.fields.${f}`)).join('、') })}
                style={{ marginTop: 12 }}
              />
            )}
            <Typography.Title level={3} className="subsection-title">
              {t('imports.sample')}
            </Typography.Title>
            <Table<{ key: string; cells: string[] }>
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: true }}
              columns={columns.map((c, index) => ({ title: c, key: `${index}`, render: (_: unknown, row) => <SampleCell text={row.cells[index] ?? ''} /> }))}
              dataSource={preview.data.sampleRows.map((cells, index) => ({ key: String(index), cells }))}
              data-testid="import-sample"
            />
          </Card>

          <Card title={<h2 className="card-heading">{t('imports.step3')}</h2>} size="small" className="case-card">
            <Typography.Paragraph type="secondary">{t('imports.runHelp')}</Typography.Paragraph>
            <Flex gap="small" wrap>
              <Button onClick={() => run(true)} disabled={running} data-testid="import-dry-run">
                {t('imports.dryRun')}
              </Button>
              <Button type="primary" onClick={() => run(false)} disabled={running} data-testid="import-run">
                {t('imports.run')}
              </Button>
            </Flex>
            {start.error && <Alert type="error" showIcon role="alert" title={errorText(start.error)} style={{ marginTop: 12 }} />}
            {job.error && <Alert type="error" showIcon role="alert" title={errorText(job.error)} style={{ marginTop: 12 }} />}
            {jobData && <ImportResult job={jobData} percent={percent} />}
          </Card>
        </>
      )}
    </>
  );
}

function ImportResult({ job, percent }: { job: ImportJob; percent: number }) {
  const { t } = useTranslation();
  const status = job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active';
  return (
    <div className="import-result" data-testid="import-result">
      <Typography.Title level={3} className="subsection-title">
        {job.dryRun ? t('imports.dryRunResult') : t('imports.runResult')}
      </Typography.Title>
      <Progress percent={percent} status={status} format={(value) => `${value ?? 0}%`} aria-label={t('imports.progress')} data-testid="import-progress" />
      <p aria-live="polite" data-testid="import-status">
        {t(`imports.status.${job.status}`)} · {t('imports.processed', { processed: job.processed, total: job.total })}
      </p>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} bordered>
        <Descriptions.Item label={job.dryRun ? t('imports.wouldCreate') : t('imports.created')}>
          <span data-testid="import-created">{job.created}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('imports.duplicates')}>
          <span data-testid="import-duplicates">{job.duplicates}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('imports.failed')}>
          <span data-testid="import-failed">{job.failed}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('imports.total')}>{job.total}</Descriptions.Item>
      </Descriptions>
      {job.status === 'done' && !job.dryRun && job.created > 0 && (
        <p>
          <Link to="/cases?channel=import">{t('imports.openCases')}</Link>
        </p>
      )}
      {job.errors.length > 0 && (
        <>
          <Typography.Title level={4} className="subsection-title">
            {t('imports.errorsTitle', { count: job.errors.length })}
          </Typography.Title>
          <Table
            rowKey={(row) => `${row.row}-${row.reason}`}
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('imports.row'), dataIndex: 'row', key: 'row', width: 90 },
              {
                title: t('imports.reason'),
                key: 'code',
                width: 220,
                render: (_: unknown, row) => (row.code ? t(`imports.rowErrors.${row.code}`, { defaultValue: row.reason }) : row.reason),
              },
              { title: t('imports.details'), dataIndex: 'reason', key: 'reason' },
            ]}
            dataSource={job.errors}
            data-testid="import-errors"
          />
        </>
      )}
    </div>
  );
}

/** A preview cell, shortened to keep the table readable (the full text in its title). */
function SampleCell({ text }: { text: string }) {
  const short = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return <span title={short === text ? undefined : text}>{short}</span>;
}
