// The build refuses Node built-ins in browser bundles (issue #17): the guard plugin's answer.
import { expect, test } from 'vitest';
import { isNodeBuiltin, noNodeBuiltins } from '../../build-plugins';

test('Node built-ins are recognised with and without the node: prefix', () => {
  for (const id of ['node:crypto', 'crypto', 'fs', 'fs/promises', 'node:zlib', 'node:sqlite']) expect(isNodeBuiltin(id), id).toBe(true);
  for (const id of ['react', 'antd', './crypto', '@lianxin/core', 'events-emitter']) expect(isNodeBuiltin(id), id).toBe(false);
});

test('the build stops at an import of a Node built-in and names the importer', () => {
  const plugin = noNodeBuiltins();
  const resolveId = plugin.resolveId as (this: { error: (message: string) => never }, id: string, importer?: string) => unknown;
  const context = {
    error(message: string): never {
      throw new Error(message);
    },
  };
  expect(() => resolveId.call(context, 'node:crypto', `${process.cwd()}/packages/core/src/event-chain.ts`)).toThrow(/node:crypto.*event-chain\.ts/);
  expect(() => resolveId.call(context, 'fs', undefined)).toThrow(/Node built-in/);
  expect(resolveId.call(context, 'react', 'x.tsx')).toBeNull();
  expect(plugin.apply).toBe('build');
});
