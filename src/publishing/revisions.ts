import type { Kysely, Selectable } from 'kysely';
import type { AdvisoryContent, AdvisoryRevision, ChangeType } from '../domain/advisory.ts';
import { contentFingerprint, nextRevisionNumber } from '../domain/advisory.ts';
import type { Indicator } from '../domain/indicators.ts';
import type { Level } from '../domain/levels.ts';
import type { Mission } from '../domain/missions.ts';
import type { QuickFacts } from '../domain/quick-facts.ts';
import type { AdvisoryTranslations } from '../domain/advisory-translations.ts';
import type { AdvisoryRevisionsTable, Database } from '../store/schema.ts';

type RevisionRow = Selectable<AdvisoryRevisionsTable>;

/** A revision as stored, with what the public needs to show alongside it. */
export interface StoredRevision extends AdvisoryRevision {
  missions: Mission[];
  quickFacts: QuickFacts | null;
  /** Empty when it has none. */
  translations: AdvisoryTranslations;
  id: number;
  name: string;
  fingerprint: string;
}

export interface NewRevision {
  code: string;
  content: AdvisoryContent;
  changeType: ChangeType;
  changeNote: string;
  publishedAt: string;
  reviewedAt: string;
  nextReviewDue: string | null;
  source: { authority: string; url?: string };
}

const revisionColumns = [
  'r.id', 'r.destination_code', 'r.revision', 'r.level', 'r.indicators', 'r.risks', 'r.regions', 'r.sections',
  'r.departure_urged', 'r.summary', 'r.change_type', 'r.change_note', 'r.published_at', 'r.reviewed_at',
  'r.next_review_due', 'r.source_authority', 'r.source_url', 'r.fingerprint', 'r.created_at', 'r.missions', 'r.quick_facts', 'r.translations',
] as const;

/** Translations as stored: JSON, or null for none (so rows without any read as they did before migration 026). */
export function translationsColumn(translations: AdvisoryTranslations | null | undefined): string | null {
  return translations && Object.keys(translations).length ? JSON.stringify(translations) : null;
}

function toRevision(row: RevisionRow & { name: string }): StoredRevision {
  return {
    id: row.id,
    code: row.destination_code,
    name: row.name,
    revision: row.revision,
    level: row.level as Level,
    indicators: JSON.parse(row.indicators) as Indicator[],
    risks: JSON.parse(row.risks) as AdvisoryRevision['risks'],
    regions: JSON.parse(row.regions) as AdvisoryRevision['regions'],
    sections: JSON.parse(row.sections) as AdvisoryRevision['sections'],
    departureUrged: row.departure_urged === 1,
    summary: row.summary,
    missions: JSON.parse(row.missions) as Mission[],
    quickFacts: row.quick_facts ? (JSON.parse(row.quick_facts) as QuickFacts) : null,
    translations: row.translations ? (JSON.parse(row.translations) as AdvisoryTranslations) : {},
    changeType: row.change_type as ChangeType,
    changeNote: row.change_note,
    publishedAt: row.published_at,
    reviewedAt: row.reviewed_at,
    nextReviewDue: row.next_review_due,
    source: row.source_url ? { authority: row.source_authority, url: row.source_url } : { authority: row.source_authority },
    fingerprint: row.fingerprint,
  };
}

export interface AdvisoryFilter {
  level?: Level;
  indicator?: Indicator;
  /** Only these destinations. */
  codes?: readonly string[];
}

/** The current revision of every destination that has one, by destination name. */
export async function currentAdvisories(db: Kysely<Database>, filter: AdvisoryFilter = {}): Promise<StoredRevision[]> {
  let query = db
    .selectFrom('destinations as d')
    .innerJoin('advisory_revisions as r', 'r.id', 'd.current_revision_id')
    .select([...revisionColumns, 'd.name']);
  if (filter.level) query = query.where('r.level', '=', filter.level);
  if (filter.codes) query = query.where('d.code', 'in', filter.codes.length ? [...filter.codes] : ['']);
  // Indicators are a JSON array of one-letter strings, so the quoted letter is an exact match.
  if (filter.indicator) query = query.where('r.indicators', 'like', `%"${filter.indicator}"%`);
  const rows = await query.orderBy('d.name').execute();
  return rows.map(toRevision);
}

export async function currentAdvisory(db: Kysely<Database>, code: string): Promise<StoredRevision | undefined> {
  const row = await db
    .selectFrom('destinations as d')
    .innerJoin('advisory_revisions as r', 'r.id', 'd.current_revision_id')
    .select([...revisionColumns, 'd.name'])
    .where('d.code', '=', code)
    .executeTakeFirst();
  return row && toRevision(row);
}

/** Every revision of a destination, newest first. */
export async function revisionHistory(db: Kysely<Database>, code: string): Promise<StoredRevision[]> {
  const rows = await db
    .selectFrom('advisory_revisions as r')
    .innerJoin('destinations as d', 'd.code', 'r.destination_code')
    .select([...revisionColumns, 'd.name'])
    .where('r.destination_code', '=', code)
    .orderBy('r.revision', 'desc')
    .execute();
  return rows.map(toRevision);
}

export async function findRevision(db: Kysely<Database>, code: string, revision: number): Promise<StoredRevision | undefined> {
  const row = await db
    .selectFrom('advisory_revisions as r')
    .innerJoin('destinations as d', 'd.code', 'r.destination_code')
    .select([...revisionColumns, 'd.name'])
    .where('r.destination_code', '=', code)
    .where('r.revision', '=', revision)
    .executeTakeFirst();
  return row && toRevision(row);
}

let localPublications = 0;

/** Something else the public read side shows was published by this process (an alert): caches rebuild at once. */
export function noteLocalPublication(): void {
  localPublications += 1;
}

/**
 * How many revisions this process has appended. Caches of published data key on it together with
 * the database stamp, so a process reads its own publications at once while other processes'
 * publications show up when the (throttled) stamp is next read.
 */
export function localPublicationCount(): number {
  return localPublications;
}

/**
 * Appends a revision and makes it current. Call inside a transaction: the number is one past the
 * highest ever used for the destination, and the unique key rejects a concurrent duplicate.
 */
export async function appendRevision(trx: Kysely<Database>, input: NewRevision, now = new Date()): Promise<number> {
  const { highest } = await trx
    .selectFrom('advisory_revisions')
    .select((eb) => eb.fn.max('revision').as('highest'))
    .where('destination_code', '=', input.code)
    .executeTakeFirstOrThrow();
  const revision = nextRevisionNumber(highest);
  const { content } = input;
  const { id } = await trx
    .insertInto('advisory_revisions')
    .values({
      destination_code: input.code,
      revision,
      level: content.level,
      indicators: JSON.stringify(content.indicators),
      risks: JSON.stringify(content.risks),
      regions: JSON.stringify(content.regions),
      sections: JSON.stringify(content.sections),
      departure_urged: content.departureUrged ? 1 : 0,
      summary: content.summary,
      missions: JSON.stringify(content.missions ?? []),
      quick_facts: content.quickFacts ? JSON.stringify(content.quickFacts) : null,
      translations: translationsColumn(content.translations),
      change_type: input.changeType,
      change_note: input.changeNote,
      published_at: input.publishedAt,
      reviewed_at: input.reviewedAt,
      next_review_due: input.nextReviewDue,
      source_authority: input.source.authority,
      source_url: input.source.url ?? null,
      fingerprint: contentFingerprint(content, input.changeNote, input.publishedAt),
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('destinations').set({ current_revision_id: id }).where('code', '=', input.code).execute();
  localPublications += 1;
  return revision;
}
