import type { Kysely } from 'kysely';
import { contentFingerprint, defaultNextReviewDue } from '../domain/advisory.ts';
import type { Level } from '../domain/levels.ts';
import { appendRevision } from '../publishing/revisions.ts';
import type { Database } from '../store/schema.ts';
import type { ParsedFeed, UnmappedEntry } from './imported.ts';

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Destinations per level after the import, for the entries in this feed. */
  byLevel: Record<Level, number>;
  unmapped: UnmappedEntry[];
}

/**
 * Writes a parsed feed as advisory revisions in one transaction: all entries or none.
 * An entry identical to the destination's current revision is skipped, so re-importing the same
 * feed creates nothing and a changed entry creates exactly one revision.
 */
export async function importFeed(
  db: Kysely<Database>,
  feed: ParsedFeed,
  authority: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, byLevel: { 1: 0, 2: 0, 3: 0, 4: 0 }, unmapped: feed.unmapped };
  await db.transaction().execute(async (trx) => {
    const current = new Map(
      (
        await trx
          .selectFrom('destinations as d')
          .leftJoin('advisory_revisions as r', 'r.id', 'd.current_revision_id')
          .select(['d.code', 'r.fingerprint'])
          .execute()
      ).map((row) => [row.code, row.fingerprint]),
    );
    let done = 0;
    for (const entry of feed.entries) {
      report.byLevel[entry.content.level] += 1;
      const fingerprint = contentFingerprint(entry.content, entry.changeNote, entry.publishedAt);
      const previous = current.get(entry.code);
      if (previous === fingerprint) {
        report.unchanged += 1;
      } else {
        await appendRevision(trx, {
          code: entry.code,
          content: entry.content,
          changeType: entry.changeType,
          changeNote: entry.changeNote,
          publishedAt: entry.publishedAt,
          reviewedAt: entry.reviewedAt,
          nextReviewDue: defaultNextReviewDue(entry.content.level, entry.reviewedAt),
          source: entry.sourceUrl ? { authority, url: entry.sourceUrl } : { authority },
        });
        if (previous) report.updated += 1;
        else report.created += 1;
      }
      onProgress(++done, feed.entries.length);
    }
  });
  return report;
}
