/** The console's worklist keys (a light module: job payload schemas name them without importing the case service). */
export const WORKLISTS = ['to_accept', 'to_sign', 'in_progress', 'due_soon', 'overdue', 'awaiting_rating', 'supervised', 'flagged'] as const;
/** A worklist key. */
export type Worklist = (typeof WORKLISTS)[number];
