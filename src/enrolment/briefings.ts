import type { Kysely } from 'kysely';
import { utcSecond } from '../domain/alert-times.ts';
import { findByCode } from '../domain/destinations.ts';
import { levelLabel, type Level } from '../domain/levels.ts';
import { TRIP_BRIEFING, writeEvent, type BriefedAlert, type BriefedDestination, type TripBriefingEvent, type TripBriefingPayload } from '../notify/events.ts';
import { insertUrgentDeliveries } from '../notify/urgent-deliveries.ts';
import type { Database } from '../store/schema.ts';
import { equivalentRegions } from './regions.ts';

/**
 * Telling late enrollers what is already true (docs/enrolment.md "Told at once"). A trip enrolled
 * or changed while a destination is at Level 3–4, under a departure directive, or covered by active
 * alerts gets one urgent `trip.briefing` event, written in the transaction that saves the trip;
 * the notification worker sends it to that traveller's channels. `trip_briefings` (migration 014)
 * records each state told (advisory revisions + alert ids), so saving the same trip again sends
 * nothing unless something in it is new (a new revision, another alert).
 */

interface Place {
  destination_code: string;
  region: string | null;
}

interface Stop extends Place {
  trip_id: number;
  start_date: string;
  name: string | null;
  slug: string | null;
  level: number | null;
  revision: number | null;
  departure_urged: number | null;
}

/** Whether an alert's area covers a stop: regions narrow only the destinations they name. */
function covers(alert: { regions: string[]; regionDestinations: string[]; destinations: string[] }, stop: Place): boolean {
  if (!alert.destinations.includes(stop.destination_code)) return false;
  if (alert.regions.length === 0 || stop.region === null || !alert.regionDestinations.includes(stop.destination_code)) return true;
  const names = alert.regions.flatMap((r) => equivalentRegions(stop.destination_code, r)).map((r) => r.toLowerCase());
  return names.includes(stop.region.toLowerCase());
}

function list(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

/** Active alerts (Actual, not cancelled, replaced or expired) on these destinations. */
async function activeAlerts(db: Kysely<Database>, codes: string[], now: Date) {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('alerts')
    .select(['id', 'headline', 'severity', 'instruction', 'area_desc', 'expires', 'destinations', 'regions', 'region_destinations'])
    .where('status', '=', 'Actual').where('msg_type', '<>', 'Cancel').where('superseded_by', 'is', null).where('expires', '>', utcSecond(now))
    .where((eb) => eb.exists(eb.selectFrom('alert_destinations as ad').select('ad.alert_id').whereRef('ad.alert_id', '=', 'alerts.id').where('ad.destination_code', 'in', codes)))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, destinations: list(r.destinations), regions: list(r.regions), regionDestinations: list(r.region_destinations) }));
}

/** The active alerts covering any of these places, for the trips on the account page. */
export async function alertsCovering<P extends Place>(db: Kysely<Database>, places: readonly P[], now: Date): Promise<{ id: number; headline: string; severity: string; places: P[] }[]> {
  const alerts = await activeAlerts(db, [...new Set(places.map((p) => p.destination_code))], now);
  return alerts.map((a) => ({ id: a.id, headline: a.headline, severity: a.severity, places: places.filter((p) => covers(a, p)) })).filter((a) => a.places.length > 0);
}

/**
 * Writes a `trip.briefing` event for each of these trips that has something to tell and has not
 * been told it in this state. Call it inside the transaction that saves the trips. Returns the
 * number of events written.
 */
