import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { equivalentRegions } from '../enrolment/regions.ts';
import { goesBySms } from '../domain/sms-reach.ts';
import { nextDigestAt } from './digest.ts';
import { isAlertEvent, isCrisisWaveEvent, isDepartureMessageEvent, isTripBriefingEvent, readEvent, type AdvisoryEvent, type AlertEvent, type EventKind, type EventWrite } from './events.ts';
import { fanOutCrisisWave } from '../crises/fan-out.ts';
import { fanOutTripBriefing } from '../enrolment/briefings.ts';
import { fanOutDepartureMessage } from '../departures/message.ts';
import { fanOutOrganisationMessage } from '../enrolment/organisation-messages.ts';
import { isOrganisationMessageEvent } from './organisation-messages.ts';
import { DELIVERY_COLUMNS, PRIORITY } from './urgent-deliveries.ts';
import { fanOutPeerChange } from './peer-audience.ts';
import { isPeerChangeEvent } from './peer-events.ts';

export interface FanOutOptions {
  /** DIGEST_HOUR_UTC: when held digest deliveries fall due (default 7). */
  digestHourUtc?: number;
  /** Return null at once for an event another transaction holds, rather than wait for it. */
  skipLocked?: boolean;
}

export interface FanOutResult {
  eventId: number;
  /** Deliveries this run added (0 when the event had been fanned out before). */
  inserted: number;
  /** Deliveries the event has in all. */
  audience: number;
}

export { PRIORITY };

/** How far ahead a trip counts: every trip not yet over (start in the future included). */
function isoDay(at: string): string {
  return at.slice(0, 10);
}

/** An event as its audience depends on it: what it announces, where, and how urgently. */
type AudienceEvent = (AdvisoryEvent | AlertEvent) & { destinationCode: string | null };

export interface AudienceCount {
  /** One per person and channel: what a fan-out writes (the event's audience size). */
  deliveries: number;
  /** Distinct people among them. */
  people: number;
}

/**
 * The audience of an event as one SELECT, in the column order of `deliveries`: everyone with a
 * trip to the destination that is not cancelled and not over, everyone subscribed to it (and, for
 * changes to or from Level 4, everyone subscribed to Level 4 changes), reachable (not
 * unsubscribed; each confirmed, enabled e-mail or webhook channel, and verified SMS numbers for
 * what goes by SMS), optionally narrowed by region,
 * citizenship or organisation. A person who matches several ways gets one row per channel, at the
 * most urgent of their priorities. `fanOutEvent` inserts it; `countAudience` counts it; so "how
 * many will be told" is the number the fan-out then writes.
 */
