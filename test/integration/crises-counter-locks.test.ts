import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { readCounts } from '../../src/crises/counters.ts';
import { declareCrisis } from '../../src/crises/declare.ts';
import { recountCrisis } from '../../src/crises/recount.ts';
import { sendWave } from '../../src/crises/waves.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { withDefaultUser } from '../../src/store/connect.ts';
import { SLOTS } from '../../src/store/migrations/018-crisis-counters.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';
import { day } from '../helpers/crises-setup.ts';

/**
 * Row-lock order of the stored counts on PostgreSQL (SQLite locks the whole database, so it has no
 * such order). The answer triggers lock a person's counter rows in key order (destination, region,
 * slot, as the database sorts them); a wave that moves several counter rows must take them in that
 * order too, or a wave and an answer can each hold a row the other waits for (a deadlock, which
 * PostgreSQL breaks by failing one of them).
 */
describe.skipIf(!ENGINES.includes('postgres'))('counter rows locked by a wave, on postgres', () => {
  let store: TestStore;
  let other: pg.Client | undefined;
  afterEach(async () => {
    await other?.end();
    await store?.close();
  });

  /** `count` travellers in slots 7 and 10 (alternately), whose e-mail is confirmed or not, each with a trip to Russia. */
  async function peopleInSlots7And10(count: number, emailConfirmed: boolean) {
    const people: { id: number; emailChannel: number }[] = [];
    for (let i = 0; people.length < count; i++) {
      const t = await addTraveller(store.db, `p${Date.now()}-${i}@example.org`, { emailConfirmed });
      if (t.id % SLOTS === (people.length % 2 === 0 ? 7 : 10)) {
        await addTrip(store.db, t.id, 'RU', { start: day(-3), end: day(5) });
        people.push(t);
      }
    }
    return people;
  }

  /**
   * Sends a wave while another transaction does what an answer's trigger does: it holds slot 7's
   * counter rows, waits until the wave waits for one of them, then takes slot 10's. A wave that
   * took slot 10 before asking for 7 holds it by then: deadlock, and PostgreSQL fails one side.
   */
  async function waveBesideAnAnswer(crisis: number, followUp: boolean) {
    other = new pg.Client({ connectionString: withDefaultUser(store.url) });
    await other.connect();
    await other.query('begin');
    const lock = (slot: number) => other!.query('select 1 from crisis_counts where crisis_id = $1 and slot = $2 order by destination_code, region, slot for update', [crisis, slot]);
    await lock(7);
    const wave = sendWave({ db: store.db, now: () => new Date() }, COMMAND_LINE, crisis, { followUp }).then((r) => r, (e: unknown) => e);
    for (let waited = 0; ; waited += 20) {
      const waiting = await other.query("select 1 from pg_locks where not granted and locktype in ('transactionid', 'tuple')");
      if (waiting.rowCount) break;
      if (waited > 10_000) throw new Error('the wave never waited for the rows this transaction holds');
      await new Promise((r) => setTimeout(r, 20));
    }
    const second = await lock(10).then(() => 'locked', (e: { code?: string }) => e.code);
    await other.query(second === 'locked' ? 'commit' : 'rollback');
    return { second, result: await wave };
  }

  const declare = async () => (await declareCrisis({ db: store.db, now: () => new Date() }, COMMAND_LINE, {
    title: 'Unrest', destinations: ['RU'], startedAt: new Date(Date.now() - 86_400_000).toISOString(),
  })).id;

  it('when a follow-up finds people again: slot 7 before slot 10, never a deadlock with an answer', { timeout: 30_000 }, async () => {
    store = await createTestStore('postgres');
    const db = store.db;
    // Nobody reachable at the first wave (no confirmed channel)…
    const people = await peopleInSlots7And10(2, false);
    const crisis = await declare();
    await sendWave({ db, now: () => new Date() }, COMMAND_LINE, crisis);
    expect((await readCounts(db, crisis, false)).counts).toMatchObject({ undeliverable: 2, noAnswer: 0 });
    // …then both confirm their address: the follow-up reaches them, and its reachability pass moves
    // both from "undeliverable" back to "no answer", in the counter rows of slots 7 and 10.
    await db.updateTable('channels').set({ confirmed_at: new Date().toISOString() }).where('id', 'in', people.map((p) => p.emailChannel)).execute();

    const { second, result } = await waveBesideAnAnswer(crisis, true);
    expect(second).toBe('locked');
    expect(result).toMatchObject({ followUp: true, audience: 2, deliveries: 2 });
    expect((await readCounts(db, crisis, false)).counts).toEqual((await recountCrisis(db, crisis)).counts);
    expect((await readCounts(db, crisis, false)).counts).toMatchObject({ undeliverable: 0, noAnswer: 2 });
  });

  it('when a wave adds people to rows that exist: slot 7 before slot 10, never a deadlock with an answer', { timeout: 30_000 }, async () => {
    store = await createTestStore('postgres');
    const db = store.db;
    await peopleInSlots7And10(2, true);
    const crisis = await declare();
    await sendWave({ db, now: () => new Date() }, COMMAND_LINE, crisis);
    // Two more people in the same slots and place: the next wave adds them to the rows of 7 and 10.
    await peopleInSlots7And10(2, true);

    const { second, result } = await waveBesideAnAnswer(crisis, false);
    expect(second).toBe('locked');
    expect(result).toMatchObject({ added: 2, audience: 4, deliveries: 4 });
    expect((await readCounts(db, crisis, false)).counts).toEqual((await recountCrisis(db, crisis)).counts);
    expect((await readCounts(db, crisis, false)).counts).toMatchObject({ noAnswer: 4, undeliverable: 0 });
  });
});
