import type { Kysely } from 'kysely';
import { defaultNextReviewDue, isUrgentContent } from '../domain/advisory.ts';
import type { Level } from '../domain/levels.ts';
import { changeHeadlines, translatedSectionTitles } from '../domain/change-headlines.ts';
import { ADVISORY_PUBLISHED, writeEvent } from '../notify/events.ts';
import { advisoryPublishedPayload } from '../notify/advisory-payload.ts';
import { recordAudit } from '../publishing/audit.ts';
import { COMMAND_LINE, type Actor } from '../publishing/context.ts';
import { appendRevision, currentAdvisories, type StoredRevision } from '../publishing/revisions.ts';
import type { Database } from '../store/schema.ts';
import type { MergeDecision, ParsedFeed, UnmappedEntry } from './imported.ts';
import { planImport, type ItemDecision, type PlannedWrite } from './plan.ts';

export interface ImportReport {
  format: string;
  /** Items in the feed; each has one decision below. */
  items: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Not newer than the current revision, left alone. */
  skipped: number;
  /** Items for the same destination merged into another item's advisory (as a region, or superseded). */
  merged: number;
  /** Destinations per level after the import, for the entries in this feed. */
  byLevel: Record<Level, number>;
  decisions: ItemDecision[];
  merges: MergeDecision[];
  unmapped: UnmappedEntry[];
  /** Per advisory, the regions that matched no ISO 3166-2 code. */
  uncoded: { code: string; title: string; areas: string[] }[];
  /** `advisory.published` events written (major revisions). */
  events: number;
  dryRun: boolean;
}

export interface ImportOptions {
  /** Credited as `source.authority`. */
  authority: string;
  onProgress?: (done: number, total: number) => void;
  /** Decide every item, write nothing. */
  dryRun?: boolean;
  /** Import items that are not newer than the current revision (a deliberate restore); audited. */
  force?: boolean;
  /** Who runs it, for the audit log of a forced import. */
  actor?: Actor;
  /**
   * Write `advisory.published` events for major revisions (default). Loading the bundled feed into
   * an empty database is installation, not news, and passes false.
   */
  notify?: boolean;
  now?: () => Date;
  /** Runs in the import's transaction after its writes (the sync log), so both commit or neither. */
  alsoInTransaction?: (trx: Kysely<Database>, report: ImportReport) => Promise<void>;
}

/**
 * Writes a parsed feed as advisory revisions in one transaction: all entries or none. Items are
 * decided first (src/sources/plan.ts); a major revision writes its `advisory.published` event in the
 * same transaction, so travellers hear of imported level changes exactly when they are committed.
 */
export async function importFeed(db: Kysely<Database>, feed: ParsedFeed, options: ImportOptions): Promise<ImportReport> {
  const now = options.now?.() ?? new Date();
  const run = async (trx: Kysely<Database>) => {
    const current = new Map((await currentAdvisories(trx)).map((r): [string, StoredRevision] => [r.code, r]));
    const plan = planImport(feed, current, options.force);
    const report = summarise(feed, plan.decisions, options.dryRun === true);
    if (options.dryRun) return report;
    let done = 0;
    for (const write of plan.writes) {
      if (await applyWrite(trx, write, options, now)) report.events += 1;
      options.onProgress?.(++done, plan.writes.length);
    }
    const forced = plan.writes.filter((w) => w.forced);
    if (forced.length) {
      await recordAudit(trx, {
        actor: options.actor ?? COMMAND_LINE,
        action: 'import-forced',
        subject: `${options.authority}: ${forced.length} older item(s) imported with --force`,
        detail: { authority: options.authority, items: forced.map((w) => ({ code: w.entry.code, publishedAt: w.entry.publishedAt, replaced: w.current?.revision ?? null })) },
        at: now,
      });
    }
    await options.alsoInTransaction?.(trx, report);
    return report;
  };
  return options.dryRun ? run(db) : db.transaction().execute(run);
}

/** Appends one revision, and its event when it is major; returns whether an event was written. */
async function applyWrite(trx: Kysely<Database>, { entry, current, changeType }: PlannedWrite, options: ImportOptions, now: Date): Promise<boolean> {
  const revision = await appendRevision(trx, {
    code: entry.code,
    // Feeds carry no missions or quick facts: the ones our editors published stay.
    content: { ...entry.content, missions: current?.missions ?? [], quickFacts: current?.quickFacts ?? null },
    changeType,
    changeNote: entry.changeNote,
    publishedAt: entry.publishedAt,
    reviewedAt: entry.reviewedAt,
    nextReviewDue: defaultNextReviewDue(entry.content.level, entry.reviewedAt),
    source: entry.sourceUrl ? { authority: options.authority, url: entry.sourceUrl } : { authority: options.authority },
  }, now);
  if (changeType !== 'major' || options.notify === false) return false;
  const { content } = entry;
  await writeEvent(trx, {
    kind: ADVISORY_PUBLISHED,
    destinationCode: entry.code,
    revision,
    at: now,
    payload: advisoryPublishedPayload({
      code: entry.code, revision, level: content.level, departureUrged: content.departureUrged, indicators: content.indicators,
      previous: current ? { revision: current.revision, level: current.level } : null,
      changeType, changeNote: entry.changeNote, publishedAt: entry.publishedAt, headlines: changeHeadlines(current ?? null, content),
      sectionTitles: translatedSectionTitles(current ?? null, content),
      regions: content.regions,
      // The console's rule (planPublication): Level 4 anywhere or a call to leave goes out first.
      urgent: isUrgentContent(content),
    }),
  });
  return true;
}

function summarise(feed: ParsedFeed, decisions: ItemDecision[], dryRun: boolean): ImportReport {
  const uncoded = feed.entries.filter((e) => e.uncoded?.length).map((e) => ({ code: e.code, title: e.title, areas: e.uncoded!.map((a) => `${a.name} (Level ${a.level})`) }));
  return summariseDecisions({ ...feed, levels: feed.entries.map((e) => e.content.level), uncoded }, decisions, dryRun);
}

/** The report's counts from the decisions; shared by every importer (peer sources too). */
export function summariseDecisions(feed: Pick<ImportReport, 'format' | 'items' | 'merges' | 'unmapped' | 'uncoded'> & { levels: Level[] }, decisions: ItemDecision[], dryRun: boolean): ImportReport {
  const count = (...kinds: ItemDecision['decision'][]) => decisions.filter((d) => kinds.includes(d.decision)).length;
  const byLevel: Record<Level, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const level of feed.levels) byLevel[level] += 1;
  return {
    format: feed.format,
    items: feed.items,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    skipped: count('skipped-older'),
    merged: count('merged', 'superseded'),
    byLevel,
    decisions,
    merges: feed.merges,
    unmapped: feed.unmapped,
    uncoded: feed.uncoded,
    events: 0,
    dryRun,
  };
}
