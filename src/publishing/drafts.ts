import type { Selectable } from 'kysely';
import type { AdvisoryContent } from '../domain/advisory.ts';
import { findByCode } from '../domain/destinations.ts';
import { approvalDigest, changedFields, changesContent, checkSubmission, pickContent, type DraftFields, type FieldError } from '../domain/draft-fields.ts';
import { checkDraft, parseDraftPatch } from '../domain/draft-input.ts';
import { checkInput, decide, type ActionInput, type DraftStatus, type WorkflowAction, type WorkflowSettings } from '../domain/workflow.ts';
import type { DraftsTable } from '../store/schema.ts';
import { recordAudit } from './audit.ts';
import { EditorialError, isUniqueViolation, subdivisionCodes, type Actor, type EditorialContext } from './context.ts';
import { recordContributor } from './contributors.ts';
import { draftFields, draftState, fieldColumns, fieldsFromRevision, openDraftFor, requireDraft, toDraft, type Draft } from './draft-record.ts';
import { publishClaimed, type PublishResult } from './publish.ts';
import { currentAdvisory } from './revisions.ts';
import { workflowSettings } from './settings.ts';

type DraftRow = Selectable<DraftsTable>;

function refuse(decision: { status: number; reason: string }): never {
  throw new EditorialError(decision.status, decision.reason);
}

/** A 400 that lists every field's message in its detail and keeps them one by one for the forms. */
function invalid(errors: FieldError[], lead = 'Nothing was saved.'): never {
  const detail = errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
  throw new EditorialError(400, `${lead} ${detail}`, errors);
}

function destinationOf(code: string) {
  const destination = findByCode(code);
  if (!destination) throw new EditorialError(404, `No destination has the code "${code.slice(0, 12)}".`);
  return destination;
}

function workflowActor(actor: Actor) {
  return { id: actor.id, role: actor.role };
}

/**
 * Whether `actor` may take `action` on the draft at the version they read: who they are first
 * (403), then whether they read the version it is at (412), then what state it is in (409).
 */
async function authorise(ctx: EditorialContext, actor: Actor, action: WorkflowAction, draft: Draft, expected: Expected | undefined): Promise<{ to: DraftStatus; settings: WorkflowSettings }> {
  const settings = await workflowSettings(ctx.db);
  const decision = decide(action, draftState(draft), workflowActor(actor), settings);
  if (!decision.ok && decision.status === 403) refuse(decision);
  checkExpected(draft, expected);
  if (!decision.ok) refuse(decision);
  return { to: decision.to, settings };
}

/** Parses a patch and merges it into `base`, checking every rule; throws 400 with field errors. */
export function mergePatch(ctx: EditorialContext, code: string, base: DraftFields, body: unknown): DraftFields {
  const { patch, errors } = parseDraftPatch(body ?? {});
  if (errors.length) invalid(errors);
  const fields = { ...base, ...patch };
  const problems = checkDraft(fields, { code, subdivisions: (country) => subdivisionCodes(ctx, country) });
  if (problems.length) invalid(problems);
  return fields;
}

/**
 * Starts a draft from the destination's current revision plus the fields sent. One open draft per
 * destination: checked here, and held under concurrency by a unique index.
 */
export async function createDraft(ctx: EditorialContext, actor: Actor, codeInput: string, body: unknown): Promise<Draft> {
  const destination = destinationOf(codeInput);
  const existing = await openDraftFor(ctx, destination.code);
  const decision = decide('create', existing ? draftState(existing) : null, workflowActor(actor), await workflowSettings(ctx.db));
  if (!decision.ok) {
    if (existing && decision.status === 409) throw new EditorialError(409, `${destination.name} already has an open draft (draft ${existing.id}): continue that one.`);
    refuse(decision);
  }
  const current = await currentAdvisory(ctx.db, destination.code);
  const base = fieldsFromRevision(current);
  const fields = mergePatch(ctx, destination.code, base, body);
  const changed = changedFields(base, fields);
  const now = ctx.now().toISOString();
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('drafts')
        .values({
          destination_code: destination.code,
          status: 'draft',
          ...fieldColumns(fields),
          base_revision: current?.revision ?? null,
          version: 1,
          author_id: actor.id!,
          updated_by: actor.id!,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      // Starting a draft that already says something different makes its author a contributor.
      if (changesContent(changed)) await recordContributor(trx, inserted.id, actor.id!, ctx.now());
      await recordAudit(trx, {
        actor, action: 'create', destination: destination.code, subject: `draft ${inserted.id}`, at: ctx.now(),
        detail: { baseRevision: current?.revision ?? null, fields: changed, contributor: changesContent(changed) },
      });
      return inserted;
    });
    return toDraft(ctx.db, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new EditorialError(409, `${destination.name} already has an open draft: continue that one.`);
    throw error;
  }
}

