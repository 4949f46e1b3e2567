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
   * Sends a wave while another transaction does what an answer's trigger does: it takes `first`,
   * waits until the wave waits for a row it holds, then takes `then` (by default slot 7's counter
   * rows, then slot 10's). A wave that took `then` before asking for `first` holds it by then: a
   * deadlock, which PostgreSQL breaks by failing the side that waited first, the wave.
   */
  async function waveBesideAnAnswer(crisis: number, followUp: boolean, locks: { first: string; then: string } = { first: 'slot = 7', then: 'slot = 10' }) {
    other = new pg.Client({ connectionString: withDefaultUser(store.url) });
    await other.connect();
    await other.query('begin');
    const lock = (where: string) => other!.query(where.startsWith('traveller_id')
      ? `select 1 from crisis_people where crisis_id = $1 and ${where} order by destination_code, region for update`
      : `select 1 from crisis_counts where crisis_id = $1 and ${where} order by destination_code, region, slot for update`, [crisis]);
    await lock(locks.first);
    const wave = sendWave({ db: store.db, now: () => new Date() }, COMMAND_LINE, crisis, { followUp }).then((r) => r, (e: unknown) => e);
    for (let waited = 0; ; waited += 20) {
      // Only a wait on this transaction counts: other test files share the server.
      const waiting = await other.query('select 1 from pg_locks where not granted and pg_backend_pid() = any(pg_blocking_pids(pid))');
      if (waiting.rowCount) break;
      if (waited > 10_000) throw new Error('the wave never waited for the rows this transaction holds');
      await new Promise((r) => setTimeout(r, 20));
    }
    const second = await lock(locks.then).then(() => 'locked', (e: { code?: string }) => e.code);
    await other.query(second === 'locked' ? 'commit' : 'rollback');
    const result = await wave;
    // The attempt that got through: a wave failed by a deadlock is sent again, and says so.
    const audit = await store.db.selectFrom('audit_log').select('detail').where('action', '=', 'crisis-wave-sent').orderBy('id', 'desc').executeTakeFirst();
    return { second, result, attempt: (JSON.parse(audit?.detail ?? '{}') as { attempt?: number }).attempt ?? 1 };
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

    const { second, result, attempt } = await waveBesideAnAnswer(crisis, true);
    expect(second).toBe('locked');
    expect(attempt).toBe(1);
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

    const { second, result, attempt } = await waveBesideAnAnswer(crisis, false);
    expect(second).toBe('locked');
    expect(attempt).toBe(1);
    expect(result).toMatchObject({ added: 2, audience: 4, deliveries: 4 });
    expect((await readCounts(db, crisis, false)).counts).toEqual((await recountCrisis(db, crisis)).counts);
    expect((await readCounts(db, crisis, false)).counts).toMatchObject({ noAnswer: 4, undeliverable: 0 });
  });

  it('when an answer holds a person the wave finds again while the wave holds their counter rows: the wave is sent once the answer is in', { timeout: 30_000 }, async () => {
    store = await createTestStore('postgres');
    const db = store.db;
    // P, in slot 7, unreachable at the first wave, then reachable…
    const [p] = await peopleInSlots7And10(1, false);
    const crisis = await declare();
    await sendWave({ db, now: () => new Date() }, COMMAND_LINE, crisis);
    await db.updateTable('channels').set({ confirmed_at: new Date().toISOString() }).where('id', '=', p!.emailChannel).execute();
    // …and N, new in slot 7 and in P's place: the follow-up counts N into the rows P's answer needs
    // before it finds P again. P answering locks P's rows, then P's counter rows, as the trigger does.
    await peopleInSlots7And10(1, true);

    const { second, result, attempt } = await waveBesideAnAnswer(crisis, true, { first: `traveller_id = ${p!.id}`, then: 'slot = 7' });
    expect(second).toBe('locked');
    // PostgreSQL failed the first attempt (deadlock); the second went through.
    expect(attempt).toBe(2);
    expect(result).toMatchObject({ followUp: true, added: 1, audience: 2, deliveries: 2 });
    expect((await readCounts(db, crisis, false)).counts).toEqual((await recountCrisis(db, crisis)).counts);
    expect((await readCounts(db, crisis, false)).counts).toMatchObject({ noAnswer: 2, undeliverable: 0 });
  });
});
