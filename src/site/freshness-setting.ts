import type { Kysely } from 'kysely';
import { recordAudit } from '../publishing/audit.ts';
import type { Actor, EditorialContext } from '../publishing/context.ts';
import { noteLocalPublication } from '../publishing/revisions.ts';
import type { Database } from '../store/schema.ts';

/**
 * Whether destination pages tell readers that an advisory is past its review date
 * (docs/public-site.md, "Freshness"). Off unless an admin turns it on; the console always shows it.
 */
export const PUBLIC_REVIEW_OVERDUE = 'public_review_overdue';

export async function publicReviewOverdue(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', PUBLIC_REVIEW_OVERDUE).executeTakeFirst();
  return row?.value === 'on';
}

/** Turns it on or off with its audit entry in one transaction; returns whether it changed. */
export async function changePublicReviewOverdue(ctx: EditorialContext, actor: Actor, on: boolean): Promise<boolean> {
  const changed = await ctx.db.transaction().execute(async (trx) => {
    if ((await publicReviewOverdue(trx)) === on) return false;
    const value = on ? 'on' : 'off';
    await trx.insertInto('settings').values({ key: PUBLIC_REVIEW_OVERDUE, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
    await recordAudit(trx, { actor, action: 'settings-changed', subject: 'overdue reviews shown to readers', at: ctx.now(), detail: { publicReviewOverdue: on } });
    return true;
  });
  // The setting is part of the publication stamp; this process's pages show it at once.
  if (changed) noteLocalPublication();
  return changed;
}
