import { sql, type Kysely } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import { hoursOf } from '../domain/crisis-timers.ts';
import { STATE_ORDER, type CrisisCounts, type PersonState } from '../domain/crises.ts';
import { regionLabel } from '../enrolment/regions.ts';
import type { Database, DeliveryStatus } from '../store/schema.ts';
import { countsByOrganisation } from './by-organisation.ts';
import { readCounts, wavePending, type StoredCounts } from './counters.ts';
import { destinationName, type CrisisRecord } from './records.ts';

/**
 * What a crisis's dashboard, its API and `waypost crisis show` count (docs/crises.md): each person
 * of its population in one state — their latest answer, or "no answer" while a message reached
 * them or still may, or "undeliverable" when none can — overall, by place, and wave by wave. The
 * counts are stored and kept exact as people, answers and deliveries change (counters.ts, migration
 * 018), so a million-person crisis is counted from a few dozen rows; recount.ts is the reference.
 */

export interface PlaceCounts {
  destination: string;
  /** '' = the whole country, or no region given. */
  region: string;
  label: string;
  counts: CrisisCounts;
}

export interface WaveSummary {
  number: number;
  kind: 'initial' | 'follow-up';
  sentAt: string;
  sentBy: string;
  eventId: number | null;
  /** False until the worker has computed its deliveries. */
  fannedOut: boolean;
  people: number;
  deliveries: Record<DeliveryStatus, number>;
}

export interface CrisisSummary {
  counts: CrisisCounts;
  people: number;
  byPlace: PlaceCounts[];
  waves: WaveSummary[];
}

export async function crisisSummary(db: Kysely<Database>, crisisId: number): Promise<CrisisSummary> {
  const stored = await readCounts(db, crisisId, await wavePending(db, crisisId));
  return { ...withPlaces(stored), waves: await waveSummaries(db, crisisId) };
}

/** Counts by place, labelled, places where people need help first, then by how many are not accounted for. */
export function withPlaces(stored: StoredCounts): Omit<CrisisSummary, 'waves'> {
  const byPlace = stored.byPlace.map(({ destination, region, counts }) => {
    const label = region ? regionLabel(region) ?? region : '';
    return { destination, region, label: `${destinationName(destination)}${label ? ` – ${label}` : ''}`, counts };
  }).sort((a, b) => b.counts.needHelp - a.counts.needHelp || (b.counts.noAnswer + b.counts.undeliverable) - (a.counts.noAnswer + a.counts.undeliverable) || a.label.localeCompare(b.label));
  return { counts: stored.counts, people: Object.values(stored.counts).reduce((x, y) => x + y, 0), byPlace };
}

/** A crisis with its counts, by place and by wave: the JSON of `GET /api/v1/crises/{id}` and `waypost crisis show --json`. */
export async function crisisView(db: Kysely<Database>, crisis: CrisisRecord) {
  const [summary, byOrganisation] = await Promise.all([crisisSummary(db, crisis.id), countsByOrganisation(db, crisis.id)]);
  return {
    id: crisis.id, title: crisis.title, status: crisis.status, exercise: crisis.exercise, destinations: crisis.destinations, regions: crisis.regions,
    area: crisis.areaDesc, areaShape: { polygon: crisis.polygon, circle: crisis.circle },
    followUpEveryHours: hoursOf(crisis.followUpEveryMinutes), escalateAfterHours: hoursOf(crisis.escalateAfterMinutes), startedAt: crisis.startedAt, closedAt: crisis.closedAt, alertId: crisis.alertId, advisory: crisis.advisory,
    counts: summary.counts, people: summary.people, byPlace: summary.byPlace,
    byOrganisation: byOrganisation.map(({ organisation, counts }) => ({ organisation, counts })),
    waves: summary.waves.map(({ number, kind, sentAt, fannedOut, people, deliveries }) => ({ number, kind, sentAt, fannedOut, people, deliveries })),
  };
}

