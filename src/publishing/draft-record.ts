import type { Kysely, Selectable } from 'kysely';
import type { AdvisoryContent, ChangeType } from '../domain/advisory.ts';
import { mandatoryChanges, type MandatoryChange } from '../domain/change-type.ts';
import { findByCode } from '../domain/destinations.ts';
import type { Indicator } from '../domain/indicators.ts';
import type { Level } from '../domain/levels.ts';
import type { Mission } from '../domain/missions.ts';
import type { QuickFacts } from '../domain/quick-facts.ts';
import type { AdvisoryTranslations } from '../domain/advisory-translations.ts';
import { pickContent, type DraftFields } from '../domain/draft-fields.ts';
import { OPEN_STATUSES, type DraftState, type DraftStatus } from '../domain/workflow.ts';
import type { Database, DraftsTable } from '../store/schema.ts';
import { EditorialError, type EditorialContext } from './context.ts';
import { contributorsOf, type Contributor } from './contributors.ts';
import { currentAdvisories, translationsColumn, type StoredRevision } from './revisions.ts';

type DraftRow = Selectable<DraftsTable>;

/** A draft as the console and the staff API show it (advisory field names of docs/contracts.md). */
export interface Draft extends DraftFields {
  id: number;
  code: string;
  name: string;
  status: DraftStatus;
  comment: string | null;
  authorId: number;
  updatedBy: number;
  submittedBy: number | null;
  approvedBy: number | null;
  scheduledBy: number | null;
  publishedBy: number | null;
  baseRevision: number | null;
  version: number;
  publishAt: string | null;
  publishedRevision: number | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** The version a reviewer approved (what they saw); null until approved. */
  approvedVersion: number | null;
  /** Everyone who changed its content since its base revision, in the order they first did. */
  contributors: Contributor[];
  /**
   * What publishing it now would make it, against the current revision: major whenever what
   * changed requires it (or it is a destination's first advisory), otherwise the chosen type
   * (null while none is chosen). Null once published: the revision says what it became.
   */
  derivedChangeType: ChangeType | null;
  /** The changes against the current revision that travellers must be told of (empty once published). */
  mandatoryChanges: MandatoryChange[];
}

/**
 * Drafts as the console and the API show them: the row, its contributors, and its change type
 * derived against what is published now. Three queries however many drafts.
 */
export async function toDrafts(db: Kysely<Database>, rows: readonly DraftRow[]): Promise<Draft[]> {
  if (rows.length === 0) return [];
  const open = [...new Set(rows.filter((row) => row.status !== 'published').map((row) => row.destination_code))];
  const [contributors, current] = await Promise.all([
    contributorsOf(db, rows.map((row) => row.id)),
    open.length ? currentAdvisories(db, { codes: open }) : [],
  ]);
  const currentByCode = new Map(current.map((revision) => [revision.code, revision]));
  return rows.map((row) => {
    const draft = fromRow(row);
    const derived = row.status === 'published' ? { derivedChangeType: null, mandatoryChanges: [] } : derive(draft, currentByCode.get(row.destination_code));
    return { ...draft, contributors: contributors.get(row.id) ?? [], ...derived };
  });
}

export async function toDraft(db: Kysely<Database>, row: DraftRow): Promise<Draft> {
  return (await toDrafts(db, [row]))[0]!;
}

// ---- Reading drafts ----

export async function findDraft(ctx: EditorialContext, id: number): Promise<Draft | undefined> {
  const row = await ctx.db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toDraft(ctx.db, row);
}

/** The draft, or a 404 refusal. */
export async function requireDraft(ctx: EditorialContext, id: number): Promise<Draft> {
  const draft = Number.isSafeInteger(id) ? await findDraft(ctx, id) : undefined;
  if (!draft) throw new EditorialError(404, `There is no draft ${id}.`);
  return draft;
}

/** The destination's open (unpublished) draft, if any. */
export async function openDraftFor(ctx: EditorialContext, code: string): Promise<Draft | undefined> {
  const row = await ctx.db
    .selectFrom('drafts')
    .selectAll()
    .where('destination_code', '=', code)
    .where('status', 'in', [...OPEN_STATUSES])
    .executeTakeFirst();
  return row && toDraft(ctx.db, row);
}

