import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { ImportReport } from '../import.ts';

/** One run of an import or sync, as the console and `GET /api/v1/sources` show it: the report's counts, and how it went. */
export interface SyncEntry extends Pick<ImportReport, 'items' | 'created' | 'updated' | 'unchanged' | 'skipped' | 'merged' | 'events'> {
  id: number;
  source: string;
  trigger: 'import' | 'sync' | 'scheduler';
  location: string;
  startedAt: string;
  finishedAt: string;
  httpStatus: number | null;
  outcome: 'imported' | 'not-modified' | 'failed';
  unmapped: number;
  error: string | null;
}

export interface SyncRecord {
  source: string;
  trigger: SyncEntry['trigger'];
  location: string;
  startedAt: Date;
  finishedAt: Date;
  httpStatus?: number | null;
  outcome: SyncEntry['outcome'];
  report?: ImportReport;
  error?: string;
  etag?: string | null;
  lastModified?: string | null;
}

/** Writes one log row; pass the import's transaction so a failed import logs nothing it did not do. */
export async function recordSync(db: Kysely<Database>, record: SyncRecord): Promise<void> {
  const report = record.report;
  await db
    .insertInto('source_syncs')
    .values({
      source: record.source,
      trigger: record.trigger,
      location: record.location,
      started_at: record.startedAt.toISOString(),
      finished_at: record.finishedAt.toISOString(),
      http_status: record.httpStatus ?? null,
      outcome: record.outcome,
      ...(report ? {
        items: report.items, created: report.created, updated: report.updated, unchanged: report.unchanged,
        skipped: report.skipped, merged: report.merged, unmapped: report.unmapped.length, events: report.events,
      } : {}),
      // One line, bounded: an error message from a remote server is not ours to store whole.
      error: record.error ? record.error.replace(/\s+/g, ' ').slice(0, 500) : null,
      etag: record.etag ?? null,
      last_modified: record.lastModified ?? null,
    })
    .execute();
}

/** The validators of the source's last successful sync, for the next conditional GET. */
export async function lastValidators(db: Kysely<Database>, source: string, location: string): Promise<{ etag: string | null; lastModified: string | null }> {
  const row = await db
    .selectFrom('source_syncs')
    .select(['etag', 'last_modified'])
    .where('source', '=', source)
    .where('location', '=', location)
    .where('outcome', '=', 'imported')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { etag: row?.etag ?? null, lastModified: row?.last_modified ?? null };
}

/** The newest log entries, newest first; of one source when named. */
export async function recentSyncs(db: Kysely<Database>, options: { source?: string; limit?: number } = {}): Promise<SyncEntry[]> {
  let query = db.selectFrom('source_syncs').selectAll();
  if (options.source) query = query.where('source', '=', options.source);
  const rows = await query.orderBy('id', 'desc').limit(Math.min(options.limit ?? 50, 500)).execute();
  return rows.map((row) => ({
    id: Number(row.id),
    source: row.source,
    trigger: row.trigger as SyncEntry['trigger'],
    location: row.location,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    outcome: row.outcome as SyncEntry['outcome'],
    items: Number(row.items),
    created: Number(row.created),
    updated: Number(row.updated),
    unchanged: Number(row.unchanged),
    skipped: Number(row.skipped),
    merged: Number(row.merged),
    unmapped: Number(row.unmapped),
    events: Number(row.events),
    error: row.error,
  }));
}
