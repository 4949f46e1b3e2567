import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { importFeed, type ImportReport } from '../import.ts';
import { FeedError } from '../imported.ts';
import { fetchDocuments } from '../peers/documents.ts';
import { importPeerFeed } from '../peers/store.ts';
import { DEFAULT_FETCH, FetchError, fetchFeed, type FetchSettings } from './fetch.ts';
import { lastValidators, recordSync, type SyncEntry } from './log.ts';
import type { SourceDefinition } from './registry.ts';

export interface SyncOptions {
  url?: string;
  trigger?: 'sync' | 'scheduler';
  fetch?: FetchSettings;
  now?: () => Date;
}

export interface SyncResult {
  outcome: SyncEntry['outcome'];
  httpStatus: number | null;
  report?: ImportReport;
  error?: string;
}

/**
 * One sync of a source: a conditional GET (of the index, for a source with one document per country),
 * then the same all-or-nothing import as `waypost import`.
 * Every run is logged, the failed ones too; a failure changes no advisory. Feed and HTTP problems are
 * returned, not thrown, so a scheduler keeps going; anything else (the database is down) is thrown.
 */
export async function syncSource(db: Kysely<Database>, source: SourceDefinition, options: SyncOptions = {}): Promise<SyncResult> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const location = options.url ?? source.defaultUrl;
  const base = { source: source.name, trigger: options.trigger ?? 'sync', location, startedAt } as const;
  let httpStatus: number | null = null;
  try {
    const fetched = await fetchFeed(location, await lastValidators(db, source.name, location), options.fetch ?? DEFAULT_FETCH);
    httpStatus = fetched.status;
    if (!('body' in fetched)) {
      await recordSync(db, { ...base, finishedAt: now(), httpStatus, outcome: 'not-modified' });
      return { outcome: 'not-modified', httpStatus };
    }
    // The log row commits with the import: a logged success always has its revisions.
    const alsoInTransaction = (trx: Kysely<Database>, done: ImportReport) => recordSync(trx, { ...base, finishedAt: now(), httpStatus, outcome: 'imported', report: done, etag: fetched.etag, lastModified: fetched.lastModified });
    if (source.kind === 'peer') {
      // An index is followed to its country documents; any one failing fails the run, nothing written.
      const urls = source.documentUrls(fetched.body, location);
      const documents = urls ? await fetchDocuments(urls, options.fetch ?? DEFAULT_FETCH) : [{ body: fetched.body, location }];
      const report = await importPeerFeed(db, source.parseDocuments(documents), { source: source.name, now, alsoInTransaction });
      return { outcome: 'imported', httpStatus, report };
    }
    const report = await importFeed(db, source.parse(fetched.body), { authority: source.authority, now, alsoInTransaction });
    return { outcome: 'imported', httpStatus, report };
  } catch (error) {
    if (!(error instanceof FetchError || error instanceof FeedError)) throw error;
    if (error instanceof FetchError) httpStatus = error.status;
    await recordSync(db, { ...base, finishedAt: now(), httpStatus, outcome: 'failed', error: error.message });
    return { outcome: 'failed', httpStatus, error: error.message };
  }
}