/** Open drafts, most recently changed first. */
export async function listOpenDrafts(ctx: EditorialContext, status?: DraftStatus): Promise<Draft[]> {
  let query = ctx.db.selectFrom('drafts').selectAll().where('status', 'in', [...OPEN_STATUSES]);
  if (status) query = query.where('status', '=', status);
  const rows = await query.orderBy('updated_at', 'desc').limit(500).execute();
  return toDrafts(ctx.db, rows);
}

/** Every draft of a destination, published ones included, newest first. */
export async function draftsOf(ctx: EditorialContext, code: string): Promise<Draft[]> {
  const rows = await ctx.db.selectFrom('drafts').selectAll().where('destination_code', '=', code).orderBy('id', 'desc').limit(200).execute();
  return toDrafts(ctx.db, rows);
}

/** What the workflow rules need to know about a draft. */
export function draftState(draft: Draft): DraftState {
  return { status: draft.status, contributors: draft.contributors.map((c) => c.id) };
}

function derive(fields: DraftFields, current: AdvisoryContent | undefined): Pick<Draft, 'derivedChangeType' | 'mandatoryChanges'> {
  const changes = mandatoryChanges(current ?? null, fields);
  // The same rule as deriveChangeType (src/domain/change-type.ts), with "not chosen yet" kept as null.
  return { derivedChangeType: !current || changes.length > 0 ? 'major' : fields.changeType, mandatoryChanges: changes };
}

function fromRow(row: DraftRow): Omit<Draft, 'contributors' | 'derivedChangeType' | 'mandatoryChanges'> {
  return {
    id: row.id,
    code: row.destination_code,
    name: findByCode(row.destination_code)?.name ?? row.destination_code,
    status: row.status,
    level: row.level as Level,
    indicators: JSON.parse(row.indicators) as Indicator[],
    risks: JSON.parse(row.risks) as DraftFields['risks'],
    regions: JSON.parse(row.regions) as DraftFields['regions'],
    departureUrged: row.departure_urged === 1,
    summary: row.summary,
    sections: JSON.parse(row.sections) as DraftFields['sections'],
    missions: JSON.parse(row.missions) as Mission[],
    quickFacts: row.quick_facts ? (JSON.parse(row.quick_facts) as QuickFacts) : null,
    translations: row.translations ? (JSON.parse(row.translations) as AdvisoryTranslations) : {},
    changeType: row.change_type as ChangeType | null,
    changeNote: row.change_note,
    nextReviewDue: row.next_review_due,
    comment: row.comment,
    authorId: row.author_id,
    updatedBy: row.updated_by,
    submittedBy: row.submitted_by,
    approvedBy: row.approved_by,
    scheduledBy: row.scheduled_by,
    publishedBy: row.published_by,
    baseRevision: row.base_revision,
    version: row.version,
    publishAt: row.publish_at,
    publishedRevision: row.published_revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    approvedVersion: row.approved_version,
  };
}

export function draftFields(draft: DraftFields): DraftFields {
  return {
    ...pickContent(draft),
    changeType: draft.changeType,
    changeNote: draft.changeNote,
    nextReviewDue: draft.nextReviewDue,
  };
}

export function fieldColumns(fields: DraftFields) {
  return {
    level: fields.level,
    indicators: JSON.stringify(fields.indicators),
    risks: JSON.stringify(fields.risks),
    regions: JSON.stringify(fields.regions),
    sections: JSON.stringify(fields.sections),
    departure_urged: fields.departureUrged ? 1 : 0,
    summary: fields.summary,
    missions: JSON.stringify(fields.missions ?? []),
    quick_facts: fields.quickFacts ? JSON.stringify(fields.quickFacts) : null,
    translations: translationsColumn(fields.translations),
    change_type: fields.changeType,
    change_note: fields.changeNote,
    next_review_due: fields.nextReviewDue,
  };
}

/** A fresh draft's fields: the current revision's content (the change type and note are the editor's to write). */
export function fieldsFromRevision(revision: StoredRevision | undefined): DraftFields {
  return {
    level: revision?.level ?? 1,
    indicators: revision?.indicators ?? [],
    risks: revision?.risks ?? [],
    regions: revision?.regions ?? [],
    departureUrged: revision?.departureUrged ?? false,
    summary: revision?.summary ?? '',
    sections: revision?.sections ?? [],
    missions: revision?.missions ?? [],
    quickFacts: revision?.quickFacts ?? null,
    translations: revision?.translations ?? {},
    changeType: null,
    changeNote: '',
    nextReviewDue: null,
  };
}

