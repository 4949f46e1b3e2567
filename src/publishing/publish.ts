import { canonicalContent } from '../domain/advisory.ts';
import { isCalendarDate } from '../domain/draft-input.ts';
import { approvalDigest, pickContent } from '../domain/draft-fields.ts';
import { can } from '../domain/roles.ts';
import { planPublication, planReissue, type PublicationPlan } from '../domain/workflow.ts';
import { readIdentity } from '../identity/settings.ts';
import { findByCode } from '../domain/destinations.ts';
import type { AdvisoryContent } from '../domain/advisory.ts';
import { changeHeadlines, translatedSectionTitles } from '../domain/change-headlines.ts';
import { contactsBelongInMessage, missionContacts, missionStatusChanges } from '../domain/missions.ts';
import { ADVISORY_PUBLISHED, writeEvent, type EventWrite } from '../notify/events.ts';
import { advisoryPublishedPayload } from '../notify/advisory-payload.ts';
import { recordAudit } from './audit.ts';
import { EditorialError, isUniqueViolation, type Actor, type EditorialContext } from './context.ts';
import { draftFields, toDraft, type Draft } from './draft-record.ts';
import { appendRevision, currentAdvisory, type StoredRevision } from './revisions.ts';

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

/** The draft's words are no longer the ones approved: nothing was published (the scheduler returns it). */
export class ChangedSinceApproval extends EditorialError {
  override name = 'ChangedSinceApproval';
  constructor(id: number, approvedVersion: number | null) {
    super(409, `Draft ${id} is not what was approved${approvedVersion === null ? '' : ` (version ${approvedVersion})`}: its fields changed since. Nothing was published: return it, and have the new version approved.`);
  }
}

/**
 * Publishes one approved or scheduled draft in one transaction: claims the draft (a conditional
 * UPDATE, so a reviewer and the scheduler, or two processes, cannot both publish it), checks it is
 * still what was approved, appends the revision with the change type derived against the revision
 * current now, writes the `advisory.published` event for a major change, and the audit entry last.
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
    const claimed = await toDraft(trx, row);
    const fields = draftFields(claimed);
    // Drafts approved before approvals were pinned (migration 007) have no digest; they were frozen since by the state machine.
    if (row.approved_digest !== null && row.approved_digest !== approvalDigest(fields)) throw new ChangedSinceApproval(id, row.approved_version);
    const previous = await currentAdvisory(trx, claimed.code);
    const plan = planPublication(fields, previous ?? null, now);
    const revision = await appendRevision(trx, {
      code: claimed.code,
      content: canonicalContent(pickContent(fields)),
      changeType: plan.changeType,
      changeNote: plan.changeNote,
      publishedAt: plan.publishedAt,
      reviewedAt: plan.reviewedAt,
      nextReviewDue: plan.nextReviewDue,
      // Credited to the authority configured when it is published (docs/identity.md); imports keep their source's name.
      source: { authority: (await readIdentity(trx)).authorityName },
    }, now);
    const final = await trx
      .updateTable('drafts')
      .set({ published_revision: revision })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const eventId = plan.notify
      ? await writeEvent(trx, publicationEvent({ ...claimed, revision }, previous, plan, now))
      : null;
    await recordAudit(trx, {
      actor,
      action: 'publish',
      destination: claimed.code,
      subject: `${claimed.code} revision ${revision}`,
      at: now,
      detail: {
        draft: id, revision, changeType: plan.changeType, chosenChangeType: fields.changeType, changeTypeDerived: plan.changeTypeDerived,
        ...(plan.mandatoryChanges.length ? { mandatoryChanges: plan.mandatoryChanges } : {}),
        notified: plan.notify, urgent: plan.urgent, approvedVersion: row.approved_version, contributors: claimed.contributors.map((c) => c.email),
        ...(row.publish_at ? { publishAt: row.publish_at } : {}), ...options.detail,
      },
    });
    return { draft: await toDraft(trx, final), revision, plan, eventId };
  });
}

/**
 * The `advisory.published` event of a publication: written by `publishClaimed`, and counted (not
 * written) by the publish confirmation (src/publishing/publication-preview.ts), so both agree.
 */
export function publicationEvent(
  published: AdvisoryContent & { code: string; revision: number },
  previous: StoredRevision | undefined, plan: PublicationPlan, at: Date,
): EventWrite<typeof ADVISORY_PUBLISHED> {
  return {
    kind: ADVISORY_PUBLISHED,
    destinationCode: published.code,
    revision: published.revision,
    at,
    payload: advisoryPublishedPayload({
      code: published.code, revision: published.revision, level: published.level, departureUrged: published.departureUrged, indicators: published.indicators,
      previous: previous ? { revision: previous.revision, level: previous.level } : null,
      changeType: plan.changeType, changeNote: plan.changeNote, publishedAt: plan.publishedAt, urgent: plan.urgent,
      headlines: changeHeadlines(previous ?? null, published), sectionTitles: translatedSectionTitles(previous ?? null, published), regions: published.regions,
      contacts: contactsBelongInMessage(published.level, missionStatusChanges(previous?.missions ?? [], published.missions ?? []))
        ? missionContacts(published.missions ?? []) : [],
    }),
  };
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
      // Credited to the authority configured when it is published (docs/identity.md); imports keep their source's name.
      source: { authority: (await readIdentity(trx)).authorityName },
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
