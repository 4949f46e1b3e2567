import { loadConfig } from '../../config.ts';
import { startSyncLoop } from '../../sources/sync/scheduler.ts';
import { sourceNamed } from '../../sources/sync/registry.ts';
import { syncSource, type SyncResult } from '../../sources/sync/sync.ts';
import { connect } from '../../store/connect.ts';
import { migrate } from '../../store/migrate.ts';

export async function sync(name: string, options: { url?: string; every?: number }): Promise<void> {
  const source = sourceNamed(name);
  const store = connect(loadConfig().databaseUrl);
  await migrate(store);
  const url = options.url ?? source.defaultUrl;
  if (!options.every) {
    try {
      const result = await syncSource(store.db, source, { url });
      console.log(describeSync(name, result));
      // A failed sync is a failed command: cron and CI must notice.
      if (result.outcome === 'failed') throw new Error(result.error);
    } finally {
      await store.close();
    }
    return;
  }
  const loop = startSyncLoop(store.db, { sources: [{ source, url }], everyMs: options.every }, {
    done: (_scheduled, result) => console.log(describeSync(name, result)),
    error: (message, error) => console.error(`${message}: ${(error as Error).message}`),
  }, 'sync');
  const stop = async () => {
    await loop.stop();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** One line per run, as the sync log has it. */
export function describeSync(name: string, result: SyncResult, at = new Date()): string {
  const when = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const status = result.httpStatus === null ? 'no answer' : `HTTP ${result.httpStatus}`;
  if (result.outcome === 'failed') return `${when} ${name}: failed (${status}): ${result.error}`;
  if (result.outcome === 'not-modified') return `${when} ${name}: not modified (${status})`;
  const r = result.report!;
  return `${when} ${name}: ${status}, ${r.items} items: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped as older, ${r.merged} merged, ${r.unmapped.length} unmapped; ${r.events} notification event(s)`;
}
