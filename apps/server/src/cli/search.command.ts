/**
 * `lianxin search …`: maintenance of the full-text index. `reindex` recomputes the search tokens
 * of every case (needed once for cases stored before full-text search existed, and after a change
 * of the segmentation dictionary); the database index (FTS5 / tsvector) follows the tokens.
 */
import type { Command } from 'commander';
import { loadConfigOrExit } from '../config';
import { openRuntime } from '../runtime';

/** Registers `lianxin search reindex`. */
export function registerSearchCommands(program: Command): void {
  program
    .command('search')
    .description('Full-text search maintenance')
    .command('reindex')
    .description('Recompute the search tokens of every case (title, content, reply, notes)')
    .option('--batch <n>', 'cases per transaction', '500')
    .action(async (opts: { batch: string }) => {
      const ctx = await openRuntime(loadConfigOrExit());
      const started = performance.now();
      try {
        const batch = Math.max(1, Math.min(10_000, Number.parseInt(opts.batch, 10) || 500));
        let last = 0;
        const count = await ctx.search.reindexAll((done) => {
          if (done - last >= 5000) {
            last = done;
            console.log(`… ${done} cases`);
          }
        }, batch);
        console.log(`Reindexed ${count} cases in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      } catch (error) {
        console.error(error instanceof Error ? error.message : String(error));
        process.exitCode = 1;
      } finally {
        await ctx.storage.close();
      }
    });
}
