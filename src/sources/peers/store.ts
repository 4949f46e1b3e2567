import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isLevel } from '../../domain/levels.ts';
import type { Database } from '../../store/schema.ts';
import { summariseDecisions, type ImportReport } from '../import.ts';
import type { ItemDecision } from '../plan.ts';
import type { PeerEntry, PeerFeed } from './feed.ts';
import { writePeerChangeEvent } from '../../notify/peer-events.ts';

/** The newest version a peer source published for a destination, as stored. */
export interface StoredPeerAdvice extends Omit<PeerEntry, 'title' | 'uncoded'> {
  source: string;
  version: number;
}

function fingerprint(entry: PeerEntry): string {
  return createHash('sha256').update(JSON.stringify([entry.nativeLabel, entry.level, entry.regions, entry.sections, entry.changeNote.trim(), entry.updatedAt])).digest('hex');
}

type Row = Database['peer_advice'];

function fromRow(row: Omit<Row, 'id'> & { id: unknown }): StoredPeerAdvice {
  const level = Number(row.level);
  return {
    source: row.source,
    code: row.code,
    version: Number(row.version),
    nativeLabel: row.native_label,
    level: isLevel(level) ? level : 1,
    regions: JSON.parse(row.regions) as StoredPeerAdvice['regions'],
    sections: JSON.parse(row.sections) as StoredPeerAdvice['sections'],
    changeNote: row.change_note,
    updatedAt: row.updated_at,
    url: row.url,
  };
}

/** The newest version of each destination's advice, of one source or of all, optionally for one destination. */
export async function currentPeerAdvice(db: Kysely<Database>, filter: { source?: string; code?: string } = {}): Promise<(StoredPeerAdvice & { fingerprint: string })[]> {
  let query = db.selectFrom('peer_advice as p').selectAll('p')
    .where(({ eb, selectFrom }) => eb('p.version', '=', selectFrom('peer_advice as q').select((q) => q.fn.max('q.version').as('v')).whereRef('q.source', '=', 'p.source').whereRef('q.code', '=', 'p.code')));
  if (filter.source) query = query.where('p.source', '=', filter.source);
  if (filter.code) query = query.where('p.code', '=', filter.code);
  const rows = await query.orderBy('p.code').orderBy('p.source').execute();
  return rows.map((row) => ({ ...fromRow(row), fingerprint: row.fingerprint }));
}

/** Every version of one source's advice for a destination, newest first: each source keeps its own history. */
export async function peerHistory(db: Kysely<Database>, source: string, code: string): Promise<StoredPeerAdvice[]> {
  const rows = await db.selectFrom('peer_advice').selectAll().where('source', '=', source).where('code', '=', code).orderBy('version', 'desc').execute();
  return rows.map(fromRow);
}

export interface PeerImportOptions {
  source: string;
  dryRun?: boolean;
  now?: () => Date;
  /** Runs in the import's transaction after its writes (the sync log), so both commit or neither. */
  alsoInTransaction?: (trx: Kysely<Database>, report: ImportReport) => Promise<void>;
}

/**
 * Writes a peer feed in one transaction, all entries or none, into peer_advice only: our own
 * advisories are never touched. As for the State Department: a document that is not newer than
 * the stored version is skipped (never rolled back), an identical one is unchanged, and every
 * document gets one decision.
 */
export async function importPeerFeed(db: Kysely<Database>, feed: PeerFeed, options: PeerImportOptions): Promise<ImportReport> {
  const now = (options.now?.() ?? new Date()).toISOString();
  const run = async (trx: Kysely<Database>) => {
    const current = new Map((await currentPeerAdvice(trx, { source: options.source })).map((c) => [c.code, c]));
    const decisions: ItemDecision[] = [];
    const writes: { entry: PeerEntry; version: number; print: string; before: StoredPeerAdvice | undefined }[] = [];
    for (const entry of feed.entries) {
      const before = current.get(entry.code);
      const print = fingerprint(entry);
      const base = { title: entry.title, code: entry.code, level: entry.level };
      if (before?.fingerprint === print) decisions.push({ ...base, decision: 'unchanged' });
      else if (before && entry.updatedAt <= before.updatedAt) decisions.push({ ...base, decision: 'skipped-older', detail: `not newer than the stored version (${entry.updatedAt} ≤ ${before.updatedAt})` });
      else {
        decisions.push({ ...base, decision: before ? 'updated' : 'created', ...(before && before.level !== entry.level ? { detail: `${before.nativeLabel} → ${entry.nativeLabel}` } : {}) });
        writes.push({ entry, version: (before?.version ?? 0) + 1, print, before });
      }
    }
    for (const m of feed.merges) decisions.push({ decision: m.action === 'region' ? 'merged' : 'superseded', title: m.title, code: m.code, detail: m.detail });
    for (const u of feed.unmapped) decisions.push({ decision: 'unmapped', title: u.title, detail: u.reason });
    const report = summarise(feed, decisions, options.dryRun === true);
    if (options.dryRun) return report;
    for (const { entry, version, print, before } of writes) {
      await trx.insertInto('peer_advice').values({
        source: options.source, code: entry.code, version, native_label: entry.nativeLabel, level: entry.level,
        regions: JSON.stringify(entry.regions), sections: JSON.stringify(entry.sections), change_note: entry.changeNote,
        updated_at: entry.updatedAt, url: entry.url, fingerprint: print, imported_at: now,
      }).execute();
      // A change worth telling (a level, a region's level, the call to leave) is announced with it.
      await writePeerChangeEvent(trx, options.source, entry.code, before, entry, new Date(now));
    }
    await options.alsoInTransaction?.(trx, report);
    return report;
  };
  return options.dryRun ? run(db) : db.transaction().execute(run);
}

function summarise(feed: PeerFeed, decisions: ItemDecision[], dryRun: boolean): ImportReport {
  const uncoded = feed.entries.filter((e) => e.uncoded.length).map((e) => ({ code: e.code, title: e.title, areas: e.uncoded }));
  return summariseDecisions({ ...feed, levels: feed.entries.map((e) => e.level), uncoded }, decisions, dryRun);
}
