/**
 * Attachment metadata. The bytes live under the data directory by content hash; this
 * table says what they are and which case they belong to.
 */
import type { Selectable } from 'kysely';
import type { DB } from '../database';
import type { AttachmentsTable } from '../schema';

/** An attachment. */
export interface AttachmentRecord {
  id: string;
  sha256: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  originalName: string | null;
  caseId: string | null;
  eventId: string | null;
  uploaderKind: 'citizen' | 'user';
  /** The uploading account's id, or for a citizen the hash of their upload session's token. */
  uploaderId: string | null;
  /** The activity the photo belongs to (0007_duty). */
  activityId?: string | null;
  /** The issue item the file is evidence of (0020_attachment_owners). */
  issueId?: string | null;
  createdAt: string;
}

/** Who uploaded a file: only they may attach it to something. */
export interface AttachmentOwner {
  kind: AttachmentRecord['uploaderKind'];
  id: string;
}

function toRecord(row: Selectable<AttachmentsTable>): AttachmentRecord {
  return {
    id: row.id,
    sha256: row.sha256,
    mime: row.mime,
    size: Number(row.size),
    width: row.width,
    height: row.height,
    originalName: row.original_name,
    caseId: row.case_id,
    eventId: row.event_id,
    uploaderKind: row.uploader_kind as AttachmentRecord['uploaderKind'],
    uploaderId: row.uploader_id,
    activityId: row.activity_id ?? null,
    issueId: row.issue_id ?? null,
    createdAt: row.created_at,
  };
}

/** Reads and writes attachment metadata. */
export class AttachmentRepository {
  constructor(private readonly db: DB) {}

  /** Stores metadata of an uploaded file. */
  async insert(a: AttachmentRecord): Promise<void> {
    await this.db
      .insertInto('attachments')
      .values({
        id: a.id,
        sha256: a.sha256,
        mime: a.mime,
        size: a.size,
        width: a.width,
        height: a.height,
        original_name: a.originalName,
        case_id: a.caseId,
        event_id: a.eventId,
        uploader_kind: a.uploaderKind,
        uploader_id: a.uploaderId,
        created_at: a.createdAt,
      })
      .execute();
  }

  /** One attachment, or undefined. */
  async find(id: string): Promise<AttachmentRecord | undefined> {
    const row = await this.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Attachments by id (for linking to a submission). */
  async findMany(ids: string[]): Promise<AttachmentRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('attachments').selectAll().where('id', 'in', ids).execute();
    return rows.map(toRecord);
  }

  /** Attachments of a case in upload order. */
  async forCase(caseId: string): Promise<AttachmentRecord[]> {
    const rows = await this.db.selectFrom('attachments').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toRecord);
  }

  /**
   * Links free uploads of `owner` to a case (and optionally the event that brought them): the
   * check and the change are one statement, so a file in use (a case's, an activity photo, issue
   * evidence) or someone else's is never taken, even by a concurrent request. Returns how many
   * were linked. Without `owner` (submissions queued before 0020) only files in use are refused.
   */
  async link(ids: string[], caseId: string, eventId: string | null, owner?: AttachmentOwner): Promise<number> {
    if (ids.length === 0) return 0;
    let query = this.db
      .updateTable('attachments')
      .set({ case_id: caseId, event_id: eventId })
      .where('id', 'in', [...new Set(ids)])
      .where('case_id', 'is', null)
      .where('activity_id', 'is', null)
      .where('issue_id', 'is', null);
    if (owner) query = query.where('uploader_kind', '=', owner.kind).where('uploader_id', '=', owner.id);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Marks free uploads of `owner` as evidence of an issue item (same rules as `link`); returns how many. */
  async claimForIssue(ids: string[], issueId: string, owner: AttachmentOwner): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db
      .updateTable('attachments')
      .set({ issue_id: issueId })
      .where('id', 'in', [...new Set(ids)])
      .where('case_id', 'is', null)
      .where('activity_id', 'is', null)
      .where('issue_id', 'is', null)
      .where('uploader_kind', '=', owner.kind)
      .where('uploader_id', '=', owner.id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Unlinked uploads older than `before` (for cleanup). */
  async orphansBefore(before: string): Promise<AttachmentRecord[]> {
    // Activity photos (0007_duty) and issue evidence (0020) have no case but are in use.
    const rows = await this.db
      .selectFrom('attachments')
      .selectAll()
      .where('case_id', 'is', null)
      .where('activity_id', 'is', null)
      .where('issue_id', 'is', null)
      .where('created_at', '<', before)
      .execute();
    return rows.map(toRecord);
  }

  /** Whether any attachment still refers to these bytes. */
  async isHashUsed(sha256: string): Promise<boolean> {
    return !!(await this.db.selectFrom('attachments').select('id').where('sha256', '=', sha256).executeTakeFirst());
  }

  /** Removes attachment rows. */
  async delete(ids: string[]): Promise<void> {
    if (ids.length) await this.db.deleteFrom('attachments').where('id', 'in', ids).execute();
  }
}
