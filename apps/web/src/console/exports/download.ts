/**
 * Downloads a streamed export while counting what has arrived: rows for CSV (against the
 * `X-Total-Count` header), bytes for XLSX (a zip cannot be counted in rows while it streams).
 */
import { ApiError } from '../../shared/api-error';
import { readLanguage } from '../../shared/language';
import type { Query } from '../api';

/** Progress of a download. */
export interface DownloadProgress {
  total: number | null;
  rows: number;
  bytes: number;
}

/** The file once complete. */
export interface DownloadedFile {
  blob: Blob;
  name: string;
}

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Fetches `path` with `query`, reporting progress; rejects with the API's error. */
export async function downloadExport(path: string, query: Query, onProgress: (progress: DownloadProgress) => void): Promise<DownloadedFile> {
  const response = await fetch(withQuery(path, query), { credentials: 'same-origin', headers: { 'Accept-Language': readLanguage() } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(response.status, body?.error?.code ?? 'INTERNAL_ERROR', body?.error?.message ?? response.statusText);
  }
  const total = Number(response.headers.get('x-total-count') ?? NaN);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
  const csv = name.endsWith('.csv');
  const chunks: Uint8Array[] = [];
  const progress: DownloadProgress = { total: Number.isFinite(total) ? total : null, rows: 0, bytes: 0 };
  const reader = response.body?.getReader();
  if (!reader) return { blob: await response.blob(), name };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    progress.bytes += value.byteLength;
    // Each record ends with CRLF; the header line is not a row.
    if (csv) for (let i = 0; i < value.length; i++) if (value[i] === 0x0a) progress.rows += 1;
    onProgress({ ...progress, rows: Math.max(0, Math.min(progress.rows - 1, progress.total ?? Infinity)) });
  }
  return { blob: new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? 'application/octet-stream' }), name };
}

/** Hands a file to the browser's downloads. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
