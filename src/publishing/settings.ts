import type { Kysely } from 'kysely';
import type { WorkflowSettings } from '../domain/workflow.ts';
import type { Database } from '../store/schema.ts';
import { recordAudit } from './audit.ts';
import type { Actor, EditorialContext } from './context.ts';

const TWO_PERSON_RULE = 'two_person_rule';

/** The workflow settings an admin can change; the two-person rule is on unless turned off. */
export async function workflowSettings(db: Kysely<Database>): Promise<WorkflowSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', TWO_PERSON_RULE).executeTakeFirst();
  return { twoPersonRule: row?.value !== 'off' };
}

/**
 * Turns the two-person rule on or off, with its audit entry, in one transaction: a setting that
 * weakens the review of what travellers read never changes unrecorded. Setting it to what it is
 * already changes and records nothing. Returns whether it changed.
 */
export async function changeTwoPersonRule(ctx: EditorialContext, actor: Actor, on: boolean): Promise<boolean> {
  return ctx.db.transaction().execute(async (trx) => {
    if ((await workflowSettings(trx)).twoPersonRule === on) return false;
    const value = on ? 'on' : 'off';
    await trx
      .insertInto('settings')
      .values({ key: TWO_PERSON_RULE, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    await recordAudit(trx, { actor, action: 'settings-changed', subject: 'two-person rule', at: ctx.now(), detail: { twoPersonRule: on } });
    return true;
  });
}
