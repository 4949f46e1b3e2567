import { crisisSummary, crisisView } from '../../crises/dashboard.ts';
import { findCrisis } from '../../crises/records.ts';
import { sendWave } from '../../crises/waves.ts';
import { STATE_LABELS, STATE_ORDER } from '../../domain/crises.ts';
import { COMMAND_LINE, EditorialError } from '../../publishing/context.ts';
import { withStore } from './users.ts';

/** The work of `waypost crisis wave` and `waypost crisis show` (declared in ../crisis.ts). */

function oneLine(error: unknown): never {
  if (error instanceof EditorialError) throw new Error(error.message);
  throw error;
}

const COUNT_KEYS = { need_help: 'needHelp', no_answer: 'noAnswer', undeliverable: 'undeliverable', safe: 'safe', left: 'left' } as const;

export async function sendCrisisWave(id: number, options: { followUp?: boolean }): Promise<void> {
  await withStore(async (store) => {
    const result = await sendWave({ db: store.db, now: () => new Date() }, COMMAND_LINE, id, { followUp: options.followUp ?? false }).catch(oneLine);
    console.log(`wave ${result.wave}${result.followUp ? ' (follow-up)' : ''} of crisis ${id}: ${result.audience} people, ${result.deliveries} messages queued (event ${result.eventId})`);
  });
}

export async function showCrisis(id: number, options: { json?: boolean }): Promise<void> {
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
}
