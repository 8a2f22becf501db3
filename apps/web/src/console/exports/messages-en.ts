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
};
