/**
 * What the text intelligence hears from the closed loop: a case was stored (intake), or its
 * searchable text changed (reply, on-site answer, note). Failures never fail the request — the
 * case is already stored; `lianxin search reindex` repairs missed tokens.
 */
import type { CaseRecord } from '@lianxin/storage';

/** Listener of case text changes. */
export interface CaseTextEvents {
  /** A new case was stored. */
  caseStored(record: CaseRecord): Promise<void>;
  /** The title, content, reply or notes of a case changed. */
  caseTextChanged(record: CaseRecord): Promise<void>;
}

/** The listener that keeps the search tokens and the near-duplicate index current. */
export function caseTextEvents(
  search: { refresh(caseId: string): Promise<void> },
  duplicates: { note(record: CaseRecord): void },
  onError: (error: unknown) => void = () => {},
): CaseTextEvents {
  const safely = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      onError(error);
    }
  };
  return {
    caseStored: (record) =>
      safely(async () => {
        await search.refresh(record.id);
        duplicates.note(record);
      }),
    caseTextChanged: (record) =>
      safely(async () => {
        await search.refresh(record.id);
        duplicates.note(record);
      }),
  };
}
