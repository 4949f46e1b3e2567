import { sql, type Kysely } from 'kysely';
import type { ChangeType } from '../domain/advisory.ts';
import type { Indicator } from '../domain/indicators.ts';
import type { Level } from '../domain/levels.ts';
import type { Database } from '../store/schema.ts';
import { IDENTITY_VERSION } from '../identity/settings.ts';
import { PUBLIC_REVIEW_OVERDUE } from './freshness-setting.ts';

/**
 * Identifies the current publication: revisions and alert messages are append-only, so their
 * highest ids change with every publication and never otherwise. Pages also show active alerts,
 * which stop being active when they expire with nothing written: the earliest expiry still to
 * come is part of the stamp, so the stamp (and every page cached under it) changes the moment an
 * alert expires. The day is part of it too (pages say "Still current at" today) and so is the
 * setting that shows overdue reviews to readers, and the deployment identity's version (its name,
 * colour and logo are on every page and feed). Five index lookups, whatever the size of the history.
 */
export async function publicationStamp(db: Kysely<Database>, now: Date = new Date()): Promise<string> {
  const at = `${now.toISOString().slice(0, 19)}Z`;
  const { rows } = await sql<{ last: number | string | null; alert: number | string | null; next_expiry: string | null; overdue: string | null; identity: string | null }>`select
    (select max(id) from advisory_revisions) as last,
    (select max(id) from alerts) as alert,
    (select min(expires) from alerts where status = 'Actual' and expires > ${at}) as next_expiry,
    (select value from settings where key = ${PUBLIC_REVIEW_OVERDUE}) as overdue,
    (select value from settings where key = ${IDENTITY_VERSION}) as identity`.execute(db);
  const row = rows[0];
  const day = at.slice(0, 10);
  return [day, row?.overdue ?? 'off', row?.identity ?? '0', row?.last ?? 0, row?.alert ?? '-', row?.next_expiry ?? '-'].join(':');
}

/** One published change, as listed on the home page and in the feeds. */
export interface PublishedChange {
  code: string;
  name: string;
  slug: string;
  revision: number;
  level: Level;
  indicators: Indicator[];
  departureUrged: boolean;
  changeType: ChangeType;
  changeNote: string;
  publishedAt: string;
  /** Who the revision is credited to (`source.authority`). */
  sourceAuthority: string;
}

export interface ChangeFilter {
  /** Only changes that notify people (changeType "major"). */
  majorOnly?: boolean;
  /** With `majorOnly`: the current revision too, whatever its type, so a feed always says what holds now. */
  withCurrent?: boolean;
  code?: string;
  limit: number;
}

/** Published revisions across destinations (or of one), newest first. */
export async function publishedChanges(db: Kysely<Database>, filter: ChangeFilter): Promise<PublishedChange[]> {
  let query = db
    .selectFrom('advisory_revisions as r')
    .innerJoin('destinations as d', 'd.code', 'r.destination_code')
    .select([
      'r.destination_code', 'd.name', 'd.slug', 'r.revision', 'r.level', 'r.indicators', 'r.departure_urged',
      'r.change_type', 'r.change_note', 'r.published_at', 'r.source_authority',
    ]);
  if (filter.majorOnly) {
    query = query.where((eb) => filter.withCurrent
      ? eb.or([eb('r.change_type', '=', 'major'), eb('r.id', '=', eb.ref('d.current_revision_id'))])
      : eb('r.change_type', '=', 'major'));
  }
  if (filter.code) query = query.where('r.destination_code', '=', filter.code);
  const rows = await query.orderBy('r.published_at', 'desc').orderBy('r.id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => ({
    code: row.destination_code,
    name: row.name,
    slug: row.slug,
    revision: row.revision,
    level: row.level as Level,
    indicators: JSON.parse(row.indicators) as Indicator[],
    departureUrged: row.departure_urged === 1,
    changeType: row.change_type as ChangeType,
    changeNote: row.change_note,
    publishedAt: row.published_at,
    sourceAuthority: row.source_authority,
  }));
}

/**
 * A reader of the publication stamp that trusts each read for `maxAgeMs`, turning a query per
 * request into a few per second. A failed read (database away) is not kept for later calls.
 */
export function throttledPublicationStamp(db: Kysely<Database>, maxAgeMs: number): () => Promise<string> {
  let last: { at: number; stamp: Promise<string> } | undefined;
  return () => {
    const now = performance.now();
    if (!last || now - last.at >= maxAgeMs) {
      const read = publicationStamp(db);
      last = { at: now, stamp: read };
      read.catch(() => last?.stamp === read && (last = undefined));
    }
    return last.stamp;
  };
}
