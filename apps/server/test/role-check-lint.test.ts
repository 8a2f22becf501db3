/**
 * Issue #16 item 2: the lint rule `lianxin/no-role-checks` (eslint-rules/no-role-checks.js) forbids
 * role checks outside packages/core. Proved on fixtures: every role check in violations.ts is
 * reported, nothing in allowed.ts (the same words used for other things, and asking the policy);
 * and the configuration applies the rule to server, web and storage code but not to core.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = 'apps/server/test/fixtures/role-checks';
const RULE = 'lianxin/no-role-checks';

/** ESLint with the repository's configuration, the rule switched on for the fixtures (tests are exempt). */
const eslint = new ESLint({
  cwd: ROOT,
  ignore: false,
  overrideConfig: [{ files: [`${FIXTURES}/**`], rules: { [RULE]: 'error' } }],
});

async function reportedLines(file: string): Promise<number[]> {
  const [result] = await eslint.lintFiles([path.join(ROOT, FIXTURES, file)]);
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.line);
}

describe('lint rule lianxin/no-role-checks', () => {
  it('reports every role check of the fixture', { timeout: 120_000 }, async () => {
    const source = (await import('node:fs')).readFileSync(path.join(ROOT, FIXTURES, 'violations.ts'), 'utf8').split('\n');
    const marked = source.flatMap((line, i) => (line.includes('// role check') ? [i + 1] : []));
    expect(marked.length).toBeGreaterThanOrEqual(8);
    const lines = await reportedLines('violations.ts');
    expect([...new Set(lines)]).toEqual(marked);
    // `.some((r) => r === 'staff')` is two checks: the search and the comparison.
    expect(lines.length).toBe(marked.length + 1);
  });

  it('reports nothing where the words mean something else, or the policy is asked', { timeout: 120_000 }, async () => {
    expect(await reportedLines('allowed.ts')).toEqual([]);
  });

  it('applies outside packages/core, not inside it', async () => {
    const level = async (file: string) => ((await eslint.calculateConfigForFile(path.join(ROOT, file))) as { rules: Record<string, unknown> }).rules[RULE];
    for (const file of [
      'apps/server/src/cases/case.service.ts',
      'apps/web/src/console/voting/round-page.tsx',
      'packages/storage/src/index.ts',
      'bench/run.ts',
    ]) {
      expect(await level(file), file).toEqual([2]);
    }
    for (const file of ['packages/core/src/policy.ts', 'apps/server/test/access-matrix.test.ts']) {
      expect(await level(file), file).toEqual([0]);
    }
  });
});
