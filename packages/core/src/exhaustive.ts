/**
 * Exhaustiveness guard for switches over a union (case actions, effect types, job names): call it
 * in the `default` branch with the narrowed value. When a member gains no branch of its own, the
 * value there is not `never` and tsc fails at this call — a new action without its branch does
 * not compile instead of silently doing nothing.
 */
import { AppError } from './errors';

/** Never returns; compiles only where `value` has been narrowed to `never`. */
export function unreachable(value: never, what: string): never {
  throw new AppError('INTERNAL_ERROR', { message: `Unhandled ${what}: ${JSON.stringify(value)}` });
}
