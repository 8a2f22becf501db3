/**
 * Secret, countable ballots. A ballot carries only the choices and a random nonce; it is
 * stored without the voter and without a time, so it cannot be traced back. Its hash
 *
 *   hash = SHA-256( canonicalJson({ roundId, phase, choices, nonce }) )
 *
 * is the voter's receipt (shown once, never stored with the voter) and is published with
 * the ballot, so anyone can recount and every voter can find their own ballot. The digest
 * of all hashes (sorted, joined with newlines) is fixed when the count is made; a ballot
 * added, changed or removed later changes the digest.
 */
import { AppError, type ErrorDetail } from '../errors';
import { SATISFACTION_CHOICES, type SatisfactionChoice } from './voting-model';

/** The choices of a project-selection ballot: the chosen candidate ids, sorted. */
export interface SelectionChoices {
  selected: string[];
}

/** The choices of a satisfaction ballot: one choice per chosen project. */
export interface SatisfactionChoices {
  ratings: Record<string, SatisfactionChoice>;
}

/** A ballot as stored and published. */
export interface Ballot<C = SelectionChoices | SatisfactionChoices> {
  roundId: string;
  phase: 'selection' | 'satisfaction';
  choices: C;
  nonce: string;
}

function invalid(details: ErrorDetail[]): AppError {
  return new AppError('VOTE_BALLOT_INVALID', { details });
}

/**
 * Checks a selection: between 1 and `choose` distinct ids, all on the ballot. Returns the
 * normalized (sorted) choices. A ballot choosing more than K is invalid, not cut short.
 */
export function validateSelection(selected: unknown, candidateIds: readonly string[], choose: number): SelectionChoices {
  if (!Array.isArray(selected) || selected.some((v) => typeof v !== 'string')) throw invalid([{ path: 'selected', code: 'invalid_type' }]);
  const unique = [...new Set(selected as string[])];
  if (unique.length !== selected.length) throw invalid([{ path: 'selected', code: 'duplicate', message: 'a project is chosen at most once' }]);
  if (unique.length === 0) throw invalid([{ path: 'selected', code: 'too_small', message: 'choose at least one project' }]);
  if (unique.length > choose) throw invalid([{ path: 'selected', code: 'too_big', message: `choose at most ${choose} projects` }]);
  const unknown = unique.filter((id) => !candidateIds.includes(id));
  if (unknown.length) throw invalid(unknown.map((id) => ({ path: 'selected', code: 'not_on_ballot', message: id })));
  return { selected: unique.sort() };
}

/** Checks a satisfaction ballot: exactly one valid choice for every project. */
export function validateSatisfaction(ratings: unknown, projectIds: readonly string[]): SatisfactionChoices {
  if (typeof ratings !== 'object' || ratings === null || Array.isArray(ratings)) throw invalid([{ path: 'ratings', code: 'invalid_type' }]);
  const entries = Object.entries(ratings as Record<string, unknown>);
  const details: ErrorDetail[] = [];
  for (const [id, choice] of entries) {
    if (!projectIds.includes(id)) details.push({ path: `ratings.${id}`, code: 'not_on_ballot' });
    if (!SATISFACTION_CHOICES.includes(choice as SatisfactionChoice)) details.push({ path: `ratings.${id}`, code: 'invalid_enum_value' });
  }
  for (const id of projectIds) if (!(id in ratings)) details.push({ path: `ratings.${id}`, code: 'required' });
  if (details.length) throw invalid(details);
  return { ratings: Object.fromEntries(projectIds.map((id) => [id, (ratings as Record<string, SatisfactionChoice>)[id]])) };
}
