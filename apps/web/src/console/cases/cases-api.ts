/** Calls of the case pages (API.md "Cases") and their react-query keys. */
import type { BatchAssignResult, CaseList, WorklistCounts } from '@lianxin/contracts';
import type { CaseCreate, UploadedAttachment } from '../../shared/contract-types';
import { get, PATHS, post, postForm } from '../api';
import type { Query } from '../api';
import type { BatchResult, CaseActionName, CaseView, Revealed, WorklistCount } from './case-types';

/** react-query keys; everything about cases starts with `cases`, so one invalidation refreshes all. */
export const CASE_KEYS = {
  all: ['cases'] as const,
  worklists: ['cases', 'worklists'] as const,
  list: (query: Query) => ['cases', 'list', query] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
};

/** Counts of the caller's worklists. */
export async function fetchWorklists(): Promise<WorklistCount[]> {
  return (await get<WorklistCounts>(PATHS.caseWorklists)).items;
}

/**
 * One page of cases; `totalCapped` says a text search counted only its newest 1000 matches;
 * `nextCursor` / `prevCursor` walk the list past its numbered pages (`after` / `before`).
 */
export function fetchCases(query: Query): Promise<CaseList> {
  return get<CaseList>(PATHS.cases, query);
}

/** A case with its events and the caller's allowed actions. */
export function fetchCase(id: string): Promise<CaseView> {
  return get<CaseView>(`${PATHS.cases}/${id}`);
}

/** Applies a workflow action. */
export function applyCaseAction(id: string, action: CaseActionName, body: Record<string, unknown>): Promise<CaseView> {
  return post<CaseView>(`${PATHS.cases}/${id}/actions/${action}`, body);
}

/** The reporter's unmasked contact and the case's title and text as written (one call, one audit entry). */
export function revealCaseContact(id: string): Promise<Revealed> {
  return post<Revealed>(`${PATHS.cases}/${id}/reveal-contact`);
}

/** Assigns several cases to one department. */
export async function batchAssign(caseIds: string[], departmentId: string): Promise<BatchResult[]> {
  return (await post<BatchAssignResult>(PATHS.caseBatchAssign, { caseIds, departmentId })).results;
}

/** Records an offline opinion; answers the new case. */
export function createCase(body: CaseCreate): Promise<CaseView> {
  return post<CaseView>(PATHS.cases, body);
}

/** Uploads evidence or a photo of an offline opinion (multipart field `file`). */
export function uploadCaseFile(file: Blob, fileName: string): Promise<UploadedAttachment> {
  const form = new FormData();
  form.append('file', file, fileName);
  return postForm<UploadedAttachment>(PATHS.attachments, form);
}