function audienceSelect(db: Kysely<Database>, event: AudienceEvent, now: Date, digestAt: string) {
  const at = now.toISOString();
  const { payload } = event;
  const code = event.destinationCode ?? payload.code;
  const urgent = event.urgent || payload.urgent;
  const alert = isAlertEvent(event) ? event.payload : null;
  const today = isoDay(at);
  // Alerts (docs/alerts.md): several destinations; trips overlapping effective..expires; regions narrow only their own destination.
  const codes = alert?.destinations.length ? alert.destinations : [code];
  // "Moscow" on a trip and RU-MOW on an alert are one place (src/enrolment/regions.ts).
  const regions = [...new Set((payload.regions ?? []).flatMap((r) => [code, ...(alert?.destinations ?? [])].flatMap((c) => equivalentRegions(c, r))).map((r) => r.toLowerCase()))];
  const citizenships = payload.citizenships ?? [];
  const level4 = !isAlertEvent(event) && (event.payload.level === 4 || event.payload.previousLevel === 4);
  const windowStart = alert && isoDay(alert.effective) > today ? isoDay(alert.effective) : today;
  const windowEnd = alert ? isoDay(alert.expires) : null;
  const regionScope = alert?.regionDestinations ?? [];

  const priority = (frequency: 'tr.trip_frequency' | 's.frequency') =>
    urgent
      ? sql<number>`${sql.lit(PRIORITY.urgent)}`.as('priority')
      : sql<number>`case when ${sql.ref(frequency)} = 'digest' then ${sql.lit(PRIORITY.digest)} else ${sql.lit(PRIORITY.routine)} end`.as('priority');

  const trips = db
    .selectFrom('trips as t')
    .innerJoin('trip_destinations as td', 'td.trip_id', 't.id')
    // The traveller's own choices matter only for routine messages: urgent ones skip the join.
    .$if(!urgent, (q) => q.innerJoin('travellers as tr', 'tr.id', 't.traveller_id'))
    .select(['t.traveller_id as traveller_id', priority('tr.trip_frequency')])
    .where('td.destination_code', 'in', codes)
    .where('t.cancelled_at', 'is', null)
    .where((eb) => eb.or([eb('t.end_date', 'is', null), eb('t.end_date', '>=', windowStart)]))
    .$if(windowEnd !== null, (q) => q.where('t.start_date', '<=', windowEnd ?? ''))
    // Urgent messages ignore message-type choices (docs/enrolment.md).
    .$if(!urgent, (q) => q.where(sql.ref(alert ? 'tr.trip_alerts' : 'tr.trip_advisories'), '=', 1))
    .$if(regions.length > 0, (q) => q.where((eb) => eb.or([
      eb('td.region', 'is', null), eb(eb.fn('lower', ['td.region']), 'in', regions),
      ...(regionScope.length > 0 ? [eb('td.destination_code', 'not in', regionScope)] : []),
    ])));

  const destinationSubscriptions = db
    .selectFrom('subscriptions as s')
    .select(['s.traveller_id as traveller_id', priority('s.frequency')])
    .where('s.kind', '=', 'destination')
    .where('s.destination_code', 'in', codes)
    .$if(!urgent, (q) => q.where(alert ? 's.alerts' : 's.advisories', '=', 1));

  const level4Subscriptions = db
    .selectFrom('subscriptions as s')
    .select(['s.traveller_id as traveller_id', priority('s.frequency')])
    .where('s.kind', '=', 'level4')
    .$if(!urgent, (q) => q.where('s.advisories', '=', 1));

  const matches = level4 ? trips.unionAll(destinationSubscriptions).unionAll(level4Subscriptions) : trips.unionAll(destinationSubscriptions);

  // De-duplicated after the joins (GROUP BY channel), not before: PostgreSQL cannot estimate a
  // GROUP BY over a UNION ALL (it guesses 200 rows) and then joins a million rows by nested
  // loops, measured 2.5 times slower.
  return db
    .selectFrom(matches.as('m'))
    .innerJoin('travellers as tr', 'tr.id', 'm.traveller_id')
    .innerJoin('channels as c', 'c.traveller_id', 'tr.id')
    .where('tr.unsubscribed_at', 'is', null)
    .where('c.confirmed_at', 'is not', null)
    .where('c.disabled_at', 'is', null)
    // SMS only for what must be known at once (src/domain/sms-reach.ts); numbers are confirmed by a code.
    .where('c.kind', 'in', goesBySms(event) ? ['email', 'webhook', 'sms'] : ['email', 'webhook'])
    .$if(citizenships.length > 0, (q) => q.where((eb) => eb.exists(
      eb.selectFrom('traveller_citizenships as tc').select(sql.lit(1).as('one')).whereRef('tc.traveller_id', '=', 'tr.id').where('tc.country_code', 'in', citizenships),
    )))
    .$if(payload.organisationId !== undefined, (q) => q.where((eb) => eb.exists(
      eb.selectFrom('organisation_members as om').select(sql.lit(1).as('one')).whereRef('om.traveller_id', '=', 'tr.id').where('om.organisation_id', '=', payload.organisationId ?? 0),
    )))
    .groupBy(['c.id', 'c.traveller_id', 'c.kind'])
    .select((_eb) => [
      sql<number>`${sql.lit(event.id)}`.as('event_id'),
      'c.traveller_id as traveller_id',
      'c.id as channel_id',
      'c.kind as channel_kind',
      // A text message is never held for a digest: it goes at once, as routine.
      sql<number>`case when c.kind = 'sms' and min(m.priority) = ${sql.lit(PRIORITY.digest)} then ${sql.lit(PRIORITY.routine)} else min(m.priority) end`.as('priority'),
      sql<string>`case when c.kind <> 'sms' and min(m.priority) = ${sql.lit(PRIORITY.digest)} then cast(${digestAt} as text) else cast(${at} as text) end`.as('next_attempt_at'),
      sql<string>`cast(${at} as text)`.as('created_at'),
    ]);
}

/**
 * How many deliveries (and people) an event would have if it were written now, by the same SELECT
 * the fan-out inserts from, writing nothing: what the publish confirmation shows.
 */
export async function countAudience<K extends EventKind>(db: Kysely<Database>, event: EventWrite<K>): Promise<AudienceCount> {
  const audience = audienceSelect(db, { id: 0, kind: event.kind, urgent: event.payload.urgent, payload: event.payload, destinationCode: event.destinationCode } as AudienceEvent, event.at, event.at.toISOString());
  const row = await db
    .selectFrom(audience.as('a'))
    .select((eb) => [eb.fn.countAll<number | string>().as('deliveries'), eb.fn.count<number | string>('a.traveller_id').distinct().as('people')])
    .executeTakeFirstOrThrow();
  return { deliveries: Number(row.deliveries), people: Number(row.people) };
}

