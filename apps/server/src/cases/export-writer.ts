/**
 * Writes exported tables as CSV (UTF-8 with a BOM, so Excel reads Chinese) or XLSX (exceljs's
 * streaming writer, as the import reads sheets with exceljs), row batch by row batch, so a
 * large export streams to the client instead of piling up in memory. Both wait for their reader:
 * the CSV is pulled batch by batch, and the XLSX writer waits for the output to drain before it
 * takes the next batch (a slow download holds the database reads instead of filling memory).
 */
import { PassThrough, Readable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { chinaTimeIfInstant } from '@lianxin/core';
import type { ExportFormat } from '@lianxin/contracts';
import { loadExcel } from '../platform/lazy-modules';
import { drained } from '../platform/sheet-export';

/** A cell value. */
export type Cell = string | number | null;

/** One table of an export (a sheet in XLSX, a section in CSV). */
export interface ExportSheet {
  name: string;
  columns: string[];
  /** Rows in batches (a batch per page read from the database). */
  rows: AsyncIterable<Cell[][]>;
}

export { EXPORT_FORMATS, type ExportFormat } from '@lianxin/contracts';

/** MIME type of a format. */
export const EXPORT_MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Text a spreadsheet would run as a formula starts with = + - @ (or a tab / carriage return);
 * such cells get a leading apostrophe (CSV injection).
 */
export function neutralize(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** What a person reads in a cell: instants in China time (2026-12-29 23:59), formulas neutralised. */
export function humanCell(value: Cell): Cell {
  return neutralize(chinaTimeIfInstant(value));
}

function csvCell(value: Cell): string {
  const text = value === null ? '' : String(humanCell(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (cells: readonly Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** The sheets as CSV; several sheets become sections headed by their name. */
export function csvStream(sheets: ExportSheet[]): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield '\uFEFF';
    for (const [i, sheet] of sheets.entries()) {
      if (sheets.length > 1) yield `${i ? '\r\n' : ''}${csvLine([sheet.name])}`;
      yield csvLine(sheet.columns);
      for await (const batch of sheet.rows) yield batch.map(csvLine).join('');
    }
  }
  return Readable.from(lines());
}

/** Rows an XLSX export serialises between two turns (exceljs spends tens of µs on a row). */
export const XLSX_ROWS_PER_TURN = 50;

/**
 * The sheets as one XLSX workbook; `turn` is awaited every {@link XLSX_ROWS_PER_TURN} rows (the
 * export's `Foreground.turn`, so requests go first; a turn of the event loop by default).
 */
export function xlsxStream(sheets: ExportSheet[], turn: () => Promise<void> = () => yieldToLoop()): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      const ExcelJS = await loadExcel();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
      for (const sheet of sheets) {
        const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31));
        const header = worksheet.addRow(sheet.columns);
        header.font = { bold: true };
        header.commit();
        for await (const batch of sheet.rows) {
          for (let start = 0; start < batch.length; start += XLSX_ROWS_PER_TURN) {
            if (start > 0) await turn();
            for (const row of batch.slice(start, start + XLSX_ROWS_PER_TURN)) worksheet.addRow(row.map(humanCell)).commit();
          }
          if (out.writableNeedDrain) await drained(out);
          if (out.destroyed) return;
        }
        worksheet.commit();
      }
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}
