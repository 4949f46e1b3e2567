import type { ChangeType } from '../domain/advisory.ts';
import type { MandatoryChange } from '../domain/change-type.ts';
import { planPublication } from '../domain/workflow.ts';
import { countAudience, type AudienceCount } from '../notify/audience.ts';
import { EditorialError, type EditorialContext } from './context.ts';
import { draftFields, requireDraft, type Draft } from './draft-record.ts';
import { publicationEvent } from './publish.ts';
import { currentAdvisory } from './revisions.ts';

/** What publishing a draft now would do: the reviewer's screen and the publish confirmation show it. */
export interface PublicationPreview {
  draftId: number;
  code: string;
  /** What the editor chose (null: not yet). */
  chosenChangeType: ChangeType | null;
  /** What it would be published as: derived against the revision current now. */
  changeType: ChangeType;
  changeTypeDerived: boolean;
  mandatoryChanges: MandatoryChange[];
  /** The public change note it would carry. */
  changeNote: string;
  notify: boolean;
  urgent: boolean;
  /** Who would be told: counted by the fan-out's own query, writing nothing (zero when nobody is notified). */
  audience: AudienceCount;
}

/**
 * Plans the publication of a draft as `publishClaimed` would at this moment (the same rule, against
 * the same current revision) and counts its audience from the event it would write, without
 * writing it. A count is only as fresh as the moment it was taken: trips and subscriptions change.
 */
export async function previewPublication(ctx: EditorialContext, id: number): Promise<PublicationPreview> {
  return previewDraft(ctx, await requireDraft(ctx, id));
}

/** The same for a draft already read (the console's draft page and publish confirmation). */
export async function previewDraft(ctx: EditorialContext, draft: Draft): Promise<PublicationPreview> {
  if (draft.status === 'published') {
    throw new EditorialError(409, `Draft ${draft.id} has been published (revision ${draft.publishedRevision}): there is nothing left to publish.`);
  }
  const now = ctx.now();
  const current = await currentAdvisory(ctx.db, draft.code);
  const plan = planPublication(draftFields(draft), current ?? null, now);
  // The revision number is a guess (another publication may come first); the audience does not depend on it.
  const audience = plan.notify
    ? await countAudience(ctx.db, publicationEvent({ ...draft, revision: (current?.revision ?? 0) + 1 }, current, plan, now))
    : { deliveries: 0, people: 0 };
  return {
    draftId: draft.id,
    code: draft.code,
    chosenChangeType: draft.changeType,
    changeType: plan.changeType,
    changeTypeDerived: plan.changeTypeDerived,
    mandatoryChanges: plan.mandatoryChanges,
    changeNote: plan.changeNote,
    notify: plan.notify,
    urgent: plan.urgent,
    audience,
  };
}
