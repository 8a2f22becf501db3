/**
 * Setup of every web test file. The console loads its pages and its antd frame lazily (a chunk
 * each in the build); in a test the first of those imports would also transform antd, and a
 * `wait` would time that instead of the page. Console tests import them up front, as the
 * static imports they replaced did.
 */
import { expect } from 'vitest';

if (/[\\/]console-[^\\/]*\.test\.tsx?$/.test(expect.getState().testPath ?? '')) {
  await Promise.all([import('antd'), import('../console/app-frame'), import('../console/layout/console-layout')]);
}
