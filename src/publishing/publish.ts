import { canonicalContent } from '../domain/advisory.ts';
import { isCalendarDate } from '../domain/draft-input.ts';
import { can, pickContent, planPublication, planReissue, type PublicationPlan } from '../domain/workflow.ts';
import { WAYPOST } from '../sources/authorities.ts';
import { findByCode } from '../domain/destinations.ts';
import { ADVISORY_PUBLISHED, advisoryPublishedPayload, writeEvent } from '../notify/events.ts';
import { recordAudit } from './audit.ts';
import { EditorialError, isUniqueViolation, type Actor, type EditorialContext } from './context.ts';
import { draftFields, toDraft, type Draft } from './draft-record.ts';
import { appendRevision, currentAdvisory } from './revisions.ts';

export interface PublishResult {
  draft: Draft;
  revision: number;
  plan: PublicationPlan;
  /** The `advisory.published` event written with it (major changes only). */
  eventId: number | null;
}

export interface ClaimOptions {
  /** Publish only if the draft is still at this version (a reviewer's click). */
  version?: number;
  /** Publish only if it is scheduled and due at this time (the scheduler). */
  dueBy?: Date;
  /** Extra audit detail (the scheduler marks missed schedules). */
  detail?: Record<string, unknown>;
}

/**
 * Publishes one approved or scheduled draft in one transaction: claims the draft (a conditional
 * UPDATE, so a reviewer and the scheduler, or two processes, cannot both publish it), appends the
 * revision, writes the `advisory.published` event for a major change, and the audit entry last.
 * If any step fails, none of it happened. Returns undefined when the draft was not claimable.
 */
export async function publishClaimed(ctx: EditorialContext, actor: Actor, id: number, options: ClaimOptions): Promise<PublishResult | undefined> {
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    let claim = trx
      .updateTable('drafts')
      .set((eb) => ({
        status: 'published' as const,
        published_by: actor.id ?? eb.ref('scheduled_by'),
        published_at: at,
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id);
    if (options.version !== undefined) claim = claim.where('version', '=', options.version).where('status', 'in', ['approved', 'scheduled']);
    if (options.dueBy) claim = claim.where('status', '=', 'scheduled').where('publish_at', '<=', options.dueBy.toISOString());
    if (options.version === undefined && !options.dueBy) claim = claim.where('status', 'in', ['approved', 'scheduled']);
    const row = await claim.returningAll().executeTakeFirst();
    if (!row) return undefined;
    const claimed = toDraft(row);
    const previous = await currentAdvisory(trx, claimed.code);
    const fields = draftFields(claimed);
    const plan = planPublication(fields, previous ? { publishedAt: previous.publishedAt, changeNote: previous.changeNote } : null, now);
    const revision = await appendRevision(trx, {
      code: claimed.code,
      content: canonicalContent(pickContent(fields)),
      changeType: plan.changeType,
      changeNote: plan.changeNote,
      publishedAt: plan.publishedAt,
      reviewedAt: plan.reviewedAt,
      nextReviewDue: plan.nextReviewDue,
      source: { authority: WAYPOST },
    }, now);
    const final = await trx
      .updateTable('drafts')
      .set({ published_revision: revision })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const eventId = plan.notify
      ? await writeEvent(trx, {
        kind: ADVISORY_PUBLISHED,
        destinationCode: claimed.code,
        revision,
        at: now,
        payload: advisoryPublishedPayload({
          code: claimed.code, revision, level: claimed.level, departureUrged: claimed.departureUrged, indicators: claimed.indicators,
          previous: previous ? { revision: previous.revision, level: previous.level } : null,
          changeType: plan.changeType, changeNote: plan.changeNote, publishedAt: plan.publishedAt, urgent: plan.urgent,
        }),
      })
      : null;
    await recordAudit(trx, {
      actor,
      action: 'publish',
      destination: claimed.code,
      subject: `${claimed.code} revision ${revision}`,
      at: now,
      detail: {
        draft: id, revision, changeType: plan.changeType, notified: plan.notify, urgent: plan.urgent,
        ...(row.publish_at ? { publishAt: row.publish_at } : {}), ...options.detail,
      },
    });
    return { draft: toDraft(final), revision, plan, eventId };
  });
}

/**
 * "Reissue after periodic review, no changes": a new minor revision with the same content, published
 * date and change note, a new review date and the next review date. Notifies nobody.
 */
export async function reissueAdvisory(ctx: EditorialContext, actor: Actor, codeInput: string, options: { nextReviewDue?: unknown } = {}): Promise<{ code: string; revision: number; nextReviewDue: string }> {
  if (!can(actor.role, 'review')) throw new EditorialError(403, 'Only reviewers and admins can reissue an advisory.');
  const destination = findByCode(codeInput);
  if (!destination) throw new EditorialError(404, `No destination has the code "${codeInput.slice(0, 12)}".`);
  const next = options.nextReviewDue;
  if (next !== undefined && next !== null && next !== '' && !(typeof next === 'string' && isCalendarDate(next))) {
    throw new EditorialError(400, 'nextReviewDue must be a date like 2026-04-30, or empty for the default cycle.', [{ field: 'nextReviewDue', message: 'must be a date like 2026-04-30' }]);
  }
  const nextReviewDue = typeof next === 'string' && next ? next : null;
  const now = ctx.now();
  if (nextReviewDue && nextReviewDue <= now.toISOString().slice(0, 10)) {
    throw new EditorialError(400, 'The next review date must be in the future.', [{ field: 'nextReviewDue', message: 'must be in the future' }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const current = await currentAdvisory(trx, destination.code);
    if (!current) throw new EditorialError(409, `${destination.name} has no published advisory to reissue.`);
    const plan = planReissue(current, now, nextReviewDue);
    const revision = await appendRevision(trx, {
      code: destination.code,
      content: pickContent(current),
      changeType: plan.changeType,
      changeNote: plan.changeNote,
      publishedAt: plan.publishedAt,
      reviewedAt: plan.reviewedAt,
      nextReviewDue: plan.nextReviewDue,
      source: { authority: WAYPOST },
    }, now);
    await recordAudit(trx, {
      actor, action: 'reissue', destination: destination.code, subject: `${destination.code} revision ${revision}`, at: now,
      detail: { revision, reissueOf: current.revision, nextReviewDue: plan.nextReviewDue },
    });
    return { code: destination.code, revision, nextReviewDue: plan.nextReviewDue };
  }).catch((error: unknown) => {
    if (isUniqueViolation(error)) throw new EditorialError(409, `Another revision of ${destination.name} was published at the same moment; reload and try again.`);
    throw error;
  });
}
