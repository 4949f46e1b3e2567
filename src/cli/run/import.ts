import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../../config.ts';
import { COMMAND_LINE } from '../../publishing/context.ts';
import { importFeed } from '../../sources/import.ts';
import { recordSync } from '../../sources/sync/log.ts';
import { readPeerDocuments } from '../../sources/peers/documents.ts';
import { importPeerFeed } from '../../sources/peers/store.ts';
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
  if (source.kind !== 'advisories') throw new Error('us-state-dept is an advisory source');
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

/** `waypost import uk-fcdo|canada <file|dir|url> [--dry-run [--json]]`: into peer_advice, never into our advisories. */
export async function importPeer(name: 'uk-fcdo' | 'canada', location: string, flags: ImportFlags): Promise<void> {
  const source = sourceNamed(name);
  if (source.kind !== 'peer') throw new Error(`${name} is not a peer source`);
  const startedAt = new Date();
  const parsed = source.parseDocuments(await readPeerDocuments(location, source.documentUrls));
  const store = connect(loadConfig().databaseUrl);
  try {
    await migrate(store);
    const report = await importPeerFeed(store.db, parsed, {
      source: source.name,
      dryRun: flags.dryRun === true,
      alsoInTransaction: (trx, done) => recordSync(trx, { source: source.name, trigger: 'import', location, startedAt, finishedAt: new Date(), outcome: 'imported', report: done }),
    });
    if (flags.json) console.log(JSON.stringify(report, null, 2));
    else printReport(report);
  } finally {
    await store.close();
  }
}
