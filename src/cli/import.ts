import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../config.ts';
import { LEVEL_LABELS, LEVELS } from '../domain/levels.ts';
import { importFeed, type ImportReport } from '../sources/import.ts';
import { readFeedInput } from '../sources/read-input.ts';
import { US_STATE_DEPT } from '../sources/authorities.ts';
import { parseUsStateDept } from '../sources/us-state-dept/parse.ts';
import { connect } from '../store/connect.ts';
import { migrate } from '../store/migrate.ts';

export function importCommand(): Command {
  const command = new Command('import').description('import another government\'s advisories');
  command
    .command('us-state-dept')
    .description('the U.S. State Department travel-advisory RSS feed or Consular Affairs API JSON (auto-detected)')
    .argument('<file-or-url>', 'path or http(s) URL')
    .action(async (location: string) => {
      const parsed = parseUsStateDept(await readFeedInput(location));
      const store = connect(loadConfig().databaseUrl);
      try {
        await migrate(store);
        const bar = process.stderr.isTTY ? new SingleBar({ format: 'importing [{bar}] {value}/{total}' }, Presets.shades_classic) : undefined;
        bar?.start(parsed.entries.length, 0);
        const report = await importFeed(store.db, parsed, US_STATE_DEPT, (done) => bar?.update(done));
        bar?.stop();
        printReport(report, parsed.format);
      } finally {
        await store.close();
      }
    });
  return command;
}

function printReport(report: ImportReport, format: string): void {
  console.log(`read ${format}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`);
  for (const level of LEVELS) console.log(`  Level ${level} ${LEVEL_LABELS[level]}: ${report.byLevel[level]}`);
  if (report.unmapped.length) {
    console.log(`not imported (${report.unmapped.length}):`);
    for (const entry of report.unmapped) console.log(`  ${entry.title}: ${entry.reason}`);
  }
}
