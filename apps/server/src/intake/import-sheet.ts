/**
 * Reading spreadsheets of paper registers and legacy systems into plain rows: XLSX
 * through exceljs, CSV through exceljs's CSV reader after decoding (UTF-8, or GB18030
 * when the bytes are not valid UTF-8, as Chinese government systems often export).
 * Also the cell helpers the import needs: text of a cell and dates in China time.
 *
 * A sheet of the upload limit holds hundreds of thousands of rows; read in one go (a whole
 * workbook, a whole CSV text) it held the event loop for a quarter of a second per 50,000 rows.
 * So the bytes go in in pieces with a turn of the event loop between them (XLSX through
 * exceljs's streaming reader, CSV through its parser piece by piece, decoding in pieces too) and
 * rows are gathered {@link ROWS_PER_TURN} at a time: no step of a preview, a start or an import
 * job holds up other requests for long.
 */
import { Readable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { TextDecoder } from 'node:util';
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
/** Bytes (or characters of CSV text) handed to a parser per turn of the event loop. */
const PIECE = 64 * 1024;
/** Rows gathered per turn of the event loop. */
export const ROWS_PER_TURN = 500;
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

/** {@link decodeText} piece by piece, with a turn of the event loop between pieces. */
async function decodeTextInTurns(bytes: Buffer): Promise<{ text: string; encoding: 'utf-8' | 'gb18030' }> {
  const decode = async (decoder: TextDecoder) => {
    const parts: string[] = [];
    for (let start = 0; start < bytes.length; start += PIECE * 16) {
      parts.push(decoder.decode(bytes.subarray(start, start + PIECE * 16), { stream: true }));
      await yieldToLoop();
    }
    parts.push(decoder.decode());
    return parts.join('');
  };
  try {
    return { text: await decode(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })), encoding: 'utf-8' };
  } catch {
    return { text: await decode(new TextDecoder('gb18030')), encoding: 'gb18030' };
  }
}

/** `whole` in pieces of {@link PIECE} with a turn of the event loop after each (a parser fed from it parses piece by piece). */
function inPieces<T extends string | Buffer>(whole: T): Readable {
  async function* pieces() {
    for (let start = 0; start < whole.length; start += PIECE) {
      yield whole.slice(start, start + PIECE);
      await yieldToLoop();
    }
  }
  return Readable.from(pieces());
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

/** A row as exceljs reads it: its number and its values (1-based, index 0 unused). */
interface ReadRow {
  number: number;
  values: ExcelJS.CellValue[];
}

/** The sheet of `rows`, or null when no row has a value; a turn of the event loop every {@link ROWS_PER_TURN} rows. */
async function sheetFrom(rows: AsyncIterable<ReadRow> | Iterable<ReadRow>, encoding: Sheet['encoding']): Promise<Sheet | null> {
  let header: SheetCell[] | null = null;
  const raw: SheetRow[] = [];
  let width = 0;
  let seen = 0;
  for await (const { number, values } of rows) {
    if (++seen % ROWS_PER_TURN === 0) await yieldToLoop();
    const cells: SheetCell[] = [];
    for (let c = 1; c < values.length; c++) cells.push(plainCell(values[c]));
    while (cells.length && (cells.at(-1) === null || cells.at(-1) === '')) cells.pop();
    if (!cells.some((c) => c !== null && cellText(c).trim() !== '')) continue;
    if (!header) {
      header = cells;
      width = cells.length;
      continue;
    }
    width = Math.max(width, cells.length);
    raw.push({ row: number, cells });
  }
  return header ? { columns: uniqueColumns(header, width), rows: raw, encoding } : null;
}

/** The rows of a worksheet read whole (the CSV reader's, or the fallback's). */
function* rowsOf(worksheet: ExcelJS.Worksheet): Generator<ReadRow> {
  const rows: ReadRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, number) => rows.push({ number, values: row.values as ExcelJS.CellValue[] }));
  yield* rows;
}

const emptySheet = () => new AppError('VALIDATION_FAILED', { message: 'The sheet is empty.', details: [{ path: 'file', code: 'empty' }] });

/**
 * The first worksheet with a value of an XLSX file, read as a stream (exceljs's streaming reader,
 * the bytes fed in pieces). Null when no worksheet has a value; throws when the file is not one.
 */
async function streamedXlsx(Excel: typeof ExcelJS, bytes: Buffer): Promise<Sheet | null> {
  const reader = new Excel.stream.xlsx.WorkbookReader(inPieces(bytes), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let sheets = 0;
  for await (const worksheet of reader) {
    sheets++;
    async function* rows(): AsyncGenerator<ReadRow> {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) yield { number: row.number, values: row.values as ExcelJS.CellValue[] };
    }
    const sheet = await sheetFrom(rows(), null);
    if (sheet) return sheet;
  }
  if (!sheets) throw new Error('no worksheet');
  return null;
}

/** Reads the first non-empty worksheet of an XLSX file or a CSV file (decided by content, then by name). */
export async function readSheet(bytes: Buffer, fileName: string | null): Promise<Sheet> {
  if (bytes.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new AppError('MEDIA_TYPE_UNSUPPORTED', { message: 'Old .xls files are not supported; save the sheet as .xlsx or .csv.' });
  }
  const unreadable = () => new AppError('VALIDATION_FAILED', { message: 'The XLSX file could not be read.', details: [{ path: 'file', code: 'unreadable' }] });
  const Excel = await loadExcel();
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    let sheet: Sheet | null;
    try {
      sheet = await streamedXlsx(Excel, bytes);
    } catch {
      // A file the streaming reader does not take may still load whole (the way it was read before).
      const workbook = new Excel.Workbook();
      try {
        await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      } catch {
        throw unreadable();
      }
      const worksheet = workbook.worksheets.find((w) => w.actualRowCount > 0) ?? workbook.worksheets[0];
      if (!worksheet) throw new AppError('VALIDATION_FAILED', { message: 'The workbook has no sheet.', details: [{ path: 'file', code: 'empty' }] });
      sheet = await sheetFrom(rowsOf(worksheet), null);
    }
    if (!sheet) throw emptySheet();
    return sheet;
  }
  if (fileName && /\.(xlsx|xlsm)$/i.test(fileName)) throw unreadable();
  if (bytes.includes(0)) throw new AppError('MEDIA_TYPE_UNSUPPORTED', { message: 'Send an .xlsx or .csv file.' });
  const { text, encoding } = await decodeTextInTurns(bytes);
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let worksheet: ExcelJS.Worksheet;
  try {
    worksheet = await new Excel.Workbook().csv.read(inPieces(text), { map: (value: unknown) => value, parserOptions: { delimiter, ignoreEmpty: false } });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('VALIDATION_FAILED', { message: 'The CSV file could not be read.', details: [{ path: 'file', code: 'unreadable' }] });
  }
  const sheet = await sheetFrom(rowsOf(worksheet), encoding);
  if (!sheet) throw emptySheet();
  return sheet;
}
