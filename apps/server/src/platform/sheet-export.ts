/**
 * XLSX export of the lists of this area (suggestions, candidates, issues, rankings), built
 * with exceljs like the import, and audited by the caller. The workbook is written with exceljs's
 * streaming writer straight to the response, rows in slices with a turn of the event loop between
 * them, so a long list neither sits in memory as a whole workbook nor holds up other requests.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { PassThrough, type Writable } from 'node:stream';
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

/** Rows written between two turns of the event loop. */
export const SHEET_SLICE = 200;

/** A cell as the file shows it: instants in China time (2026-12-29 23:59), personal data in text masked. */
function fileCell(value: string | number | null): string | number {
  const shown = chinaTimeIfInstant(value ?? '');
  return typeof shown === 'string' ? maskPii(shown) : shown;
}

/** Resolves when `stream` drained or closed (a reader that went away stops the writer instead of leaving it waiting). */
export function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * Sends `rows` as a one-sheet workbook named `fileName` (UTF-8 name per RFC 5987). Files leave the
 * system: every kind of personal data the text package finds is masked in every text cell.
 */
export async function sendXlsx<T>(reply: FastifyReply, fileName: string, sheetName: string, columns: SheetColumn<T>[], rows: T[]): Promise<FastifyReply> {
  const ExcelJS = await loadExcel();
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Lianxin';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width ?? 16 }));
  void (async () => {
    try {
      const header = sheet.addRow(columns.map((c) => c.header));
      header.font = { bold: true };
      header.commit();
      for (let start = 0; start < rows.length; start += SHEET_SLICE) {
        for (const row of rows.slice(start, start + SHEET_SLICE)) sheet.addRow(columns.map((c) => fileCell(c.value(row)))).commit();
        if (out.writableNeedDrain) await drained(out);
        if (out.destroyed) return;
        await yieldToLoop();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(out);
}
