import type { Kysely, Selectable } from 'kysely';
import { findByCode } from '../domain/destinations.ts';
import type { CrisesTable, CrisisAnswerValue, Database } from '../store/schema.ts';

/** Reading crises back (docs/crises.md): one, the list, and a traveller's own check-ins. */

export interface CrisisRecord {
  id: number;
  title: string;
  status: 'active' | 'closed';
  exercise: boolean;
  destinations: string[];
  regions: string[];
  regionDestinations: string[];
  /** "Moskva (RU-MOW), Russia": how the area reads. */
  areaDesc: string;
  startedAt: string;
  alertId: number | null;
  /** The advisory revision it links to: destination and revision number. */
  advisory: { code: string; revision: number } | null;
  createdAt: string;
  closedAt: string | null;
  /** Timed follow-ups and contact escalation (docs/crises.md), in minutes; null = off. */
  followUpEveryMinutes: number | null;
  escalateAfterMinutes: number | null;
  /** CAP polygon and circle, informative: scope stays by destination and region. */
  polygon: string | null;
  circle: string | null;
}

function list(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

type Row = Selectable<CrisesTable> & { advisory_code: string | null; advisory_revision: number | null };

function toRecord(row: Row): CrisisRecord {
  const destinations = list(row.destinations);
  const regions = list(row.regions);
  const regionDestinations = list(row.region_destinations);
  return {
    id: Number(row.id), title: row.title, status: row.status, exercise: Number(row.exercise) === 1, destinations, regions, regionDestinations,
    areaDesc: row.area_desc, startedAt: row.started_at, alertId: row.alert_id === null ? null : Number(row.alert_id),
    advisory: row.advisory_code && row.advisory_revision !== null ? { code: row.advisory_code, revision: Number(row.advisory_revision) } : null,
    createdAt: row.created_at, closedAt: row.closed_at,
    followUpEveryMinutes: row.follow_up_every_minutes === null ? null : Number(row.follow_up_every_minutes),
    escalateAfterMinutes: row.escalate_after_minutes === null ? null : Number(row.escalate_after_minutes),
    polygon: row.area_polygon, circle: row.area_circle,
  };
}

function crisisQuery(db: Kysely<Database>) {
  return db
    .selectFrom('crises as c')
    .leftJoin('advisory_revisions as r', 'r.id', 'c.advisory_revision_id')
    .selectAll('c')
    .select(['r.destination_code as advisory_code', 'r.revision as advisory_revision']);
}

export async function findCrisis(db: Kysely<Database>, id: number): Promise<CrisisRecord | null> {
  const row = await crisisQuery(db).where('c.id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Every crisis, active ones first, then newest first. */
export async function listCrises(db: Kysely<Database>, limit = 200): Promise<CrisisRecord[]> {
  const rows = await crisisQuery(db).orderBy('c.status').orderBy('c.id', 'desc').limit(limit).execute();
  return rows.map(toRecord);
}

export interface OwnCheckIn {
  crisis: string;
  exercise: boolean;
  status: 'active' | 'closed';
  answer: CrisisAnswerValue;
  answeredAt: string;
  channel: string;
  location: string | null;
  partySize: number | null;
  note: string | null;
}

/** A traveller's answers to every crisis, newest first: what /account shows them (the latest `limit`) and their data export (all). */
export async function travellerCheckIns(db: Kysely<Database>, travellerId: number, limit?: number): Promise<OwnCheckIn[]> {
  const rows = await db
    .selectFrom('crisis_answers as a')
    .innerJoin('crises as c', 'c.id', 'a.crisis_id')
    .select(['c.title', 'c.exercise', 'c.status', 'a.answer', 'a.answered_at', 'a.channel', 'a.location', 'a.party_size', 'a.note'])
    .where('a.traveller_id', '=', travellerId)
    .orderBy('a.id', 'desc')
    .$if(limit !== undefined, (q) => q.limit(limit!))
    .execute();
  return rows.map((r) => ({
    crisis: r.title, exercise: Number(r.exercise) === 1, status: r.status, answer: r.answer, answeredAt: r.answered_at, channel: r.channel,
    location: r.location, partySize: r.party_size === null ? null : Number(r.party_size), note: r.note,
  }));
}

export const destinationName = (code: string): string => findByCode(code)?.name ?? code;
