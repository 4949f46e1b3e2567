import type { Kysely, Selectable } from 'kysely';
import { utcSecond } from '../domain/alert-times.ts';
import type { AlertContent, AlertMsgType, AlertStatus, CapCategory, CapCertainty, CapSeverity, CapUrgency } from '../domain/alerts.ts';
import type { AlertsTable, Database } from '../store/schema.ts';

/**
 * Reading alerts back (docs/alerts.md). "Active" is decided when a query runs, by comparing
 * `expires` with now: an expired alert leaves every active list by itself, with no job to run.
 * Public lists only ever see status Actual; Exercise and Test messages stay in the console.
 */

export interface AlertReference {
  id: number;
  sender: string;
  identifier: string;
  sent: string;
}

export interface StoredAlert extends AlertContent {
  id: number;
  identifier: string;
  sender: string;
  sent: string;
  /** The referenced alerts' CAP keys, for the `references` element. */
  referenced: AlertReference[];
  regionDestinations: string[];
  supersededBy: number | null;
  createdBy: number | null;
  createdAt: string;
}

type Row = Selectable<AlertsTable>;

function parseList<T>(text: string): T[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

function toAlert(row: Row, referenced: ReadonlyMap<number, AlertReference>): StoredAlert {
  const references = parseList<number>(row.reference_ids);
  return {
    id: row.id,
    identifier: row.identifier,
    sender: row.sender,
    sent: row.sent,
    status: row.status as AlertStatus,
    msgType: row.msg_type as AlertMsgType,
    references,
    referenced: references.map((id) => referenced.get(id)).filter((r): r is AlertReference => r !== undefined),
    note: row.note,
    language: row.language,
    category: row.category as CapCategory,
    event: row.event,
    urgency: row.urgency as CapUrgency,
    severity: row.severity as CapSeverity,
    certainty: row.certainty as CapCertainty,
    headline: row.headline,
    description: row.description,
    instruction: row.instruction,
    contact: row.contact,
    senderName: row.sender_name,
    web: row.web,
    effective: row.effective,
    onset: row.onset,
    expires: row.expires,
    destinations: parseList<string>(row.destinations),
    regions: parseList<string>(row.regions),
    regionDestinations: parseList<string>(row.region_destinations),
    area: { areaDesc: row.area_desc, polygon: row.polygon, circle: row.circle },
    supersededBy: row.superseded_by,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** Turns rows into alerts, reading the CAP keys of every alert they refer to in one query. */
async function hydrate(db: Kysely<Database>, rows: readonly Row[]): Promise<StoredAlert[]> {
  const ids = [...new Set(rows.flatMap((row) => parseList<number>(row.reference_ids)))];
  const referenced = new Map<number, AlertReference>();
  if (ids.length > 0) {
    const found = await db.selectFrom('alerts').select(['id', 'sender', 'identifier', 'sent']).where('id', 'in', ids).execute();
    for (const r of found) referenced.set(r.id, r);
  }
  return rows.map((row) => toAlert(row, referenced));
}

export async function findAlert(db: Kysely<Database>, id: number): Promise<StoredAlert | undefined> {
  const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await hydrate(db, [row]))[0] : undefined;
}

export async function findAlertByIdentifier(db: Kysely<Database>, identifier: string): Promise<StoredAlert | undefined> {
  const row = await db.selectFrom('alerts').selectAll().where('identifier', '=', identifier).executeTakeFirst();
  return row ? (await hydrate(db, [row]))[0] : undefined;
}

/** Whether an alert is in force or still to come: Actual, an Alert or Update nobody replaced, not expired. */
export function isActive(alert: Pick<StoredAlert, 'status' | 'msgType' | 'supersededBy' | 'expires'>, now: Date): boolean {
  return alert.status === 'Actual' && alert.msgType !== 'Cancel' && alert.supersededBy === null && alert.expires > utcSecond(now);
}

export interface AlertFilter {
  /** ISO 3166-1 alpha-2. */
  destination?: string;
  /** Only alerts in force or still to come (see isActive). */
  active?: boolean;
  /** The public see Actual alerts only; the console sees every status. */
  publicOnly: boolean;
  /** Leave Cancel messages and replaced messages out (the Atom index keeps Cancels: consumers need them). */
  current?: boolean;
  limit?: number;
  /** Alerts with a smaller id (the next page). */
  before?: number;
}

/** Alerts, newest first. */
export async function listAlerts(db: Kysely<Database>, filter: AlertFilter, now: Date = new Date()): Promise<StoredAlert[]> {
  const at = utcSecond(now);
  let query = db.selectFrom('alerts').selectAll('alerts');
  if (filter.destination) {
    query = query.where((eb) => eb.exists(
      eb.selectFrom('alert_destinations as ad').select('ad.alert_id').whereRef('ad.alert_id', '=', 'alerts.id').where('ad.destination_code', '=', filter.destination!),
    ));
  }
  if (filter.publicOnly) query = query.where('alerts.status', '=', 'Actual');
  if (filter.active) {
    query = query.where('alerts.status', '=', 'Actual').where('alerts.msg_type', '<>', 'Cancel').where('alerts.superseded_by', 'is', null).where('alerts.expires', '>', at);
  }
  if (filter.current) query = query.where('alerts.superseded_by', 'is', null).where('alerts.expires', '>', at);
  if (filter.before) query = query.where('alerts.id', '<', filter.before);
  const rows = await query.orderBy('alerts.id', 'desc').limit(Math.min(filter.limit ?? 100, 500)).execute();
  return hydrate(db, rows);
}

/**
 * The earliest expiry still to come among public alerts: the moment cached pages that show active
 * alerts stop being right. Part of the site's publication stamp (src/site/queries.ts).
 */
export async function nextPublicExpiry(db: Kysely<Database>, now: Date = new Date()): Promise<string | null> {
  const row = await db
    .selectFrom('alerts')
    .select((eb) => eb.fn.min('expires').as('next'))
    .where('status', '=', 'Actual')
    .where('expires', '>', utcSecond(now))
    .executeTakeFirst();
  return (row?.next as string | null | undefined) ?? null;
}
