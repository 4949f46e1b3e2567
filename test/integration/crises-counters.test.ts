import { afterEach, describe, expect, it } from 'vitest';
import { recordLinkAnswer, recordLinkAnswers } from '../../src/crises/answers.ts';
import { readCounts, wavePending, type StoredCounts } from '../../src/crises/counters.ts';
import { closeCrisis, declareCrisis } from '../../src/crises/declare.ts';
import { recountCrisis } from '../../src/crises/recount.ts';
import { sendWave } from '../../src/crises/waves.ts';
import { CRISIS_ANSWERS } from '../../src/domain/crises.ts';
import type { EnrolmentContext } from '../../src/enrolment/context.ts';
import { deleteTraveller } from '../../src/enrolment/privacy.ts';
import { fanOutEvent } from '../../src/notify/audience.ts';
import { deleteDeliveriesOf } from '../../src/notify/forget.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addTraveller, addTrip, addWebhook } from '../helpers/notify.ts';
import { day } from '../helpers/crises-setup.ts';

/**
 * The stored counts (migration 018, src/crises/counters.ts) against a full recount from the raw
 * tables (src/crises/recount.ts), after every step of random waves, answers, sends,
 * failures, bounces, deleted channels and people, and a close; two crises share the people.
 */
const sorted = (c: StoredCounts) => ({ counts: c.counts, byPlace: [...c.byPlace].sort((a, b) => `${a.destination}${a.region}`.localeCompare(`${b.destination}${b.region}`)) });

