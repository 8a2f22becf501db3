/**
 * Heavy libraries that no first request needs, imported on first use instead of at start (issue
 * #17 item 8): ExcelJS (exports, imports and reports; with its zip and csv dependencies the
 * largest import of the server), sharp (photo re-encoding, posters) and nodemailer (SMTP only).
 * Each loads once; the types still come from the static `import type`s of the callers.
 */
import type ExcelJSModule from 'exceljs';
import type SharpModule from 'sharp';
import type NodemailerModule from 'nodemailer';

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load());
}

/** ExcelJS. */
export const loadExcel: () => Promise<typeof ExcelJSModule> = once(async () => (await import('exceljs')).default);
/** sharp. */
export const loadSharp: () => Promise<typeof SharpModule> = once(async () => (await import('sharp')).default);
/** nodemailer. */
export const loadNodemailer: () => Promise<typeof NodemailerModule> = once(async () => (await import('nodemailer')).default);
