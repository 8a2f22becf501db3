/**
 * The `lianxin` command line: start, migrate, seed, user create, backup, restore.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { ROLES, isAppError, type Role } from '@lianxin/core';
import { UserCreateSchema } from '@lianxin/contracts';
import { backupWithManifest, compareWithManifest, migrateToLatest, readManifest, restoreDatabase, verifySqliteBackup } from '@lianxin/storage';
import { loadConfigOrExit } from './config';
import { openRuntime, openStorage } from './runtime';
import { startServer } from './server';
import { describeTimings, seedDemo } from './demo/history/demo-history';
import { verifyAuditChains } from './audit/audit-verify';
import { registerTextCommands } from './cli/text.command';
import { registerSearchCommands } from './cli/search.command';

function fail(error: unknown): never {
  if (isAppError(error)) console.error(`${error.code}: ${error.message}${error.details.length ? ` ${JSON.stringify(error.details)}` : ''}`);
  else console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** Builds the command tree (exported for tests). */
export function buildCli(): Command {
  const program = new Command('lianxin').description('连心 Lianxin — deputy liaison platform').showHelpAfterError();

  program
    .command('start')
    .description('Migrate, seed demo data on an empty database (demo mode only) and serve')
    .action(async () => {
      const server = await startServer(loadConfigOrExit()).catch(fail);
      const shutdown = () => {
        void server.stop().finally(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  program
    .command('migrate')
    .description('Bring the database schema up to date (safe with several instances)')
    .action(async () => {
      const storage = openStorage(loadConfigOrExit());
      try {
        const { applied } = await migrateToLatest(storage);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Schema is up to date.');
      } catch (error) {
        fail(error);
      } finally {
        await storage.close();
      }
    });

  program
    .command('seed')
    .description('Load data')
    .requiredOption('--demo', 'the demo organisation, accounts and a year of history (LIANXIN_DEMO_CASES; refused when NODE_ENV=production)')
    .action(async () => {
      const ctx = await openRuntime(loadConfigOrExit()).catch(fail);
      try {
        const { seeded, history } = await seedDemo(ctx);
        console.log(seeded ? 'Demo data loaded.' : 'Demo data was already loaded; nothing changed.');
        if (history) console.log(`  ${history.cases.cases} opinions over a year (${describeTimings(history.timings)})`);
      } catch (error) {
        fail(error);
      } finally {
        await ctx.storage.close();
      }
    });

  const user = program.command('user').description('Manage accounts');
  user
    .command('create')
    .description('Create an account')
    .requiredOption('--username <name>')
    .requiredOption('--password <password>', 'at least 10 characters')
    .addOption(new Option('--role <role...>', 'one or more roles').choices([...ROLES]).makeOptionMandatory())
    .option('--display-name <name>')
    .option('--unit <id>', 'unit scope (staff)')
    .option('--department <id>', 'department scope')
    .option('--deputy <id>', 'deputy record (deputy accounts)')
    .action(async (opts: { username: string; password: string; role: Role[]; displayName?: string; unit?: string; department?: string; deputy?: string }) => {
      const parsed = UserCreateSchema.safeParse({
        username: opts.username,
        password: opts.password,
        displayName: opts.displayName ?? opts.username,
        roles: opts.role,
        scope: { unitId: opts.unit ?? null, departmentId: opts.department ?? null, deputyId: opts.deputy ?? null },
      });
      if (!parsed.success) fail(new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')));
      const ctx = await openRuntime(loadConfigOrExit()).catch(fail);
      try {
        const created = await ctx.users.create(null, parsed.data);
        console.log(`Created ${created.username} (${created.roles.join(', ')}) id=${created.id}`);
      } catch (error) {
        fail(error);
      } finally {
        await ctx.storage.close();
      }
    });

  program
    .command('audit')
    .description('Audit trail tools')
    .command('verify')
    .description(
      'Check the hash chains of every case and suggestion/motion and of the admin audit log, and every ballot hash; names the first break and exits 1 if any',
    )
    .action(async () => {
      const ctx = await openRuntime(loadConfigOrExit()).catch(fail);
      try {
        const result = await verifyAuditChains(ctx.repos, { openPool: (roundId, phase, sealed) => ctx.voting.openPool(roundId, phase, sealed) });
        const counts = `${result.cases} cases, ${result.events} events; ${result.proposals} proposals, ${result.proposalEvents} proposal events; ${result.auditEntries} audit log entries; ${result.ballots} ballots`;
        if (result.ok) console.log(`Audit chain OK: ${counts}.`);
        else {
          console.error(
            `Audit chain BROKEN at ${result.kind} ${result.label} (${result.id}), event ${result.eventId ?? '-'}: ${result.reason} [checked ${counts}]`,
          );
          process.exitCode = 1;
        }
      } catch (error) {
        fail(error);
      } finally {
        await ctx.storage.close();
      }
    });

  program
    .command('backup')
    .description('Write a consistent backup (SQLite online backup, or pg_dump for PostgreSQL)')
    .argument('[file]', 'output file (default: <data>/backups/lianxin-<time>.sqlite|.dump)')
    .action(async (file: string | undefined) => {
      const config = loadConfigOrExit();
      const storage = openStorage(config);
      const out = file ?? path.join(config.dataDir, 'backups', `lianxin-${timestamp()}.${storage.dialect === 'sqlite' ? 'sqlite' : 'dump'}`);
      try {
        const { bytes, manifestFile, manifest } = await backupWithManifest(storage, out, config.databaseUrl);
        if (storage.dialect === 'sqlite') {
          const check = verifySqliteBackup(out);
          if (check.integrity !== 'ok') throw new Error(`backup failed its integrity check: ${check.integrity}`);
        }
        const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
        console.log(`Backup written: ${out} (${bytes} bytes; ${Object.keys(manifest.tables).length} tables, ${rows} rows listed in ${manifestFile}).`);
        console.log(`Keep ${config.keyFile} (or LIANXIN_SECRET_KEY) with it: contact data cannot be read without the key.`);
      } catch (error) {
        fail(error);
      } finally {
        await storage.close();
      }
    });

  program
    .command('restore')
    .description('Restore a backup over the current database (stop the server first on SQLite)')
    .argument('<file>')
    .requiredOption('--yes', 'confirm that the current data will be replaced')
    .option('--verify', 'check every table against the backup manifest (row count and content digest), then the audit chains')
    .action(async (file: string, opts: { verify?: boolean }) => {
      const config = loadConfigOrExit();
      if (!fs.existsSync(file)) fail(new Error(`No such file: ${file}`));
      try {
        // Read first: a backup without its manifest cannot be verified, so nothing is replaced.
        const manifest = opts.verify ? readManifest(file) : null;
        await restoreDatabase({ file, sqlitePath: config.sqlitePath, databaseUrl: config.databaseUrl });
        // Compared before migrations run: they may change tables after the backup's version.
        if (manifest) {
          const mismatches = await compareWithManifest(manifest, { sqlitePath: config.sqlitePath, databaseUrl: config.databaseUrl });
          for (const m of mismatches) {
            console.error(
              `Table ${m.table}: backup ${m.expected ? `${m.expected.rows} rows, digest ${m.expected.digest}` : 'absent'}; restored ${m.actual ? `${m.actual.rows} rows, digest ${m.actual.digest}` : 'absent'}`,
            );
          }
          if (mismatches.length) throw new Error(`Restore verification FAILED: ${mismatches.length} table(s) differ from the backup.`);
          console.log(`Verified: ${Object.keys(manifest.tables).length} tables match the backup's row counts and digests.`);
        }
        const storage = openStorage(config);
        const { applied } = await migrateToLatest(storage);
        await storage.close();
        console.log(`Restored from ${file}.${applied.length ? ` Then applied: ${applied.join(', ')}` : ''}`);
        if (manifest) {
          const ctx = await openRuntime(config);
          try {
            const audit = await verifyAuditChains(ctx.repos, { openPool: (roundId, phase, sealed) => ctx.voting.openPool(roundId, phase, sealed) });
            if (!audit.ok) throw new Error(`Restore verification FAILED: audit chain broken at ${audit.kind} ${audit.label}: ${audit.reason}`);
            console.log(
              `Audit chain OK: ${audit.cases} cases, ${audit.events} events; ${audit.proposals} proposals; ${audit.auditEntries} audit log entries; ${audit.ballots} ballots.`,
            );
          } finally {
            await ctx.storage.close();
          }
        }
      } catch (error) {
        fail(error);
      }
    });

  registerTextCommands(program);
  registerSearchCommands(program);
  return program;
}

/** Runs the CLI with `argv`. */
export async function main(argv: string[]): Promise<void> {
  await buildCli().parseAsync(argv);
}
