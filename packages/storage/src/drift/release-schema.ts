/**
 * The schema of the last landed release, frozen as committed JSON (`packages/storage/schema/`):
 * the migrations that release had and what its database looked like on each engine, read by
 * introspect.ts from databases its own code migrated. The schema drift test rebuilds that
 * database from today's migration files (only the release's names) and must get exactly this —
 * an old migration edited in place would give databases that upgraded a different schema than
 * fresh ones — then migrates it to the latest and must get exactly a fresh database.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '../database';
import type { SchemaShape } from './introspect';

/** Where the release schemas are kept. */
export const RELEASE_SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

/** One engine's schema at a release. */
export interface ReleaseSchema {
  /** The release's commit. */
  release: string;
  /** The migrations that release ran, in order. */
  migrations: string[];
  schema: SchemaShape;
}

/** The file holding `dialect`'s release schema. */
export function releaseSchemaFile(dialect: Dialect): string {
  return `${RELEASE_SCHEMA_DIR}release.${dialect}.json`;
}

/** The committed release schema of `dialect`. */
export function readReleaseSchema(dialect: Dialect): ReleaseSchema {
  return JSON.parse(fs.readFileSync(releaseSchemaFile(dialect), 'utf8')) as ReleaseSchema;
}
