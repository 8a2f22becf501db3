/** Words of exports in English (merged into the console's messages as `exports`). */
import type { exportsZh } from './messages-zh';

export const exportsEn: typeof exportsZh = {
  button: 'Export',
  title: 'Export',
  format: 'Format',
  csv: 'CSV (comma-separated)',
  xlsx: 'Excel (XLSX)',
  includeContact: "Include reporters' full contact data",
  includeContactHelp: 'Masked by default. Exporting full contact data is recorded in the audit log; keep the file safe.',
  maskedNote: 'Phone, ID card and bank card numbers in titles, contents and replies are always masked.',
  start: 'Export',
  preparing: 'Preparing…',
  rows: '{{done}} of {{total}} rows exported',
  bytes: '{{size}} downloaded',
  done: 'Export finished: {{name}}',
  failed: 'The export failed',
  close: 'Close',
  backgroundNote: 'The export runs in the background on the server without slowing anybody down; you may close this dialog and download the file here later.',
  queued: 'Queued…',
  counting: 'Counting the rows…',
  ready: 'Export finished: {{rows}} rows',
  expired: 'The file has expired; export again',
  download: 'Download {{name}} ({{size}})',
  validUntil: 'The link is valid until {{at}} (for you only)',
  recent: 'Recent exports',
  recentLine: '{{rows}} rows · finished {{at}} · valid until {{until}}',
};
