import { findByCode } from '../domain/destinations.ts';
import type { Actor, EditorialContext } from './context.ts';
import { EditorialError } from './context.ts';
import { openDraftFor, type Draft } from './draft-record.ts';
import { createDraft, updateDraft, type Expected } from './drafts.ts';

/** What a missions draft may set: the missions and quick facts, and how the change is graded and described. */
const MISSION_DRAFT_FIELDS = new Set(['missions', 'quickFacts', 'changeType', 'changeNote']);

/**
 * `POST /api/v1/destinations/{code}/missions/drafts`: puts a new missions list (and quick facts)
 * into the destination's open draft, starting one from the current revision when there is none.
 * Missions are advisory content (docs/decisions/005-missions-in-advisories.md), so the draft then
 * goes through the same submit, approve and publish as any other, two-person rule included.
 */
export async function draftMissions(ctx: EditorialContext, actor: Actor, code: string, body: unknown, expectedFor: (draftId: number) => Expected | undefined = () => undefined): Promise<{ draft: Draft; created: boolean }> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new EditorialError(400, 'Send a JSON object: { "missions": [...] }.', [{ field: '', message: 'must be a JSON object' }]);
  const extra = Object.keys(body).filter((key) => !MISSION_DRAFT_FIELDS.has(key));
  if (extra.length) {
    const errors = extra.map((field) => ({ field, message: 'is not a field of a missions draft (missions, quickFacts, changeType, changeNote): change other advisory fields through /api/v1/drafts/{id}' }));
    throw new EditorialError(400, `Nothing was saved. ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors);
  }
  if (!('missions' in body) && !('quickFacts' in body)) {
    throw new EditorialError(400, 'Nothing was saved. missions: send the list of missions (or quickFacts).', [{ field: 'missions', message: 'is required' }]);
  }
  const destination = findByCode(code);
  const open = destination && (await openDraftFor(ctx, destination.code));
  // Without If-Match the missions replace the open draft's whatever its version: they are the whole list.
  if (open) return { draft: await updateDraft(ctx, actor, open.id, expectedFor(open.id) ?? '*', body), created: false };
  return { draft: await createDraft(ctx, actor, code, body), created: true };
}