/**
 * Computes an event's audience (`audienceSelect`) into `deliveries` with ONE set-based INSERT …
 * SELECT (no loop over people). The event is marked fanned out in the same transaction, before the
 * insert, so a second run adds nothing.
 */
export async function fanOutEvent(db: Kysely<Database>, eventId: number, now: Date = new Date(), options: FanOutOptions = {}): Promise<FanOutResult | null> {
  return db.transaction().execute(async (trx) => {
    // Workers looking for pending work pass over an event another worker is fanning out instead of
    // queueing behind its row lock (PostgreSQL; SQLite has one writer at a time anyway).
    if (options.skipLocked && trx.getExecutor().adapter instanceof PostgresAdapter) {
      const free = await trx.selectFrom('events').select('id').where('id', '=', eventId).where('fanned_out_at', 'is', null).forUpdate().skipLocked().executeTakeFirst();
      if (!free) return null;
    }
    return fanOutWithin(trx, eventId, now, options);
  });
}

/**
 * `fanOutEvent` inside a transaction the caller holds: how a crisis wave is queued by the very
 * transaction that sends it (src/crises/waves.ts), so the worker never sees it pending.
 */
export async function fanOutWithin(trx: Kysely<Database>, eventId: number, now: Date, options: FanOutOptions = {}): Promise<FanOutResult | null> {
  const at = now.toISOString();
  // Digest rows wait in the queue until the next digest hour, then go out as one e-mail (src/notify/digest.ts).
  const digestAt = nextDigestAt(now, options.digestHourUtc ?? 7).toISOString();
  // Claiming the event first also takes its row lock on PostgreSQL: a second worker fanning out
  // the same event waits here, then finds it marked and adds nothing. This gate, not an
  // ON CONFLICT clause, is what makes fan-out run once: speculative insertion cost a fifth of a
  // million-row fan-out (docs/benchmarks.md); the unique (event, channel) key stays as a guard.
  const event = await trx
    .updateTable('events')
    .set({ fanned_out_at: at })
    .where('id', '=', eventId)
    .where('fanned_out_at', 'is', null)
    .returning(['id', 'kind', 'destination_code', 'urgent', 'payload'])
    .executeTakeFirst();
  if (!event) {
    const done = await trx.selectFrom('events').select('audience_size').where('id', '=', eventId).executeTakeFirst();
    return done ? { eventId, inserted: 0, audience: Number(done.audience_size ?? 0) } : null;
  }
  const read = readEvent(event);
  // A crisis's check-in wave asks the crisis's own population (src/crises/fan-out.ts); a trip
  // briefing goes to its one traveller (src/enrolment/briefings.ts); a departure's message to the
  // people assigned to it (src/departures/message.ts); another government's change to those who opted in (peer-audience.ts).
  const inserted = isCrisisWaveEvent(read) ? await fanOutCrisisWave(trx, read, at) : isTripBriefingEvent(read) ? await fanOutTripBriefing(trx, read, at)
    : isDepartureMessageEvent(read) ? await fanOutDepartureMessage(trx, read, at) : isPeerChangeEvent(read) ? await fanOutPeerChange(trx, read, at, digestAt)
    : isOrganisationMessageEvent(read) ? await fanOutOrganisationMessage(trx, read, at) : Number((await trx
    .insertInto('deliveries')
    .columns(DELIVERY_COLUMNS)
    .expression(audienceSelect(trx, { ...read, destinationCode: event.destination_code }, now, digestAt))
    .executeTakeFirst()).numInsertedOrUpdatedRows ?? 0n);
  // Counted from what this run added (a re-run adds 0) rather than by re-reading a million rows.
  const marked = await trx
    .updateTable('events')
    .set({ audience_size: sql<number>`coalesce(audience_size, 0) + ${inserted}`, processed_at: sql<string>`coalesce(processed_at, ${at})` })
    .where('id', '=', event.id)
    .returning('audience_size')
    .executeTakeFirstOrThrow();
  return { eventId: event.id, inserted, audience: Number(marked.audience_size) };
}

/**
 * Fans out up to `limit` events not yet fanned out, urgent first, then oldest; returns what each
 * produced. Events another worker is fanning out are skipped, not waited for, so several workers
 * share a burst of events (every destination published at once) and keep sending meanwhile.
 */
export async function fanOutPending(db: Kysely<Database>, now: Date = new Date(), options: FanOutOptions = {}, limit = 100): Promise<FanOutResult[]> {
  const pending = await db.selectFrom('events').select('id').where('fanned_out_at', 'is', null).orderBy('urgent', 'desc').orderBy('id').limit(limit).execute();
  const results: FanOutResult[] = [];
  for (const { id } of pending) {
    const result = await fanOutEvent(db, id, now, { ...options, skipLocked: true });
    if (result) results.push(result);
  }
  return results;
}
