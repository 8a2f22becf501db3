/**
 * Background exports of the case list (`/api/v1/exports/jobs`): start one, follow its progress,
 * list the caller's recent ones. The file is downloaded from `downloadUrl` with the session
 * cookie; only the user who asked can read it, until it expires.
 */
import type { ExportJob } from '../../shared/contract-types';
import { get, post, type Query } from '../api';

/** A background export as the API shows it (packages/contracts). */
export type { ExportJob };

/** The case list's filters a background export takes (the list's paging and cursors stay out). */
const FILTER_KEYS = ['q', 'worklist', 'status', 'unitId', 'underUnitId', 'categoryId', 'departmentId', 'deputyId', 'channel', 'overdue', 'from', 'to'] as const;

/** The filters of `query` as the export job takes them. */
export function exportFilters(query: Query): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value !== undefined && value !== null && value !== '') filters[key] = String(value);
  }
  return filters;
}

/** Queues an export of the case list. */
export function startCaseExport(format: 'csv' | 'xlsx', includeContact: boolean, query: Query): Promise<ExportJob> {
  return post<ExportJob>('/api/v1/exports/jobs', { kind: 'cases', format, includeContact, filters: exportFilters(query) });
}

/** One of the caller's exports. */
export function fetchExportJob(id: string): Promise<ExportJob> {
  return get<ExportJob>(`/api/v1/exports/jobs/${encodeURIComponent(id)}`);
}

/** The caller's recent exports, newest first. */
export async function fetchExportJobs(): Promise<ExportJob[]> {
  return (await get<{ items: ExportJob[] }>('/api/v1/exports/jobs')).items;
}

/** Whether the export is still under way. */
export const exportRunning = (job: ExportJob | null | undefined) => job?.status === 'queued' || job?.status === 'running';