/** What a save expects the draft's version to be: a number, `*` (any), or null (the caller sent none). */
export type Expected = number | '*' | null;

function checkExpected(draft: Draft, expected: Expected | undefined): void {
  if (typeof expected === 'number' && expected !== draft.version) {
    throw new EditorialError(412, `Draft ${draft.id} has changed since you read it (you have version ${expected}, it is now at version ${draft.version}). Read it again and re-apply your change.`);
  }
}

/**
 * Changes a draft's fields. `expected` is the version the client read (If-Match / the form's hidden
 * field): a stale one gets 412 and nothing is saved. A save that changes nothing changes nothing.
 * A save that changes the content makes the one who saved it a contributor. A submitted draft
 * stays in review, but its version moves on; an approved or scheduled one goes back to review, its
 * approval and schedule dropped, since they were given to another version.
 */
export async function updateDraft(ctx: EditorialContext, actor: Actor, id: number, expected: Expected, body: unknown): Promise<Draft> {
  const draft = await requireDraft(ctx, id);
  const { to } = await authorise(ctx, actor, 'edit', draft, expected);
  const backToReview = to !== draft.status;
  const before = draftFields(draft);
  const fields = mergePatch(ctx, draft.code, before, body);
  const changed = changedFields(before, fields);
  if (changed.length === 0) return draft;
  const now = ctx.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('drafts')
      .set({
        ...fieldColumns(fields), version: draft.version + 1, updated_by: actor.id!, updated_at: now.toISOString(),
        ...(backToReview ? { status: to as DraftRow['status'], approved_by: null, approved_version: null, approved_digest: null, scheduled_by: null, publish_at: null } : {}),
      })
      .where('id', '=', id)
      .where('version', '=', draft.version)
      .where('status', '=', draft.status)
      .returningAll()
      .executeTakeFirst();
    if (!updated) return undefined;
    if (changesContent(changed)) await recordContributor(trx, id, actor.id!, now);
    await recordAudit(trx, {
      actor, action: 'edit', destination: draft.code, subject: `draft ${id}`, at: now,
      detail: { version: updated.version, status: updated.status, fields: changed, contributor: changesContent(changed), ...(backToReview ? { from: draft.status, backToReview: true } : {}) },
    });
    return updated;
  });
  if (!row) throw new EditorialError(412, `Draft ${id} was changed by someone else while you saved. Read it again and re-apply your change.`);
  return toDraft(ctx.db, row);
}

interface TransitionOptions extends ActionInput {
  expected?: Expected | undefined;
}

/** The errors that keep a draft from review: every field rule, and the submission rules against what is published now. */
async function submissionErrors(ctx: EditorialContext, draft: Draft): Promise<FieldError[]> {
  const published = await currentAdvisory(ctx.db, draft.code);
  const fields = draftFields(draft);
  return [
    ...checkDraft(fields, { code: draft.code, subdivisions: (country) => subdivisionCodes(ctx, country) }),
    ...checkSubmission(fields, published ? (pickContent(published) as AdvisoryContent) : null),
  ];
}

/**
 * Moves a draft along the workflow (submit, approve, return, schedule). Each is one conditional
 * UPDATE on the version read, so two reviewers acting at once cannot both succeed.
 */
