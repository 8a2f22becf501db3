import { sql, type Kysely } from 'kysely';

/**
 * Issue #15: an upload may only be linked by whoever uploaded it, and never once it is in use.
 * Evidence files of an issue item (限时销号) were listed only in the item's JSON, so nothing on the
 * attachment said it was taken (and the orphan sweep removed them after two days): `issue_id`
 * marks them, as `activity_id` (0007) marks activity photos. Existing evidence is marked from the items.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE attachments ADD COLUMN issue_id TEXT`.execute(db);
  await markIssueEvidence(db);
}

/** Marks the files listed as an issue item's evidence with the item (also run by a test). */
export async function markIssueEvidence(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE attachments SET issue_id = (
      SELECT i.id FROM issue_items i, json_each(i.evidence_attachment_ids) e WHERE e.value = attachments.id LIMIT 1
    )
    WHERE case_id IS NULL AND EXISTS (
      SELECT 1 FROM issue_items i, json_each(i.evidence_attachment_ids) e WHERE e.value = attachments.id
    )`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Lianxin migrations are forward-only; restore a backup to go back.');
}
