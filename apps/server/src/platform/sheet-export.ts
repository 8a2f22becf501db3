/**
 * XLSX export of the lists of this area (suggestions, candidates, issues, rankings), built
 * with exceljs like the import, and audited by the caller.
 */
import { chinaTimeIfInstant } from '@lianxin/core';
import { maskPii } from '@lianxin/text';
import { loadExcel } from './lazy-modules';
import type { FastifyReply } from 'fastify';

/** One column of an exported sheet. */
export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null;
}

/** A cell as the file shows it: instants in China time (2026-12-29 23:59), personal data in text masked. */
function fileCell(value: string | number | null): string | number {
  const shown = chinaTimeIfInstant(value ?? '');
  return typeof shown === 'string' ? maskPii(shown) : shown;
}

/**
 * Sends `rows` as a one-sheet workbook named `fileName` (UTF-8 name per RFC 5987). Files leave the
 * system: every kind of personal data the text package finds is masked in every text cell.
 */
export async function sendXlsx<T>(reply: FastifyReply, fileName: string, sheetName: string, columns: SheetColumn<T>[], rows: T[]): Promise<FastifyReply> {
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lianxin';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? 16 }));
  for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((c, i) => [`c${i}`, fileCell(c.value(row))])));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(buffer);
}