export async function briefTrips(trx: Kysely<Database>, tripIds: readonly number[], now: Date): Promise<number> {
  if (tripIds.length === 0) return 0;
  const stops: Stop[] = [];
  // What each trip was told before, read once for the whole batch (a CSV may enrol thousands).
  const told = new Map<number, Set<string>>();
  for (let i = 0; i < tripIds.length; i += 500) {
    for (const r of await trx.selectFrom('trip_briefings').select(['trip_id', 'state_key']).where('trip_id', 'in', tripIds.slice(i, i + 500)).execute()) {
      told.set(r.trip_id, new Set([...(told.get(r.trip_id) ?? []), ...r.state_key.split(',')]));
    }
    stops.push(...await trx.selectFrom('trip_destinations as td')
      .innerJoin('trips as t', 't.id', 'td.trip_id')
      .leftJoin('destinations as d', 'd.code', 'td.destination_code')
      .leftJoin('advisory_revisions as r', 'r.id', 'd.current_revision_id')
      .select(['td.trip_id', 't.start_date', 'td.destination_code', 'td.region', 'd.name', 'd.slug', 'r.level', 'r.revision', 'r.departure_urged'])
      .where('td.trip_id', 'in', tripIds.slice(i, i + 500))
      .where('t.cancelled_at', 'is', null)
      .orderBy('td.trip_id').orderBy('td.position')
      .execute());
  }
  const alerts = await activeAlerts(trx, [...new Set(stops.map((s) => s.destination_code))], now);
  const at = now.toISOString();
  let written = 0;
  const byTrip = new Map<number, Stop[]>();
  for (const stop of stops) byTrip.set(stop.trip_id, [...(byTrip.get(stop.trip_id) ?? []), stop]);
  for (const [tripId, own] of byTrip) {
    const serious = own.filter((s) => s.level !== null && (s.level >= 3 || s.departure_urged === 1));
    // An alert that ends before the trip begins is not news for it.
    const covering = alerts.filter((a) => a.expires.slice(0, 10) >= own[0]!.start_date && own.some((s) => covers(a, s)));
    if (serious.length === 0 && covering.length === 0) continue;
    const destinations: BriefedDestination[] = serious.map((s) => ({
      code: s.destination_code, name: s.name ?? findByCode(s.destination_code)?.name ?? s.destination_code, slug: s.slug ?? s.destination_code.toLowerCase(),
      region: s.region, level: s.level!, levelLabel: levelLabel(s.level as Level), revision: s.revision ?? 0, departureUrged: s.departure_urged === 1,
    }));
    const briefed: BriefedAlert[] = covering.map((a) => ({ alertId: a.id, headline: a.headline, severity: a.severity, instruction: a.instruction, areaDesc: a.area_desc, expires: a.expires }));
    // The state as tokens (RU:12 = revision 12 of Russia's advisory; alert:5): told once each. A
    // save whose tokens were all told before (the same state, or one with an alert gone) sends nothing.
    const tokens = [...new Set([...destinations.map((d) => `${d.code}:${d.revision}`), ...briefed.map((a) => `alert:${a.alertId}`)])].sort();
    if (tokens.every((t) => told.get(tripId)?.has(t))) continue;
    const claimed = await trx.insertInto('trip_briefings')
      .values({ trip_id: tripId, state_key: tokens.join(','), event_id: null, created_at: at })
      .onConflict((oc) => oc.columns(['trip_id', 'state_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!claimed) continue;
    const payload: TripBriefingPayload = { tripId, code: own[0]!.destination_code, destinations, alerts: briefed, urgent: true };
    const eventId = await writeEvent(trx, { kind: TRIP_BRIEFING, destinationCode: payload.code, at: now, payload });
    await trx.updateTable('trip_briefings').set({ event_id: eventId }).where('id', '=', claimed.id).execute();
    written++;
  }
  return written;
}

/**
 * A briefing's deliveries: one per reachable channel of the trip's traveller (confirmed, enabled
 * e-mail or webhook; not unsubscribed), all urgent. Called by the notification fan-out
 * (src/notify/audience.ts) in the transaction that marks the event fanned out.
 */
export async function fanOutTripBriefing(trx: Kysely<Database>, event: TripBriefingEvent, at: string): Promise<number> {
  const channels = trx.selectFrom('trips as t')
    .innerJoin('travellers as tr', 'tr.id', 't.traveller_id')
    .innerJoin('channels as c', 'c.traveller_id', 'tr.id')
    .where('t.id', '=', event.payload.tripId)
    .where('t.cancelled_at', 'is', null)
    .where('tr.unsubscribed_at', 'is', null)
    .where('c.confirmed_at', 'is not', null)
    .where('c.disabled_at', 'is', null)
    .where('c.kind', 'in', ['email', 'webhook']);
  return insertUrgentDeliveries(trx, event.id, channels, at);
}
