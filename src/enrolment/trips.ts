import type { Kysely } from 'kysely';
import { findByCode } from '../domain/destinations.ts';
import type { Database } from '../store/schema.ts';
import { alertsCovering, briefTrips } from './briefings.ts';
import { EnrolmentError, timestamp, today, type EnrolmentContext } from './context.ts';
import { advisoryRegionNames, resolveRegion } from './regions.ts';
import { stopPlace } from './place-input.ts';
import { checkTripDates, validDate } from './validation.ts';

export interface TripInput {
  /** One or more stops: destination (code or name) and optional region. */
  destinations: { destination?: unknown; region?: unknown }[];
  start?: unknown;
  /** Empty with `residing` = residing abroad (open-ended). */
  end?: unknown;
  residing?: unknown;
}

export interface ValidTrip {
  destinations: { code: string; region: string | null }[];
  start: string;
  end: string | null;
}

export const MAX_TRIP_DESTINATIONS = 10;

const DATE_MESSAGES = {
  'bad start date': 'Enter the start date as YYYY-MM-DD, e.g. 2026-05-01.',
  'bad end date': 'Enter the end date as YYYY-MM-DD, or tick "residing abroad".',
  'end before start': 'The trip ends before it starts: check the dates.',
  'trip wholly in the past': 'This trip is wholly in the past: enrol trips that are ongoing or ahead.',
};

export async function validateTrip(ctx: EnrolmentContext, input: TripInput): Promise<ValidTrip> {
  const stops = input.destinations.filter((d) => (typeof d.destination === 'string' && d.destination.trim()) || (typeof d.region === 'string' && d.region.trim()));
  if (stops.length === 0) throw new EnrolmentError('Choose at least one destination.', 400, 'destination');
  if (stops.length > MAX_TRIP_DESTINATIONS) throw new EnrolmentError(`A trip has at most ${MAX_TRIP_DESTINATIONS} destinations.`, 400, 'destination');
  const found = stops.map((stop) => {
    const { destination, region } = stopPlace(stop.destination, stop.region);
    if (!destination) {
      const typed = typeof stop.destination === 'string' ? stop.destination.trim().slice(0, 60) : '';
      throw new EnrolmentError(typed ? `Unknown destination "${typed}": use a country name or its ISO code.` : 'Choose a destination for each region you name.', 400, 'destination');
    }
    return { destination, region };
  });
  const advisoryNames = await advisoryRegionNames(ctx.db, found.map((f) => f.destination.code));
  const destinations = found.map(({ destination, region }) => {
    const resolved = resolveRegion(destination, region, advisoryNames.get(destination.code));
    if (!resolved.ok) throw new EnrolmentError(`${resolved.reason[0]!.toUpperCase()}${resolved.reason.slice(1)}.`, 400, 'region');
    return { code: destination.code, region: resolved.region };
  });
  const residing = input.residing === true || input.residing === 'on' || input.residing === 'true' || input.residing === '1';
  const endText = typeof input.end === 'string' ? input.end.trim() : '';
  const start = validDate(input.start);
  const end = residing && !endText ? null : validDate(endText);
  const problem = checkTripDates(start, end, !(residing && !endText), today(ctx));
  if (problem) throw new EnrolmentError(DATE_MESSAGES[problem], 400, problem.includes('start') ? 'start' : 'end');
  return { destinations, start: start!, end };
}