describe.each(ENGINES)('stored crisis counts on %s', (engine) => {
  let store: TestStore;
  afterEach(async () => store?.close());

  it('equal a full recount after every one of 150 random steps', { timeout: 120_000 }, async () => {
    store = await createTestStore(engine);
    const db = store.db;
    let seed = 11;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const people: { id: number; channels: number[] }[] = [];
    const addPerson = async (i: number) => {
      const t = await addTraveller(db, `p${i}@example.org`, { unsubscribed: random() < 0.1, emailConfirmed: random() > 0.1 });
      const channels = [t.emailChannel];
      if (random() < 0.2) channels.push(await addWebhook(db, t.id, `https://hooks.example.org/${i}`, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'));
      for (let k = random() < 0.3 ? 2 : 1; k > 0; k--) await addTrip(db, t.id, pick(['RU', 'RU', 'BY', 'FR']), { region: pick([null, 'RU-MOW', 'Moscow', 'RU-SPE']), start: day(-3), end: day(5) });
      people.push({ id: t.id, channels });
    };
    for (let i = 0; i < 30; i++) await addPerson(i);
    const ctx = { db, now: () => new Date() };
    const startedAt = new Date(Date.now() - 86_400_000).toISOString();
    const crises = [
      (await declareCrisis(ctx, COMMAND_LINE, { title: 'Unrest', destinations: ['RU', 'BY'], regions: ['RU-MOW'], startedAt })).id,
      (await declareCrisis(ctx, COMMAND_LINE, { title: 'Floods', destinations: ['RU'], startedAt })).id,
    ];
    const waves: { crisis: number; waveId: number; eventId: number }[] = [];
    const live = () => db.selectFrom('deliveries').select(['id', 'traveller_id', 'channel_id', 'status']).where('status', 'in', ['queued', 'sending', 'sent']).execute();
    const seen = new Set<string>();
    let closed = false;

    for (let step = 0; step < 150; step++) {
      const roll = random();
      let what: string;
      if (roll < 0.08 || waves.length === 0) {
        const crisis = closed ? crises[1]! : pick(crises);
        const sent = await sendWave(ctx, COMMAND_LINE, crisis, { followUp: waves.some((w) => w.crisis === crisis) && random() < 0.4 });
        waves.push({ crisis, waveId: sent.waveId, eventId: sent.eventId });
        what = 'wave';
      } else if (roll < 0.2) {
        // A wave queues its messages itself; a worker finding it again adds nothing.
        const wave = pick(waves);
        const again = await fanOutEvent(db, wave.eventId);
        expect(again?.inserted, 'a wave fanned out twice').toBe(0);
        what = 'fan-out again';
      } else if (roll < 0.5) {
        const wave = pick(waves);
        const population = await db.selectFrom('crisis_people').select('traveller_id').where('crisis_id', '=', wave.crisis).execute();
        if (population.length > 0 && random() < 0.5) {
          const travellerId = pick(population).traveller_id;
          await recordLinkAnswer(db, { waveId: wave.waveId, travellerId, answer: pick(CRISIS_ANSWERS), channel: 'email' }, new Date()).catch(() => undefined);
          what = 'answer';
        } else {
          // As the check-in route's group commit records them: several at once, in one transaction,
          // often the same person twice or the same link again, sometimes of a closed crisis.
          const links = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
            const w = pick(waves);
            return { waveId: w.waveId, travellerId: people.length ? pick(people).id : 1, answer: pick(CRISIS_ANSWERS), channel: 'email' as const };
          });
          if (random() < 0.5) links.push(links[0]!);
          await db.transaction().execute((trx) => recordLinkAnswers(trx, links.map((link) => ({ link, now: new Date() }))));
          what = `${links.length} answers in one batch`;
        }
      } else if (roll < 0.8) {
        const rows = await live();
        if (rows.length > 0) {
          // Often all of one person's live messages at once, as when an address bounces every time.
          const d = pick(rows);
          const status = pick(['sending', 'sent', 'failed', 'failed', 'bounced', 'queued'] as const);
          const ids = random() < 0.5 ? [d.id] : rows.filter((r) => r.traveller_id === d.traveller_id).map((r) => r.id);
          await db.updateTable('deliveries').set({ status }).where('id', 'in', ids).execute();
        }
        what = 'delivery status';
      } else if (roll < 0.86) {
        const failed = await db.selectFrom('deliveries').select('id').where('status', '=', 'failed').execute();
        if (failed.length > 0) await db.updateTable('deliveries').set({ status: 'queued' }).where('id', '=', pick(failed).id).execute();
        what = 'retried';
      } else if (roll < 0.91) {
        const person = pick(people);
        await deleteDeliveriesOf(db, person.id, pick(person.channels));
        what = 'channel forgotten';
      } else if (roll < 0.95) {
        const person = people.splice(Math.floor(random() * people.length), 1)[0];
        if (person) await deleteTraveller({ db, now: () => new Date() } as EnrolmentContext, person.id);
        what = 'person deleted';
      } else if (roll < 0.97 && !closed) {
        await closeCrisis(ctx, COMMAND_LINE, crises[0]!);
        closed = true;
        what = 'closed';
      } else {
        await addPerson(100 + step);
        what = 'person added';
      }
      for (const crisis of crises) {
        const stored = sorted(await readCounts(db, crisis, await wavePending(db, crisis)));
        const recounted = sorted(await recountCrisis(db, crisis));
        expect(stored, `crisis ${crisis} after step ${step} (${what})`).toEqual(recounted);
        seen.add(JSON.stringify(Object.entries(stored.counts).map(([k, v]) => [k, v > 0])));
      }
      // Each wave's stored delivery progress (migration 023) against a count of its deliveries.
      const progress = await db.selectFrom('crisis_wave_deliveries').select((eb) => ['event_id', 'status', eb.fn.sum<number>('n').as('n')]).groupBy(['event_id', 'status']).execute();
      const counted = await db.selectFrom('deliveries').select((eb) => ['event_id', 'status', eb.fn.countAll<number>().as('n')])
        .where('event_id', 'in', waves.map((w) => w.eventId)).groupBy(['event_id', 'status']).execute();
      const table = (rows: { event_id: number; status: string; n: number | string }[]) => Object.fromEntries(rows.filter((r) => Number(r.n) !== 0).map((r) => [`${r.event_id} ${r.status}`, Number(r.n)]));
      expect(table(progress), `wave progress after step ${step} (${what})`).toEqual(table(counted));
    }
    // The walk went through states worth comparing: answered, unanswered and undeliverable people at once.
    const totals = await readCounts(db, crises[1]!, false);
    expect(totals.counts.safe + totals.counts.needHelp + totals.counts.left).toBeGreaterThan(0);
    expect(seen.size).toBeGreaterThan(3);
    expect([...seen].some((s) => s.includes('["undeliverable",true]') && s.includes('["noAnswer",true]'))).toBe(true);
  });

  it('a person deleted with two places in a crisis leaves everyone\'s count once', async () => {
    store = await createTestStore(engine);
    const db = store.db;
    const ctx = { db, now: () => new Date() };
    const two = await addTraveller(db, 'two@example.org');
    await addTrip(db, two.id, 'RU', { region: 'RU-MOW', start: day(-1), end: day(3) });
    await addTrip(db, two.id, 'RU', { region: 'RU-SPE', start: day(-1), end: day(3) });
    const one = await addTraveller(db, 'one@example.org');
    await addTrip(db, one.id, 'RU', { start: day(-1), end: day(3) });
    const crisis = (await declareCrisis(ctx, COMMAND_LINE, { title: 'Floods', destinations: ['RU'], startedAt: new Date(Date.now() - 86_400_000).toISOString() })).id;
    await sendWave(ctx, COMMAND_LINE, crisis);
    expect((await readCounts(db, crisis, false)).counts).toMatchObject({ noAnswer: 2, undeliverable: 0 });
    // One DELETE of both places: PostgreSQL runs row triggers after it, when neither place is left.
    await deleteTraveller({ db, now: () => new Date() } as EnrolmentContext, two.id);
    const stored = await readCounts(db, crisis, false);
    expect(stored.counts).toMatchObject({ noAnswer: 1, undeliverable: 0 });
    expect(sorted(stored)).toEqual(sorted(await recountCrisis(db, crisis)));
  });
});
