import { Command, InvalidArgumentError } from 'commander';
import { crisisSummary, crisisView } from '../crises/dashboard.ts';
import { findCrisis } from '../crises/records.ts';
import { sendWave } from '../crises/waves.ts';
import { STATE_LABELS, STATE_ORDER } from '../domain/crises.ts';
import { COMMAND_LINE, EditorialError } from '../publishing/context.ts';
import { withStore } from './users.ts';

/**
 * `waypost crisis wave ID [--follow-up]` and `waypost crisis show ID [--json]` (docs/crises.md):
 * the operator's way to send a check-in wave (audited as "command line"; a running worker sends
 * it) and to read a crisis's counts, the same JSON as `GET /api/v1/crises/{id}`.
 */

const crisisId = (value: string) => {
  const n = Number(value);
  if (!/^\d{1,10}$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('a crisis id is a positive whole number');
  return n;
};

function oneLine(error: unknown): never {
  if (error instanceof EditorialError) throw new Error(error.message);
  throw error;
}

const COUNT_KEYS = { need_help: 'needHelp', no_answer: 'noAnswer', undeliverable: 'undeliverable', safe: 'safe', left: 'left' } as const;

export function crisisCommand(): Command {
  const command = new Command('crisis').description('crises: send check-in waves, show who answered');
  command
    .command('wave')
    .description('send a check-in wave: "Are you safe?" to everyone in scope now (a running worker sends it)')
    .argument('<id>', 'crisis id', crisisId)
    .option('--follow-up', 'only those who have not answered yet')
    .action(async (id: number, options: { followUp?: boolean }) => {
      await withStore(async (store) => {
        const result = await sendWave({ db: store.db, now: () => new Date() }, COMMAND_LINE, id, { followUp: options.followUp ?? false }).catch(oneLine);
        console.log(`wave ${result.wave}${result.followUp ? ' (follow-up)' : ''} of crisis ${id}: ${result.audience} people, ${result.deliveries} messages queued (event ${result.eventId})`);
      });
    });
  command
    .command('show')
    .description('a crisis with its counts by answer (need help first), by place and by wave')
    .argument('<id>', 'crisis id', crisisId)
    .option('--json', 'print JSON (as GET /api/v1/crises/{id})')
    .action(async (id: number, options: { json?: boolean }) => {
      await withStore(async (store) => {
        const crisis = await findCrisis(store.db, id);
        if (!crisis) throw new Error(`there is no crisis ${id}`);
        if (options.json) {
          console.log(JSON.stringify(await crisisView(store.db, crisis), null, 2));
          return;
        }
        const summary = await crisisSummary(store.db, id);
        console.log(`crisis ${crisis.id}: ${crisis.exercise ? 'EXERCISE – ' : ''}${crisis.title} (${crisis.status}), ${crisis.areaDesc}, began ${crisis.startedAt}`);
        console.log(`${summary.people} people: ${STATE_ORDER.map((s) => `${STATE_LABELS[s].toLowerCase()} ${summary.counts[COUNT_KEYS[s]]}`).join(' · ')}`);
        for (const w of summary.waves) console.log(`wave ${w.number} (${w.kind}) ${w.sentAt}: ${w.fannedOut ? `${w.people} people, ${w.deliveries.sent} sent, ${w.deliveries.queued + w.deliveries.sending} waiting, ${w.deliveries.failed + w.deliveries.bounced} failed` : 'waiting for a worker'}`);
      });
    });
  return command;
}