export async function addTrip(ctx: EnrolmentContext, travellerId: number, input: TripInput): Promise<number> {
  const trip = await validateTrip(ctx, input);
  const at = timestamp(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('trips')
      .values({ traveller_id: travellerId, start_date: trip.start, end_date: trip.end, organisation_id: null, import_key: null, created_at: at, updated_at: at, cancelled_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertStops(trx, row.id, trip.destinations);
    // What is already true there (Level 3–4, a directive, active alerts) is told at once, once.
    await briefTrips(trx, [row.id], ctx.now());
    return row.id;
  });
}

async function insertStops(db: Kysely<Database>, tripId: number, stops: ValidTrip['destinations']): Promise<void> {
  await db.insertInto('trip_destinations').values(stops.map((s, i) => ({ trip_id: tripId, position: i + 1, destination_code: s.code, region: s.region }))).execute();
}

async function ownTrip(ctx: EnrolmentContext, travellerId: number, tripId: number) {
  const trip = await ctx.db.selectFrom('trips').select(['id', 'cancelled_at']).where('id', '=', tripId).where('traveller_id', '=', travellerId).executeTakeFirst();
  if (!trip) throw new EnrolmentError('There is no such trip in your account.', 404);
  return trip;
}

export async function updateTrip(ctx: EnrolmentContext, travellerId: number, tripId: number, input: TripInput): Promise<void> {
  const current = await ownTrip(ctx, travellerId, tripId);
  if (current.cancelled_at) throw new EnrolmentError('This trip was cancelled; enrol a new one instead.', 409);
  const trip = await validateTrip(ctx, input);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('trips').set({ start_date: trip.start, end_date: trip.end, updated_at: timestamp(ctx) }).where('id', '=', tripId).execute();
    await trx.deleteFrom('trip_destinations').where('trip_id', '=', tripId).execute();
    await insertStops(trx, tripId, trip.destinations);
    await briefTrips(trx, [tripId], ctx.now());
  });
}

/** A cancelled trip stops bringing messages at once and is purged like an ended one. */
export async function cancelTrip(ctx: EnrolmentContext, travellerId: number, tripId: number): Promise<void> {
  await ownTrip(ctx, travellerId, tripId);
  await ctx.db.updateTable('trips').set({ cancelled_at: timestamp(ctx), updated_at: timestamp(ctx) }).where('id', '=', tripId).where('cancelled_at', 'is', null).execute();
}

export interface TripView {
  id: number;
  start: string;
  end: string | null;
  organisation: string | null;
  cancelledAt: string | null;
  destinations: { code: string; name: string; region: string | null; level: number | null; departureUrged: boolean }[];
  /** Active alerts covering any of its destinations (src/enrolment/briefings.ts). */
  alerts: { id: number; headline: string; severity: string }[];
}

/** A traveller's trips, soonest first, with each destination's level now. */
export async function listTrips(ctx: EnrolmentContext, travellerId: number): Promise<TripView[]> {
  const trips = await ctx.db
    .selectFrom('trips')
    .leftJoin('organisations', 'organisations.id', 'trips.organisation_id')
    .select(['trips.id', 'trips.start_date', 'trips.end_date', 'trips.cancelled_at', 'organisations.name as organisation'])
    .where('trips.traveller_id', '=', travellerId)
    .orderBy('trips.start_date')
    .orderBy('trips.id')
    .execute();
  if (trips.length === 0) return [];
  const stops = await ctx.db
    .selectFrom('trip_destinations')
    .innerJoin('destinations', 'destinations.code', 'trip_destinations.destination_code')
    .leftJoin('advisory_revisions', 'advisory_revisions.id', 'destinations.current_revision_id')
    .select(['trip_destinations.trip_id', 'trip_destinations.destination_code', 'trip_destinations.region', 'destinations.name', 'advisory_revisions.level', 'advisory_revisions.departure_urged'])
    .where('trip_destinations.trip_id', 'in', trips.map((t) => t.id))
    .orderBy('trip_destinations.position')
    .execute();
  const alerts = await alertsCovering(ctx.db, stops, ctx.now());
  return trips.map((t) => ({
    id: t.id,
    start: t.start_date,
    end: t.end_date,
    organisation: t.organisation,
    cancelledAt: t.cancelled_at,
    destinations: stops.filter((s) => s.trip_id === t.id).map((s) => ({ code: s.destination_code, name: s.name ?? findByCode(s.destination_code)?.name ?? s.destination_code, region: s.region, level: s.level, departureUrged: s.departure_urged === 1 })),
    alerts: alerts.filter((a) => a.places.some((p) => p.trip_id === t.id)).map((a) => ({ id: a.id, headline: a.headline, severity: a.severity })),
  }));
}
