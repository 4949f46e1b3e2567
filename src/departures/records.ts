import type { Kysely, Selectable } from 'kysely';
import type { DepartureInput, DepartureLoad, DepartureMode, DepartureRequestInput, DepartureStatus, RequestPlace } from '../domain/departures.ts';
import type { Database, DeparturesTable } from '../store/schema.ts';

/**
 * Reading departure assistance back (docs/crises.md "Departure assistance"): a crisis's departures
 * with their load (persons assigned, boarded), its requests with who asked, a traveller's own
 * requests for /account. Personal data leaves here only for staff with the `departures`
 * permission and for the traveller themselves.
 */

/** A departure as stored (DepartureInput) with its load. */
export interface DepartureRecord extends DepartureInput {
  id: number;
  crisisId: number;
  /** Persons (sum of party sizes) assigned, and how many places are left. */
  assigned: number;
  remaining: number;
  /** Requests assigned, and persons of those that boarded. */
  requests: number;
  boarded: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** A request as stored: what the person said (DepartureRequestInput), who they are, and where it stands. */
export interface RequestRecord extends DepartureRequestInput {
  id: number;
  crisisId: number;
  travellerId: number;
  name: string;
  email: string;
  via: 'link' | 'account';
  departureId: number | null;
  boardedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function codeList(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function requestQuery(db: Kysely<Database>) {
  return db.selectFrom('departure_requests as r').innerJoin('travellers as t', 't.id', 'r.traveller_id').selectAll('r').select(['t.name', 't.email']);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

function toRequest(r: RequestRow): RequestRecord {
  return {
    id: Number(r.id), crisisId: Number(r.crisis_id), travellerId: Number(r.traveller_id), name: r.name, email: r.email, partySize: Number(r.party_size),
    dependants: Number(r.dependants), citizenships: codeList(r.citizenships), passports: codeList(r.passports), specialNeeds: r.special_needs,
    location: r.location, phone: r.phone, via: r.via, departureId: r.departure_id === null ? null : Number(r.departure_id), boardedAt: r.boarded_at,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** A crisis's requests (or one departure's), in the order they came. */
export async function listRequests(db: Kysely<Database>, where: { crisisId: number } | { departureId: number }): Promise<RequestRecord[]> {
  const rows = await requestQuery(db)
    .$if('crisisId' in where, (q) => q.where('r.crisis_id', '=', (where as { crisisId: number }).crisisId))
    .$if('departureId' in where, (q) => q.where('r.departure_id', '=', (where as { departureId: number }).departureId))
    .orderBy('r.id').execute();
  return rows.map(toRequest);
}

export async function findRequest(db: Kysely<Database>, crisisId: number, travellerId: number): Promise<RequestRecord | null> {
  const row = await requestQuery(db).where('r.crisis_id', '=', crisisId).where('r.traveller_id', '=', travellerId).executeTakeFirst();
  return row ? toRequest(row) : null;
}

/** What the capacity and boarding rules need of some requests, by id (ids not found are absent). */
export async function requestPlaces(db: Kysely<Database>, ids: readonly number[]): Promise<(RequestPlace & { crisisId: number })[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('departure_requests').select(['id', 'crisis_id', 'party_size', 'departure_id', 'boarded_at']).where('id', 'in', [...ids]).execute();
  return rows.map((r) => ({
    id: Number(r.id), crisisId: Number(r.crisis_id), partySize: Number(r.party_size), departureId: r.departure_id === null ? null : Number(r.departure_id), boarded: r.boarded_at !== null,
  }));
}

function departureQuery(db: Kysely<Database>) {
  const load = db.selectFrom('departure_requests')
    .select((eb) => [
      'departure_id',
      eb.fn.sum<number | string>('party_size').as('persons'),
      eb.fn.countAll<number | string>().as('requests'),
      eb.fn.sum<number | string>(eb.case().when('boarded_at', 'is not', null).then(eb.ref('party_size')).else(0).end()).as('boarded'),
    ])
    .where('departure_id', 'is not', null).groupBy('departure_id');
  return db.selectFrom('departures as d').leftJoin(load.as('l'), 'l.departure_id', 'd.id').selectAll('d').select(['l.persons', 'l.requests', 'l.boarded']);
}

function toDeparture(row: Selectable<DeparturesTable> & { persons: number | string | null; requests: number | string | null; boarded: number | string | null }): DepartureRecord {
  const assigned = Number(row.persons ?? 0);
  return {
    id: Number(row.id), crisisId: Number(row.crisis_id), mode: row.mode, label: row.label, capacity: Number(row.capacity), meetingPoint: row.meeting_point,
    meetingAt: row.meeting_at, status: row.status, assigned, remaining: Math.max(0, Number(row.capacity) - assigned), requests: Number(row.requests ?? 0),
    boarded: Number(row.boarded ?? 0), createdAt: row.created_at, createdBy: row.created_by, updatedAt: row.updated_at,
  };
}

export async function findDeparture(db: Kysely<Database>, id: number): Promise<DepartureRecord | null> {
  const row = await departureQuery(db).where('d.id', '=', id).executeTakeFirst();
  return row ? toDeparture(row) : null;
}

/** A crisis's departures: those still to go first, then by meeting time. */
export async function listDepartures(db: Kysely<Database>, crisisId: number): Promise<DepartureRecord[]> {
  const rows = await departureQuery(db).where('d.crisis_id', '=', crisisId).orderBy('d.meeting_at').orderBy('d.id').execute();
  const rank = (s: DepartureStatus) => (s === 'boarding' ? 0 : s === 'planned' ? 1 : 2);
  return rows.map(toDeparture).sort((a, b) => rank(a.status) - rank(b.status));
}

export const loadOf = (d: DepartureRecord): DepartureLoad => ({ id: d.id, status: d.status, capacity: d.capacity, assigned: d.assigned });

export interface OwnDepartureRequest {
  crisisId: number;
  crisis: string;
  exercise: boolean;
  crisisStatus: 'active' | 'closed';
  partySize: number;
  dependants: number;
  location: string;
  updatedAt: string;
  boardedAt: string | null;
  departure: { mode: DepartureMode; label: string; meetingPoint: string; meetingAt: string; status: DepartureStatus } | null;
}

/** A traveller's requests, newest first, with the departure each is on: /account and their data export. */
export async function travellerDepartureRequests(db: Kysely<Database>, travellerId: number): Promise<OwnDepartureRequest[]> {
  const rows = await db.selectFrom('departure_requests as r').innerJoin('crises as c', 'c.id', 'r.crisis_id').leftJoin('departures as d', 'd.id', 'r.departure_id')
    .select(['r.crisis_id', 'c.title', 'c.exercise', 'c.status as crisis_status', 'r.party_size', 'r.dependants', 'r.location', 'r.updated_at', 'r.boarded_at',
      'd.id as departure_id', 'd.mode', 'd.label', 'd.meeting_point', 'd.meeting_at', 'd.status'])
    .where('r.traveller_id', '=', travellerId).orderBy('r.id', 'desc').execute();
  return rows.map((r) => ({
    crisisId: Number(r.crisis_id), crisis: r.title, exercise: Number(r.exercise) === 1, crisisStatus: r.crisis_status, partySize: Number(r.party_size),
    dependants: Number(r.dependants), location: r.location, updatedAt: r.updated_at, boardedAt: r.boarded_at,
    departure: r.departure_id === null ? null : { mode: r.mode!, label: r.label!, meetingPoint: r.meeting_point!, meetingAt: r.meeting_at!, status: r.status! },
  }));
}

/** The active crises a traveller is in the population of: where /account offers "I need help to leave". */
export async function travellerActiveCrises(db: Kysely<Database>, travellerId: number): Promise<{ id: number; title: string; exercise: boolean }[]> {
  const rows = await db.selectFrom('crises as c').select(['c.id', 'c.title', 'c.exercise']).where('c.status', '=', 'active')
    .where((eb) => eb.exists(eb.selectFrom('crisis_people as p').select('p.crisis_id').whereRef('p.crisis_id', '=', 'c.id').where('p.traveller_id', '=', travellerId)))
    .orderBy('c.id', 'desc').execute();
  return rows.map((r) => ({ id: Number(r.id), title: r.title, exercise: Number(r.exercise) === 1 }));
}

/** What a first request's form starts from: the person's citizenships and phone as their profile gives them. */
export async function requestDefaults(db: Kysely<Database>, travellerId: number): Promise<{ citizenships: string[]; phone: string | null }> {
  const [traveller, citizenships] = await Promise.all([
    db.selectFrom('travellers').select('phone').where('id', '=', travellerId).executeTakeFirst(),
    db.selectFrom('traveller_citizenships').select('country_code').where('traveller_id', '=', travellerId).orderBy('country_code').execute(),
  ]);
  return { citizenships: citizenships.map((c) => c.country_code), phone: traveller?.phone ?? null };
}
