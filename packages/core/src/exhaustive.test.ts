import { describe, expect, it } from 'vitest';
import { isAppError } from './errors';
import { unreachable } from './exhaustive';

describe('unreachable', () => {
  it('compiles only where every member has its branch, and fails loudly if reached anyway', () => {
    const covered = (x: 'a' | 'b') => {
      switch (x) {
        case 'a':
        case 'b':
          return x;
        default:
          return unreachable(x, 'letter');
      }
    };
    const missing = (x: 'a' | 'b') => {
      switch (x) {
        case 'a':
          return x;
        default:
          // @ts-expect-error -- 'b' has no branch: tsc rejects the guard (what a new case action without its branch meets)
          return unreachable(x, 'letter');
      }
    };
    expect(covered('b')).toBe('b');
    let thrown: unknown;
    try {
      missing('b');
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown) && thrown.code === 'INTERNAL_ERROR' && thrown.message).toBe('Unhandled letter: "b"');
  });
});
