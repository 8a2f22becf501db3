/**
 * Reading spreadsheets of paper registers and legacy systems into plain rows: XLSX
 * through exceljs, CSV through exceljs's CSV reader after decoding (UTF-8, or GB18030
 * when the bytes are not valid UTF-8, as Chinese government systems often export).
 * Also the cell helpers the import needs: text of a cell and dates in China time.
 */
import { Readable } from 'node:stream';
import { AppError } from '@lianxin/core';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../platform/lazy-modules';

/** A cell as read: text, number, boolean, Date (a date cell of the sheet) or empty. */
export type SheetCell = string | number | boolean | Date | null;

/** One data row with its row number in the sheet (header is row 1). */
export interface SheetRow {
  row: number;
  cells: SheetCell[];
}

/** A sheet: unique column names and the non-empty data rows. */
export interface Sheet {
  columns: string[];
  rows: SheetRow[];
  /** How CSV bytes were decoded; null for XLSX. */
  encoding: 'utf-8' | 'gb18030' | null;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Decodes CSV bytes: UTF-8 (BOM stripped) when valid, else GB18030 (a superset of GBK and GB2312). */
export function decodeText(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Plain value of an exceljs cell value (rich text, formulas, hyperlinks and errors flattened). */
export function plainCell(value: ExcelJS.CellValue | undefined): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
    if ('error' in value) return null;
    if ('result' in value) return plainCell(value.result);
    if ('text' in value && typeof value.text === 'string') return value.text;
  }
  // Formulas without a cached result and anything unknown: no value.
  return null;
}

/** Text of a cell for display and for text fields; Date cells as China wall time. */
export function cellText(cell: SheetCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Number(cell.toPrecision(15)));
  return String(cell);
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
/** 1899-12-30, day 0 of Excel's 1900 date system. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DATE_TEXT =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})\s*[:时]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})(?:\.\d+)?)?\s*秒?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

function chinaWallTime(y: number, mo: number, d: number, h: number, mi: number, s: number): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null; // 2019-02-30
  return new Date(utc - CHINA_OFFSET_MS);
}

/**
 * The instant a cell names, reading wall-clock times as China time (UTC+8): Excel date
 * cells (exceljs gives the wall time as if it were UTC), Excel serial numbers, and text
 * such as `2019/2/28 11:25:05`, `2019-02-28`, `2019年2月28日` or ISO-8601 with an offset.
 */
export function parseChinaDate(cell: SheetCell): Date | null {
  if (cell === null || typeof cell === 'boolean') return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return new Date(cell.getTime() - CHINA_OFFSET_MS);
  }
  if (typeof cell === 'number') {
    // Serial dates from 1950 to 2100; anything else is not a date.
    if (!Number.isFinite(cell) || cell < 18_264 || cell > 73_051) return null;
    const wall = EXCEL_EPOCH_MS + Math.round(cell * 86_400) * 1000;
    return new Date(wall - CHINA_OFFSET_MS);
  }
  const text = cell.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return parseChinaDate(Number(text));
  const m = DATE_TEXT.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const wall = chinaWallTime(y, mo, d, h, mi, s);
  if (!wall || !m[7]) return wall;
  // An explicit offset wins over China time.
  const offset = m[7] === 'Z' ? 0 : (m[7].startsWith('-') ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(-2)));
  return new Date(wall.getTime() + CHINA_OFFSET_MS - offset * 60_000);
}

function uniqueColumns(header: SheetCell[], width: number): string[] {
  const seen = new Map<string, number>();
  const columns: string[] = [];
  for (let i = 0; i < width; i++) {
    let name = cellText(header[i] ?? null)
      .replace(/\s+/g, ' ')
      .trim();
    if (!name) name = `第${i + 1}列`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    columns.push(count === 1 ? name : `${name} (${count})`);
  }
  return columns;
}

function sheetOf(worksheet: ExcelJS.Worksheet, encoding: Sheet['encoding']): Sheet {
  let header: SheetCell[] | null = null;
  const raw: SheetRow[] = [];
  let width = 0;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[]; // 1-based, index 0 unused
    const cells: SheetCell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(plainCell(values[c]));
    while (cells.length && (cells.at(-1) === null || cells.at(-1) === '')) cells.pop();
    if (!cells.some((c) => c !== null && cellText(c).trim() !== '')) return;
    if (!header) {
      header = cells;
      width = cells.length;
      return;
    }
    width = Math.max(width, cells.length);
    raw.push({ row: rowNumber, cells });
  });
  if (!header) throw new AppError('VALIDATION_FAILED', { message: 'The sheet is empty.', details: [{ path: 'file', code: 'empty' }] });
  return { columns: uniqueColumns(header, width), rows: raw, encoding };
}

/** Reads the first non-empty worksheet of an XLSX file or a CSV file (decided by content, then by name). */
export async function readSheet(bytes: Buffer, fileName: string | null): Promise<Sheet> {
  if (bytes.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new AppError('MEDIA_TYPE_UNSUPPORTED', { message: 'Old .xls files are not supported; save the sheet as .xlsx or .csv.' });
  }
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw new AppError('VALIDATION_FAILED', { message: 'The XLSX file could not be read.', details: [{ path: 'file', code: 'unreadable' }] });
    }
    const worksheet = workbook.worksheets.find((w) => w.actualRowCount > 0) ?? workbook.worksheets[0];
    if (!worksheet) throw new AppError('VALIDATION_FAILED', { message: 'The workbook has no sheet.', details: [{ path: 'file', code: 'empty' }] });
    return sheetOf(worksheet, null);
  }
  if (fileName && /\.(xlsx|xlsm)$/i.test(fileName)) {
    throw new AppError('VALIDATION_FAILED', { message: 'The XLSX file could not be read.', details: [{ path: 'file', code: 'unreadable' }] });
  }
  if (bytes.includes(0)) throw new AppError('MEDIA_TYPE_UNSUPPORTED', { message: 'Send an .xlsx or .csv file.' });
  const { text, encoding } = decodeText(bytes);
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  try {
    const worksheet = await workbook.csv.read(Readable.from([text]), { map: (value: unknown) => value, parserOptions: { delimiter, ignoreEmpty: false } });
    return sheetOf(worksheet, encoding);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION_FAILED', { message: 'The CSV file could not be read.', details: [{ path: 'file', code: 'unreadable' }] });
  }
}