async function waveSummaries(db: Kysely<Database>, crisisId: number): Promise<WaveSummary[]> {
  const waves = await db.selectFrom('crisis_waves as w').leftJoin('events as e', 'e.id', 'w.event_id')
    .select(['w.number', 'w.kind', 'w.sent_at', 'w.sent_by', 'w.event_id', 'w.people', 'e.fanned_out_at'])
    .where('w.crisis_id', '=', crisisId).orderBy('w.number').execute();
  const eventIds = waves.map((w) => w.event_id).filter((id): id is number => id !== null);
  // Stored and kept by triggers (migration 023): a few rows per wave, not a count of its deliveries.
  const rows = eventIds.length === 0 ? [] : await db.selectFrom('crisis_wave_deliveries')
    .select((eb) => ['event_id', 'status', eb.fn.sum<number | string>('n').as('n')])
    .where('event_id', 'in', eventIds).groupBy(['event_id', 'status']).execute();
  return waves.map((w) => {
    const deliveries: Record<DeliveryStatus, number> = { queued: 0, sending: 0, sent: 0, failed: 0, bounced: 0 };
    for (const r of rows) if (r.event_id === w.event_id) deliveries[r.status] += Number(r.n);
    return {
      number: Number(w.number), kind: w.kind, sentAt: w.sent_at, sentBy: w.sent_by, eventId: w.event_id, fannedOut: w.fanned_out_at !== null,
      people: Number(w.people ?? 0), deliveries,
    };
  });
}

export interface PersonRow {
  travellerId: number;
  name: string;
  email: string;
  phone: string | null;
  places: string[];
  organisation: string | null;
  state: PersonState;
  answeredAt: string | null;
  channel: string | null;
  location: string | null;
  partySize: number | null;
  note: string | null;
}

/** The people of a crisis (or those in one state), those who need help first: the console's list and the CSV export. */
/** Each person of the crisis once, with the state stored on their rows (migration 018). */
function storedStates(db: Kysely<Database>, crisisId: number, pending: boolean) {
  return db.selectFrom('crisis_people as p')
    .select((eb) => [
      'p.traveller_id', eb.fn.max('p.answer_id').as('answer_id'),
      sql<PersonState>`coalesce(max(p.answer), case when max(p.unreachable) = 1 and ${sql.lit(pending ? 0 : 1)} = 1 then 'undeliverable' else 'no_answer' end)`.as('state'),
    ])
    .where('p.crisis_id', '=', crisisId)
    .groupBy('p.traveller_id');
}

export async function crisisPeople(db: Kysely<Database>, crisisId: number, options: { state?: PersonState; limit?: number } = {}): Promise<PersonRow[]> {
  const pending = await wavePending(db, crisisId);
  const rows = await db
    .selectFrom(storedStates(db, crisisId, pending).as('s'))
    .innerJoin('travellers as t', 't.id', 's.traveller_id')
    .leftJoin('crisis_answers as a', 'a.id', 's.answer_id')
    .select(['t.id', 't.name', 't.email', 't.phone', 's.state', 'a.answered_at', 'a.channel', 'a.location', 'a.party_size', 'a.note'])
    .$if(options.state !== undefined, (q) => q.where('s.state', '=', options.state!))
    .orderBy('t.id')
    .$if(options.limit !== undefined, (q) => q.limit(options.limit!))
    .execute();
  const ids = rows.map((r) => r.id);
  const places = ids.length === 0 ? [] : await db.selectFrom('crisis_people as p').leftJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.traveller_id', 'p.destination_code', 'p.region', 'o.name as organisation']).where('p.crisis_id', '=', crisisId).where('p.traveller_id', 'in', ids).execute();
  const byPerson = Map.groupBy(places, (p) => p.traveller_id);
  return rows
    .map((r) => {
      const mine = byPerson.get(r.id) ?? [];
      return {
        travellerId: r.id, name: r.name, email: r.email, phone: r.phone, state: r.state,
        places: mine.map((p) => `${p.destination_code}${p.region ? ` ${p.region}` : ''}`),
        organisation: mine.find((p) => p.organisation)?.organisation ?? null,
        answeredAt: r.answered_at, channel: r.channel, location: r.location, partySize: r.party_size === null ? null : Number(r.party_size), note: r.note,
      };
    })
    .sort((a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) || a.travellerId - b.travellerId);
}

export const PEOPLE_CSV_COLUMNS = ['state', 'name', 'email', 'phone', 'places', 'organisation', 'answered_at', 'channel', 'location', 'party_size', 'note'] as const;

/** A spreadsheet must not run what a traveller typed: cells that would start a formula get a leading apostrophe. */
export function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The people of a crisis as CSV (RFC 4180, header first), those who need help first. */
export function peopleCsv(people: readonly PersonRow[]): string {
  return stringify(
    people.map((p) => [p.state, p.name, p.email, p.phone, p.places.join('; '), p.organisation, p.answeredAt, p.channel, p.location, p.partySize, p.note].map(cell)),
    { header: true, columns: [...PEOPLE_CSV_COLUMNS], record_delimiter: 'windows' },
  );
}
