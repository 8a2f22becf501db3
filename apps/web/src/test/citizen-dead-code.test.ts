/**
 * Issue #15 item 18: the citizen pages carry no dead placeholders. Every citizen module is
 * imported by another one (main.tsx is the entry m.html loads), and the "coming soon" page
 * and its words are gone.
 */
import { expect, test } from 'vitest';

const sources = import.meta.glob<string>('../citizen/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true });

test('every citizen module is imported by another (no orphaned pages)', () => {
  const names = Object.keys(sources).map((p) => p.replace('../citizen/', '').replace(/\.tsx?$/, ''));
  const orphans = names.filter(
    (name) =>
      name !== 'main' &&
      !Object.entries(sources).some(([path, text]) => !path.endsWith(`/${name}.tsx`) && !path.endsWith(`/${name}.ts`) && text.includes(`'./${name}'`)),
  );
  expect(orphans).toEqual([]);
});

test('the coming-soon placeholder and its words are gone', () => {
  for (const [path, text] of Object.entries(sources)) {
    expect(path).not.toContain('coming-soon');
    expect(text, path).not.toMatch(/comingSoon|即将上线|Coming soon/);
  }
});
