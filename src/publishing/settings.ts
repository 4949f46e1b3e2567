import type { Kysely } from 'kysely';
import type { WorkflowSettings } from '../domain/workflow.ts';
import type { Database } from '../store/schema.ts';

const TWO_PERSON_RULE = 'two_person_rule';

/** The workflow settings an admin can change; the two-person rule is on unless turned off. */
export async function workflowSettings(db: Kysely<Database>): Promise<WorkflowSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', TWO_PERSON_RULE).executeTakeFirst();
  return { twoPersonRule: row?.value !== 'off' };
}

export async function setTwoPersonRule(db: Kysely<Database>, on: boolean): Promise<void> {
  const value = on ? 'on' : 'off';
  await db
    .insertInto('settings')
    .values({ key: TWO_PERSON_RULE, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
