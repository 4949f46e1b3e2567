import { readFile } from 'node:fs/promises';
import { Presets, SingleBar } from 'cli-progress';
import { loadConfig } from '../../config.ts';
import { DATE_FORMATS, readDateFormat } from '../../domain/date-formats.ts';
import { EnrolmentError, enrolmentSettings, type EnrolmentContext } from '../../enrolment/context.ts';
import { MAX_CSV_BYTES } from '../../enrolment/csv-check.ts';
import { importEnrolmentCsv } from '../../enrolment/csv-import.ts';
import { organisationByName } from '../../enrolment/verification.ts';
import { purgeExpired } from '../../enrolment/purge.ts';
import { createMailTransport } from '../../mail/transport.ts';
import { connect, type Store } from '../../store/connect.ts';
import { migrate } from '../../store/migrate.ts';

export async function enrolImport(file: string, options: { organisation: string; welcome: boolean; dateFormat?: string }): Promise<void> {
  const dateFormat = readDateFormat(options.dateFormat);
  if (!dateFormat) throw new Error(`--date-format must be one of ${DATE_FORMATS.join(', ')} (got "${options.dateFormat}")`);
  let input: Buffer;
  try {
    input = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (input.length > MAX_CSV_BYTES) throw new Error(`${file} is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`);
  await withContext(async (ctx) => {
    await requireVerified(ctx, options.organisation);
    const started = performance.now();
    // The bar goes to stderr and only to a terminal: scripts and CI logs get the report alone.
    const bar = process.stderr.isTTY ? new SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic) : undefined;
    let phase = '';
    const { report, mailing } = await importEnrolmentCsv(ctx, input, {
      organisation: options.organisation,
      welcome: options.welcome,
      dateFormat,
      onProgress: (next, done, total) => {
        if (next !== phase) {
          bar?.stop();
          phase = next;
          bar?.start(total, done, { phase: next.padEnd(8) });
        } else bar?.update(done);
      },
    }).catch(oneLine);
    const mail = await mailing;
    bar?.stop();
    console.log(`${report.organisation.name}: ${report.rows} rows, ${report.enrolledOrInvited} enrolled or invited, ${report.unchanged} unchanged, ${report.rejected.length} rejected (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    if (mail.sent + mail.failed + mail.stopped) {
      console.log(`${mail.sent} e-mails sent (welcomes and invitations)${mail.failed ? `, ${mail.failed} failed` : ''}${mail.stopped ? `, ${mail.stopped} not sent: the organisation's verification was withdrawn meanwhile` : ''}`);
    }
    if (report.rejected.length) {
      console.log('rejected:');
      for (const row of report.rejected) console.log(`  line ${row.line}: ${row.reason}`);
    }
  });
}

export async function purgeTravellers(): Promise<void> {
  await withContext(async (ctx) => {
    const report = await purgeExpired(ctx);
    console.log(`purged ${report.trips} trips that ended or were cancelled before ${report.cutoff} (retention ${ctx.settings.tripRetentionDays} days), ${report.sessions} expired sessions, ${report.links} expired sign-in links, ${report.cases} closed cases past CASE_RETENTION_DAYS`);
  });
}

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

/** A refusal of the services (not verified, over the daily limit…) as the CLI's one-line error. */
function oneLine(error: unknown): never {
  if (error instanceof EnrolmentError) throw new Error(error.message);
  throw error;
}

/**
 * The command line runs as the operator, but it does not create or verify an organisation as a
 * side effect of an import: it says what to run (waypost organisations add / verify), which is audited.
 */
async function requireVerified(ctx: EnrolmentContext, name: string): Promise<void> {
  const organisation = await organisationByName(ctx.db, name);
  if (!organisation) throw new Error(`there is no organisation "${name}": create it with \`waypost organisations add "${name}"\`, then verify it with \`waypost organisations verify "${name}"\``);
  if (organisation.state === 'unverified') throw new Error(`organisation "${organisation.name}" is not verified, so it cannot import or invite anyone: verify it first with \`waypost organisations verify "${organisation.name}"\` (or in the console, Organisations)`);
  if (organisation.state === 'withdrawn') throw new Error(`organisation "${organisation.name}" had its verification withdrawn, so it cannot import or invite anyone; \`waypost organisations verify "${organisation.name}"\` verifies it again`);
}
