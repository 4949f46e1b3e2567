/**
 * Group enrolment from CSV: 10,000 rows with 50 bad ones (the file the test suite checks the
 * outcome of, test/helpers/enrolment-csv.ts) imported into an empty database, then the same file
 * again (which must change nothing). Prints the wall-clock time of each, median over the rounds;
 * each round uses a fresh database.
 *
 *   node bench/enrol-csv.ts [--rounds 3] [--database sqlite|postgres]
 */
import { parseArgs } from 'node:util';
import type { EnrolmentContext } from '../src/enrolment/context.ts';
import { importEnrolmentCsv } from '../src/enrolment/csv-import.ts';
import { addOrganisation, changeVerification } from '../src/enrolment/verification.ts';
import { outboxTransport } from '../src/mail/transport.ts';
import { COMMAND_LINE } from '../src/publishing/context.ts';
import { bigEnrolmentCsv } from '../test/helpers/enrolment-csv.ts';
import { median, openBenchStore } from './notify-fixtures.ts';

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    database: { type: 'string', default: 'sqlite' },
  },
});
const { csv } = bigEnrolmentCsv();
const first: number[] = [];
const again: number[] = [];

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

for (let round = 0; round < Number(options.rounds); round++) {
  const bench = await openBenchStore(options.database, 'enrol');
  try {
    const ctx: EnrolmentContext = {
      db: bench.store.db,
      config: { secret: 'bench-secret', publicUrl: 'http://waypost.test' },
      mail: outboxTransport(bench.store.db),
      now: () => new Date('2026-03-01T10:00:00Z'),
      settings: { tripRetentionDays: 30, allowPrivateWebhooks: false, dailyImportLimit: 100_000 },
    };
    const organisation = await addOrganisation(ctx, 'Big Company', COMMAND_LINE);
    await changeVerification(ctx, organisation.id, 'verify', COMMAND_LINE);
    // As the CLI does it: the import, then its e-mails (none here: --no-welcome).
    const once = () => importEnrolmentCsv(ctx, csv, { organisation: 'Big Company', welcome: false }).then(({ mailing }) => mailing);
    first.push(await seconds(once));
    again.push(await seconds(once));
    console.log(`round ${round + 1}: first import ${first.at(-1)!.toFixed(2)} s, re-import ${again.at(-1)!.toFixed(2)} s`);
  } finally {
    await bench.dispose();
  }
}
console.log(`\n${options.database}, 10,000 rows (50 bad): first import median ${median(first).toFixed(2)} s, re-import median ${median(again).toFixed(2)} s`);
