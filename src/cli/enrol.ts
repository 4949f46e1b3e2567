import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../config.ts';
import { enrolmentSettings, type EnrolmentContext } from '../enrolment/context.ts';
import { importEnrolmentCsv, MAX_CSV_BYTES } from '../enrolment/csv-import.ts';
import { purgeExpired } from '../enrolment/purge.ts';
import { createMailTransport } from '../mail/transport.ts';
import { connect, type Store } from '../store/connect.ts';
import { migrate } from '../store/migrate.ts';

async function withContext<T>(run: (ctx: EnrolmentContext, store: Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const settings = enrolmentSettings();
  const store = connect(config.databaseUrl);
  const mail = createMailTransport(config.smtpUrl, store.db);
  try {
    await migrate(store);
    return await run({ db: store.db, config, mail, now: () => new Date(), settings }, store);
  } finally {
    await mail.close();
    await store.close();
  }
}

/** `waypost enrol import <file.csv> --organisation NAME` */
export function enrolCommand(): Command {
  const command = new Command('enrol').description('enrol travellers in bulk for an organisation');
  command
    .command('import')
    .description('enrol a group from CSV (columns: email, name, destination, region, start, end, channels); re-running the same file changes nothing')
    .argument('<file.csv>', 'the CSV file')
    .requiredOption('--organisation <name>', 'the organisation enrolling them (created if absent)')
    .option('--no-welcome', 'do not e-mail new travellers a welcome with one-click unsubscribe')
    .action(async (file: string, options: { organisation: string; welcome: boolean }) => {
      let input: Buffer;
      try {
        input = await readFile(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new Error(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${(error as Error).message}`, { cause: error });
      }
      if (input.length > MAX_CSV_BYTES) throw new Error(`${file} is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`);
      await withContext(async (ctx) => {
        // The bar goes to stderr and only to a terminal: scripts and CI logs get the report alone.
        const bar = process.stderr.isTTY ? new SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic) : undefined;
        let phase = '';
        const report = await importEnrolmentCsv(ctx, input, {
          organisation: options.organisation,
          welcome: options.welcome,
          onProgress: (next, done, total) => {
            if (next !== phase) {
              bar?.stop();
              phase = next;
              bar?.start(total, done, { phase: next.padEnd(8) });
            } else bar?.update(done);
          },
        });
        bar?.stop();
        console.log(`${report.organisation.name}${report.organisation.created ? ' (new organisation)' : ''}: ${report.rows} rows, ${report.enrolled} enrolled, ${report.unchanged} unchanged, ${report.rejected.length} rejected (${(report.milliseconds / 1000).toFixed(1)} s)`);
        if (report.newTravellers) console.log(`${report.newTravellers} new travellers${options.welcome ? `, ${report.welcomed} welcomed by e-mail` : ''}`);
        if (report.rejected.length) {
          console.log('rejected:');
          for (const row of report.rejected) console.log(`  line ${row.line}: ${row.reason}`);
        }
      });
    });
  return command;
}

/** `waypost travellers purge` */
export function travellersCommand(): Command {
  const command = new Command('travellers').description('traveller data housekeeping');
  command
    .command('purge')
    .description('delete trips that ended more than TRIP_RETENTION_DAYS (default 30) ago, and expired sessions and sign-in links')
    .action(async () => {
      await withContext(async (ctx) => {
        const report = await purgeExpired(ctx);
        console.log(`purged ${report.trips} trips that ended or were cancelled before ${report.cutoff} (retention ${ctx.settings.tripRetentionDays} days), ${report.sessions} expired sessions, ${report.links} expired sign-in links`);
      });
    });
  return command;
}
