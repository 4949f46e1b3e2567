import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../../config.ts';
import { COMMAND_LINE } from '../../publishing/context.ts';
import { importFeed } from '../../sources/import.ts';
import { recordSync } from '../../sources/sync/log.ts';
import { readFeedInput } from '../../sources/read-input.ts';
import { sourceNamed } from '../../sources/sync/registry.ts';
import { connect } from '../../store/connect.ts';
import { migrate } from '../../store/migrate.ts';
import { printReport } from '../import-report.ts';

export interface ImportFlags {
  dryRun?: boolean;
  json?: boolean;
  force?: boolean;
}

/** `waypost import us-state-dept <file-or-url> [--dry-run [--json]] [--force]` */
export async function importUsStateDept(location: string, flags: ImportFlags): Promise<void> {
  const source = sourceNamed('us-state-dept');
  const startedAt = new Date();
  const parsed = source.parse(await readFeedInput(location));
  const store = connect(loadConfig().databaseUrl);
  try {
    await migrate(store);
    const bar = process.stderr.isTTY && !flags.dryRun ? new SingleBar({ format: 'importing [{bar}] {value}/{total}' }, Presets.shades_classic) : undefined;
    bar?.start(parsed.entries.length, 0);
    const report = await importFeed(store.db, parsed, {
      authority: source.authority,
      dryRun: flags.dryRun === true,
      force: flags.force === true,
      actor: COMMAND_LINE,
      onProgress: (done, total) => {
        bar?.setTotal(total);
        bar?.update(done);
      },
      alsoInTransaction: (trx, done) => recordSync(trx, { source: source.name, trigger: 'import', location, startedAt, finishedAt: new Date(), outcome: 'imported', report: done }),
    });
    bar?.stop();
    if (flags.json) console.log(JSON.stringify(report, null, 2));
    else printReport(report);
  } finally {
    await store.close();
  }
}