async function transition(ctx: EditorialContext, actor: Actor, id: number, action: Exclude<WorkflowAction, 'create' | 'edit' | 'publish'>, options: TransitionOptions): Promise<Draft> {
  const draft = await requireDraft(ctx, id);
  const { to, settings } = await authorise(ctx, actor, action, draft, options.expected);
  const now = ctx.now();
  const input = checkInput(action, options, now);
  if (!input.ok) throw new EditorialError(400, input.reason, input.errors);
  const set: Partial<DraftRow> = { status: to as DraftRow['status'], version: draft.version + 1, updated_at: now.toISOString() };
  const detail: Record<string, unknown> = { from: draft.status, to, contributors: draft.contributors.map((c) => c.email) };
  if (action === 'submit') {
    const errors = await submissionErrors(ctx, draft);
    if (errors.length) invalid(errors, 'The draft cannot be submitted yet.');
    Object.assign(set, { submitted_by: actor.id, comment: null, approved_by: null, approved_version: null, approved_digest: null });
    detail.changeType = draft.changeType;
  } else if (action === 'approve') {
    // Pins what was approved: the version the reviewer read (the UPDATE below holds it) and its words.
    Object.assign(set, { approved_by: actor.id, approved_version: draft.version, approved_digest: approvalDigest(draftFields(draft)) });
    Object.assign(detail, { twoPersonRule: settings.twoPersonRule, approvedVersion: draft.version, derivedChangeType: draft.derivedChangeType });
  } else if (action === 'return') {
    Object.assign(set, { comment: input.comment, approved_by: null, approved_version: null, approved_digest: null, scheduled_by: null, publish_at: null });
    detail.comment = input.comment;
  } else if (action === 'schedule') {
    Object.assign(set, { publish_at: input.publishAt, scheduled_by: actor.id });
    detail.publishAt = input.publishAt;
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('drafts')
      .set(set)
      .where('id', '=', id)
      .where('version', '=', draft.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) return undefined;
    await recordAudit(trx, { actor, action, destination: draft.code, subject: `draft ${id}`, at: now, detail });
    return updated;
  });
  if (!row) throw new EditorialError(409, `Draft ${id} changed while you were acting on it; reload it and try again.`);
  return toDraft(ctx.db, row);
}

export function submitDraft(ctx: EditorialContext, actor: Actor, id: number, expected?: Expected): Promise<Draft> {
  return transition(ctx, actor, id, 'submit', { expected });
}

export function approveDraft(ctx: EditorialContext, actor: Actor, id: number, expected?: Expected): Promise<Draft> {
  return transition(ctx, actor, id, 'approve', { expected });
}

export function returnDraft(ctx: EditorialContext, actor: Actor, id: number, comment: unknown, expected?: Expected): Promise<Draft> {
  return transition(ctx, actor, id, 'return', { expected, comment });
}

export function scheduleDraft(ctx: EditorialContext, actor: Actor, id: number, publishAt: unknown, expected?: Expected): Promise<Draft> {
  return transition(ctx, actor, id, 'schedule', { expected, publishAt });
}

export interface PublishOutcome {
  draft: Draft;
  /** Set when it was published now; absent when it was scheduled. */
  published?: PublishResult;
}

/**
 * Publishes an approved draft now, or schedules it when `publishAt` is given. Publishing writes
 * the revision, its audit entry and (for a major change) the publication event in one transaction.
 */
export async function publishDraft(ctx: EditorialContext, actor: Actor, id: number, options: { publishAt?: unknown; expected?: Expected } = {}): Promise<PublishOutcome> {
  if (options.publishAt !== undefined && options.publishAt !== null && options.publishAt !== '') {
    return { draft: await scheduleDraft(ctx, actor, id, options.publishAt, options.expected) };
  }
  const draft = await requireDraft(ctx, id);
  await authorise(ctx, actor, 'publish', draft, options.expected);
  const published = await publishClaimed(ctx, actor, draft.id, { version: draft.version }).catch((error: unknown) => {
    if (isUniqueViolation(error)) throw new EditorialError(409, `Another revision of ${draft.name} was published at the same moment; nothing was published. Check the draft against it and publish again.`);
    throw error;
  });
  if (!published) throw new EditorialError(409, `Draft ${id} changed while you were publishing it; reload it and try again.`);
  return { draft: published.draft, published };
}
