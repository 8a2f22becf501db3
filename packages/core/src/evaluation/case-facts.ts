/**
 * What happened to one opinion case, derived from its event chain alone (DESIGN §2.2: all
 * metrics come from events). Deadlines are those announced by the events themselves
 * (assignment, re-assignment after 不满意, approved extension), so a later change of the
 * case row cannot rewrite history.
 */

/** The parts of a stored case event the facts need. */
export interface CaseEventLike {
  type: string;
  toStatus: string | null;
  at: string;
  actorKind: string;
  payload: Record<string, unknown>;
}

/** Ratings a citizen can give. */
export type FactRating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** One case's facts as of an instant. */
export interface CaseFacts {
  status: string | null;
  assigned: boolean;
  handlerDepartmentId: string | null;
  handlerDeputyId: string | null;
  signed: boolean;
  signedOnTime: boolean;
  replied: boolean;
  repliedOnTime: boolean;
  repliedAt: string | null;
  closed: boolean;
  returned: boolean;
  reopened: boolean;
  rating: FactRating | null;
  ratedAt: string | null;
  /** A clock ran out: signed or replied late, or a deadline passed with nothing done. */
  overdue: boolean;
  converted: boolean;
  rejected: boolean;
  merged: boolean;
}

const ms = (iso: string): number => Date.parse(iso);
const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Facts of one case from its events (any order; only events at or before `asOf` count). */
export function caseFacts(events: readonly CaseEventLike[], asOf: string): CaseFacts {
  const until = ms(asOf);
  const ordered = events.filter((e) => ms(e.at) <= until).sort((a, b) => ms(a.at) - ms(b.at));
  const f: CaseFacts = {
    status: null,
    assigned: false,
    handlerDepartmentId: null,
    handlerDeputyId: null,
    signed: false,
    signedOnTime: false,
    replied: false,
    repliedOnTime: false,
    repliedAt: null,
    closed: false,
    returned: false,
    reopened: false,
    rating: null,
    ratedAt: null,
    overdue: false,
    converted: false,
    rejected: false,
    merged: false,
  };
  let signDeadline: string | null = null;
  let replyDeadline: string | null = null;
  for (const e of ordered) {
    if (e.toStatus) f.status = e.toStatus;
    if (e.toStatus === 'reopened') f.reopened = true;
    switch (e.type) {
      case 'assign':
      case 'reassigned':
        f.assigned = true;
        f.handlerDepartmentId = text(e.payload.departmentId);
        f.handlerDeputyId = text(e.payload.deputyId);
        signDeadline = text(e.payload.signDeadline);
        replyDeadline = text(e.payload.replyDeadline);
        break;
      case 'approve_extension':
        replyDeadline = text(e.payload.replyDeadline) ?? replyDeadline;
        break;
      case 'return':
        f.returned = true;
        signDeadline = null;
        replyDeadline = null;
        break;
      case 'sign':
        if (!f.signed) {
          f.signed = true;
          f.signedOnTime = !signDeadline || ms(e.at) <= ms(signDeadline);
          if (!f.signedOnTime) f.overdue = true;
        }
        signDeadline = null;
        break;
      case 'reply':
      case 'answer_on_site':
        if (!f.replied) {
          f.replied = true;
          f.repliedAt = e.at;
          f.repliedOnTime = e.type === 'answer_on_site' || !replyDeadline || ms(e.at) <= ms(replyDeadline);
          if (!f.repliedOnTime) f.overdue = true;
        } else if (replyDeadline && ms(e.at) > ms(replyDeadline)) {
          f.overdue = true;
        }
        signDeadline = null;
        replyDeadline = null;
        break;
      case 'rate': {
        const rating = text(e.payload.rating);
        if (rating === 'satisfied' || rating === 'basically_satisfied' || rating === 'unsatisfied') {
          f.rating = rating;
          f.ratedAt = e.at;
        }
        break;
      }
      case 'convert':
        f.converted = true;
        break;
      default:
        break;
    }
  }
  // A deadline still open at `asOf` that has already passed is overdue too.
  if ((signDeadline && ms(signDeadline) < until) || (replyDeadline && ms(replyDeadline) < until)) f.overdue = true;
  f.closed = f.status === 'closed';
  f.rejected = f.status === 'rejected';
  f.merged = f.status === 'merged';
  return f;
}
