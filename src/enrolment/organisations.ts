import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { checkOrganisationName, normaliseOrganisationName, verificationState, type VerificationState } from '../domain/organisations.ts';
import { EnrolmentError, timestamp, today, type EnrolmentContext } from './context.ts';
import { regionLabel } from './regions.ts';
import { alertsCovering } from './briefings.ts';

/** Who is asking about an organisation's verification: its page says what it may do now. */
export interface OrganisationSummary {
  id: number;
  name: string;
  state: VerificationState;
}

/**
 * A traveller creates an organisation and becomes its first admin. The name must pass the naming
 * rules (no links, no addresses); a taken name is refused. It starts unverified: it can import or
 * invite nobody until a staff admin verifies it (docs/security.md, "Organisations").
 */
export async function createOrganisation(ctx: EnrolmentContext, travellerId: number, input: unknown): Promise<number> {
  const check = checkOrganisationName(input);
  if (!check.ok) throw new EnrolmentError(check.reason, 400, 'name');
  const at = timestamp(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await insertOrganisation(trx, check.name, at, travellerId);
    if (id === undefined) throw new EnrolmentError('An organisation with this name exists already; ask one of its admins to add you.', 409, 'name');
    await trx.insertInto('organisation_members').values({ organisation_id: id, traveller_id: travellerId, role: 'admin', created_at: at }).execute();
    return id;
  });
}

/** Inserts a new, unverified organisation under a name that passed the rules; undefined when the name is taken. */
export async function insertOrganisation(db: Kysely<Database>, name: string, at: string, createdBy: number | null): Promise<number | undefined> {
  const inserted = await db.insertInto('organisations')
    .values({ name, name_normalised: normaliseOrganisationName(name), created_at: at, created_by: createdBy, verified_at: null, verified_by: null, withdrawn_at: null, withdrawn_by: null })
    .onConflict((oc) => oc.column('name_normalised').doNothing()).returning('id').executeTakeFirst();
  return inserted?.id;
}

export interface Membership {
  organisationId: number;
  name: string;
  role: 'admin' | 'member';
}

export async function memberships(ctx: EnrolmentContext, travellerId: number): Promise<Membership[]> {
  const rows = await ctx.db
    .selectFrom('organisation_members')
    .innerJoin('organisations', 'organisations.id', 'organisation_members.organisation_id')
    .select(['organisations.id', 'organisations.name', 'organisation_members.role'])
    .where('organisation_members.traveller_id', '=', travellerId)
    .orderBy('organisations.name')
    .execute();
  return rows.map((r) => ({ organisationId: r.id, name: r.name, role: r.role }));
}

/** The organisation and its verification state, if the traveller is one of its admins; otherwise a 404 (nobody learns it exists). */
export async function adminOrganisation(ctx: EnrolmentContext, travellerId: number, organisationId: number): Promise<OrganisationSummary> {
  const row = await ctx.db
    .selectFrom('organisation_members')
    .innerJoin('organisations', 'organisations.id', 'organisation_members.organisation_id')
    .select(['organisations.id', 'organisations.name', 'organisations.verified_at', 'organisations.withdrawn_at'])
    .where('organisation_members.traveller_id', '=', travellerId)
    .where('organisation_members.organisation_id', '=', organisationId)
    .where('organisation_members.role', '=', 'admin')
    .executeTakeFirst();
  if (!row) throw new EnrolmentError('There is no such organisation among those you administer.', 404);
  return { id: row.id, name: row.name, state: verificationState({ verifiedAt: row.verified_at, withdrawnAt: row.withdrawn_at }) };
}

export interface ExposureRow {
  name: string;
  email: string;
  destinationCode: string;
  destination: string;
  region: string | null;
  start: string;
  end: string | null;
  level: number | null;
  regionLevel: number | null;
  departureUrged: boolean;
  /** Whether the trip is under way today (otherwise it is ahead). */
  current: boolean;
  /** Active alerts covering the destination (or its region, where the alert names regions), oldest first. */
  alerts: ExposureAlert[];
}

export interface ExposureAlert {
  id: number;
  headline: string;
  severity: string;
}

/**
 * Who of the organisation's people is where, and at what level now: the trips the organisation
 * enrolled that are under way or ahead, with each destination's current level (and the level of
 * the region, where the advisory gives the region its own) and the active alerts covering it
 * (the same area rule as a trip's briefing, src/enrolment/briefings.ts). Most exposed first.
 */
export async function exposure(ctx: EnrolmentContext, organisationId: number): Promise<ExposureRow[]> {
  const day = today(ctx);
  const rows = await ctx.db
    .selectFrom('trips')
    .innerJoin('travellers', 'travellers.id', 'trips.traveller_id')
    .innerJoin('trip_destinations', 'trip_destinations.trip_id', 'trips.id')
    .innerJoin('destinations', 'destinations.code', 'trip_destinations.destination_code')
    .leftJoin('advisory_revisions', 'advisory_revisions.id', 'destinations.current_revision_id')
    .select([
      'travellers.name', 'travellers.email', 'trip_destinations.destination_code', 'destinations.name as destination', 'trip_destinations.region',
      'trips.start_date', 'trips.end_date', 'advisory_revisions.level', 'advisory_revisions.regions', 'advisory_revisions.departure_urged',
    ])
    .where('trips.organisation_id', '=', organisationId)
    .where('trips.cancelled_at', 'is', null)
    .where((eb) => eb.or([eb('trips.end_date', 'is', null), eb('trips.end_date', '>=', day)]))
    .execute();
  // One query for the alerts of every destination listed, then matched to each stop by area.
  const covering = await alertsCovering(ctx.db, rows.map((r, index) => ({ destination_code: r.destination_code, region: r.region, index })), ctx.now());
  const alerts = rows.map((): ExposureAlert[] => []);
  for (const alert of covering) for (const place of alert.places) alerts[place.index]!.push({ id: alert.id, headline: alert.headline, severity: alert.severity });
  return rows
    .map((r, index) => {
      let regionLevel: number | null = null;
      if (r.region && r.regions) {
        const regions = JSON.parse(r.regions) as { name: string; code?: string; level: number }[];
        regionLevel = regions.find((g) => g.code === r.region || g.name.toLowerCase() === r.region!.toLowerCase())?.level ?? null;
      }
      return {
        name: r.name, email: r.email, destinationCode: r.destination_code, destination: r.destination, region: regionLabel(r.region), start: r.start_date,
        end: r.end_date, level: r.level, regionLevel, departureUrged: r.departure_urged === 1, current: r.start_date <= day, alerts: alerts[index]!,
      };
    })
    .sort((a, b) => (Math.max(b.level ?? 0, b.regionLevel ?? 0) - Math.max(a.level ?? 0, a.regionLevel ?? 0)) || Number(b.current) - Number(a.current)
      || a.destination.localeCompare(b.destination) || a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}
