import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteChannel } from '../../src/enrolment/channels.ts';
import { deleteTraveller, exportTraveller } from '../../src/enrolment/privacy.ts';
import type { EnrolmentContext } from '../../src/enrolment/context.ts';
import { outboxTransport } from '../../src/mail/transport.ts';
import { fanOutEvent, fanOutPending } from '../../src/notify/audience.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addAdvisoryEvent, addSubscription, addTraveller, addTrip, addWebhook } from '../helpers/notify.ts';

const NOW = new Date('2026-03-01T10:00:00Z');

describe.each(ENGINES)('notification audience on %s', (engine) => {
  let store: TestStore;
  const ids: Record<string, number> = {};
  const channels: Record<string, number> = {};

  beforeAll(async () => {
    store = await createTestStore(engine);
    const db = store.db;
    // Two matching trips, a subscription and a confirmed webhook: one delivery per channel.
    const both = await addTraveller(db, 'both@example.org');
    ids.both = both.id;
    channels.bothEmail = both.emailChannel;
    await addTrip(db, both.id, 'RU');
    await addTrip(db, both.id, 'RU', { start: '2026-01-01', end: null });
    await addSubscription(db, both.id, 'destination', 'RU', { frequency: 'digest' });
    channels.bothWebhook = await addWebhook(db, both.id, 'https://hooks.example.org/x', 'whsec_dGVzdA==');
    await addWebhook(db, both.id, 'https://hooks.example.org/unconfirmed', 'whsec_dGVzdA==', false);
    ids.ended = (await addTraveller(db, 'ended@example.org')).id;
    await addTrip(db, ids.ended, 'RU', { start: '2026-01-01', end: '2026-02-28' });
    ids.cancelled = (await addTraveller(db, 'cancelled@example.org')).id;
    await addTrip(db, ids.cancelled, 'RU', { cancelled: true });
    ids.future = (await addTraveller(db, 'future@example.org')).id;
    await addTrip(db, ids.future, 'RU', { start: '2026-06-01', end: '2026-06-10' });
    ids.unsubscribed = (await addTraveller(db, 'gone@example.org', { unsubscribed: true })).id;
    await addTrip(db, ids.unsubscribed, 'RU');
    ids.disabled = (await addTraveller(db, 'bounced@example.org', { emailDisabled: true })).id;
    await addTrip(db, ids.disabled, 'RU');
    ids.unconfirmed = (await addTraveller(db, 'unconfirmed@example.org', { emailConfirmed: false })).id;
    await addTrip(db, ids.unconfirmed, 'RU');
    ids.france = (await addTraveller(db, 'france@example.org')).id;
    await addTrip(db, ids.france, 'FR');
    await addSubscription(db, ids.france, 'destination', 'FR');
    ids.level4 = (await addTraveller(db, 'level4@example.org')).id;
    await addSubscription(db, ids.level4, 'level4', null);
    ids.petersburg = (await addTraveller(db, 'spb@example.org')).id;
    await addTrip(db, ids.petersburg, 'RU', { region: 'RU-SPE' });
    ids.quiet = (await addTraveller(db, 'quiet@example.org', { tripAdvisories: 0 })).id;
    await addTrip(db, ids.quiet, 'RU');
    ids.alertsOnly = (await addTraveller(db, 'alerts-only@example.org')).id;
    await addSubscription(db, ids.alertsOnly, 'destination', 'RU', { advisories: 0 });
    ids.dual = (await addTraveller(db, 'dual@example.org')).id;
    await addTrip(db, ids.dual, 'RU');
    await db.insertInto('traveller_citizenships').values([{ traveller_id: ids.dual, country_code: 'RU' }, { traveller_id: ids.dual, country_code: 'US' }]).execute();
  });
  afterAll(async () => {
    await store?.close();
  });

  const audience = async (eventId: number) =>
    store.db.selectFrom('deliveries').innerJoin('travellers', 'travellers.id', 'deliveries.traveller_id')
      .select(['travellers.email', 'deliveries.channel_id', 'deliveries.channel_kind', 'deliveries.priority', 'deliveries.status', 'deliveries.event_id'])
      .where('event_id', '=', eventId).orderBy('travellers.email').orderBy('deliveries.channel_id').execute();

  it('a routine change reaches trips under way or ahead and subscribers, once per channel, honouring choices', async () => {
    const event = await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    const result = await fanOutEvent(store.db, event, NOW);
    expect(result).toEqual({ eventId: event, inserted: 5, audience: 5 });
    const rows = await audience(event);
    expect(rows.map((r) => [r.email, r.channel_kind])).toEqual([
      ['both@example.org', 'email'], ['both@example.org', 'webhook'],
      ['dual@example.org', 'email'], ['future@example.org', 'email'], ['spb@example.org', 'email'],
    ]);
    // Trip (immediate) beats the digest subscription: the most urgent priority wins.
    expect(rows.every((r) => r.priority === 1 && r.status === 'queued')).toBe(true);
    expect(rows[0]!.channel_id).toBe(channels.bothEmail);
    const stored = await store.db.selectFrom('events').select(['fanned_out_at', 'audience_size', 'processed_at']).where('id', '=', event).executeTakeFirstOrThrow();
    expect(stored).toEqual({ fanned_out_at: NOW.toISOString(), audience_size: 5, processed_at: NOW.toISOString() });
  });

  it('fanning out twice is harmless: same rows, nothing added', async () => {
    const event = await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3 });
    await fanOutEvent(store.db, event, NOW);
    const first = await audience(event);
    const again = await fanOutEvent(store.db, event, new Date(NOW.getTime() + 60_000));
    expect(again).toEqual({ eventId: event, inserted: 0, audience: first.length });
    expect(await audience(event)).toEqual(first);
  });

  it('an urgent Level 4 change also reaches Level 4 subscribers and people who opted out of routine advisories', async () => {
    const event = await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 4, previousLevel: 3, departureUrged: true, urgent: true });
    await fanOutEvent(store.db, event, NOW);
    const rows = await audience(event);
    expect([...new Set(rows.map((r) => r.email))]).toEqual([
      'alerts-only@example.org', 'both@example.org', 'dual@example.org', 'future@example.org', 'level4@example.org', 'quiet@example.org', 'spb@example.org',
    ]);
    expect(rows.every((r) => r.priority === 0)).toBe(true);
  });

  it('regional and citizenship targeting narrow the audience', async () => {
    const moscow = await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3, regions: ['ru-mow'] });
    await fanOutEvent(store.db, moscow, NOW);
    // Whole-country trips count for any area; a trip to St Petersburg does not count for Moscow.
    expect((await audience(moscow)).map((r) => r.email)).not.toContain('spb@example.org');
    const petersburg = await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 3, previousLevel: 3, regions: ['RU-SPE'] });
    await fanOutEvent(store.db, petersburg, NOW);
    expect((await audience(petersburg)).map((r) => r.email)).toContain('spb@example.org');
    const duals = await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 4, previousLevel: 4, urgent: true, citizenships: ['RU'] });
    await fanOutEvent(store.db, duals, NOW);
    expect((await audience(duals)).map((r) => r.email)).toEqual(['dual@example.org']);
  });

  it('digest subscribers get priority 2; other destinations are untouched', async () => {
    const event = await addAdvisoryEvent(store.db, 'FR', 'France', { level: 2, previousLevel: 1 });
    const digest = await addTraveller(store.db, 'digest@example.org');
    await addSubscription(store.db, digest.id, 'destination', 'FR', { frequency: 'digest' });
    await fanOutEvent(store.db, event, NOW);
    expect((await audience(event)).map((r) => [r.email, r.priority])).toEqual([['digest@example.org', 2], ['france@example.org', 1]]);
  });

  it('fanOutPending picks up every event not yet fanned out, once', async () => {
    const a = await addAdvisoryEvent(store.db, 'FR', 'France', { level: 2, previousLevel: 2 });
    const results = await fanOutPending(store.db, NOW);
    expect(results.map((r) => r.eventId)).toContain(a);
    expect(await fanOutPending(store.db, NOW)).toEqual([]);
  });

  it.runIf(engine === 'postgres')('a worker passes over an event another worker is fanning out, urgent events first', async () => {
    const held = await addAdvisoryEvent(store.db, 'FR', 'France', { level: 2, previousLevel: 2 });
    const routine = await addAdvisoryEvent(store.db, 'FR', 'France', { level: 2, previousLevel: 2 });
    const urgent = await addAdvisoryEvent(store.db, 'RU', 'Russia', { level: 4, previousLevel: 4, departureUrged: true, urgent: true });
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => { locked = resolve; });
    // Another worker's fan-out transaction holds the first event.
    const other = store.db.transaction().execute(async (trx) => {
      await trx.selectFrom('events').select('id').where('id', '=', held).forUpdate().execute();
      locked();
      await released;
    });
    await isLocked;
    const results = await fanOutPending(store.db, NOW);
    expect(results.map((r) => r.eventId)).toEqual([urgent, routine]);
    release();
    await other;
    expect((await fanOutPending(store.db, NOW)).map((r) => r.eventId)).toEqual([held]);
  });

  it("a traveller's notifications are in their export and go with their account", async () => {
    const ctx: EnrolmentContext = {
      db: store.db, config: { publicUrl: 'http://waypost.test', secret: 'x'.repeat(32) }, mail: outboxTransport(store.db), now: () => NOW,
      settings: { tripRetentionDays: 30, allowPrivateWebhooks: false },
    };
    const exported = await exportTraveller(ctx, ids.both!);
    expect(exported?.notifications.length).toBeGreaterThan(0);
    expect(exported?.notifications[0]).toMatchObject({ event: 'advisory.published', destination: 'RU', status: 'queued' });
    const others = await store.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('traveller_id', '!=', ids.both!).executeTakeFirstOrThrow();
    // Removing the webhook channel takes its queued deliveries with it (no foreign keys: explicit).
    await deleteChannel(ctx, ids.both!, channels.bothWebhook!);
    const viaWebhook = await store.db.selectFrom('deliveries').select('id').where('channel_id', '=', channels.bothWebhook!).execute();
    expect(viaWebhook).toEqual([]);
    expect(await store.db.selectFrom('deliveries').select('id').where('channel_id', '=', channels.bothEmail!).execute()).not.toEqual([]);
    expect(await deleteTraveller(ctx, ids.both!)).toBe(true);
    const left = await store.db.selectFrom('deliveries').select('id').where('traveller_id', '=', ids.both!).execute();
    expect(left).toEqual([]);
    // ... and nobody else's.
    const after = await store.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('traveller_id', '!=', ids.both!).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(others.n));
  });
});
