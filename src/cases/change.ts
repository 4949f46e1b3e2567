import type { Kysely, Updateable } from 'kysely';
import { validateCasePatch, type CasePatch } from '../domain/case-input.ts';
import { statusChangeRefusal, typeChangeRefusal, WRONGFUL, type Refusal } from '../domain/cases.ts';
import { can, isStaffRole } from '../domain/roles.ts';
import { recordAudit } from '../publishing/audit.ts';
import { EditorialError, type Actor } from '../publishing/context.ts';
import type { CasesTable, Database } from '../store/schema.ts';
import { mayWorkCases, type CaseContext } from './context.ts';
import { caseAfterChange } from './read.ts';
import type { CaseRecord } from './records.ts';

/**
 * Changing a case: title, type (wrongful detention by admins only), status (closing needs an
 * outcome; reopening clears it and says so in a note), priority, assignee (consular staff or an
 * admin), country. One transaction with the notes it writes and its audit entries.
 */

const refusal = (r: Refusal) => new EditorialError(r.status, `The case was not changed: ${r.field} ${r.message}`, [{ field: r.field, message: r.message }]);

async function checkAssignee(db: Kysely<Database>, assigneeId: number | null | undefined): Promise<void> {
  if (assigneeId === undefined || assigneeId === null) return;
  const user = await db.selectFrom('users').select(['role', 'disabled']).where('id', '=', assigneeId).executeTakeFirst();
  if (!user || Number(user.disabled) === 1 || !isStaffRole(user.role) || !can(user.role, 'cases')) {
    throw refusal({ status: 400, field: 'assigneeId', message: 'must be an active consular staff member or admin' });
  }
}

export async function updateCase(ctx: CaseContext, actor: Actor, id: number, input: unknown): Promise<CaseRecord> {
  mayWorkCases(actor);
  const checked = validateCasePatch(input);
  if (!checked.ok) throw new EditorialError(400, `The case was not changed: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, checked.errors);
  const patch: CasePatch = checked.value;
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new EditorialError(404, `There is no case ${id}.`);
    if (patch.type !== undefined) {
      const refused = typeChangeRefusal(actor.role, row.type, patch.type);
      if (refused) throw refusal(refused);
    }
    if (patch.outcome !== undefined && patch.status === undefined) throw refusal({ status: 400, field: 'outcome', message: 'is given only when closing a case (with status "closed")' });
    if (patch.status !== undefined) {
      const refused = statusChangeRefusal(row.status, patch.status, patch.outcome ?? null);
      if (refused) throw refusal(refused);
    }
    await checkAssignee(trx, patch.assigneeId);
    const set: Updateable<CasesTable> = { updated_at: at };
    const changed: Record<string, unknown> = {};
    const change = <K extends 'title' | 'type' | 'priority' | 'assignee_id' | 'country'>(column: K, value: CasesTable[K] | undefined, field: string, quiet = false) => {
      if (value === undefined || value === (row[column] as unknown)) return;
      set[column] = value as never;
      changed[field] = quiet ? true : { from: row[column], to: value };
    };
    change('title', patch.title, 'title', true);
    change('type', patch.type, 'type');
    change('priority', patch.priority, 'priority');
    change('assignee_id', patch.assigneeId, 'assigneeId');
    change('country', patch.country, 'country');
    let note: string | null = null;
    if (patch.status !== undefined && patch.status !== row.status) {
      changed.status = { from: row.status, to: patch.status };
      set.status = patch.status;
      if (patch.status === 'closed') {
        Object.assign(set, { outcome: patch.outcome!, closed_at: at });
        note = `Closed by ${actor.label}. Outcome: ${patch.outcome!}`;
      } else if (row.status === 'closed') {
        Object.assign(set, { outcome: null, closed_at: null });
        note = `Reopened by ${actor.label}. It had been closed on ${row.closed_at?.slice(0, 10) ?? '?'} with the outcome: ${row.outcome ?? '(none)'}`;
      }
    }
    if (Object.keys(changed).length === 0) {
      // Nothing to change, but the answer shows the case: that is a read, and audited as one.
      await recordAudit(trx, { actor, action: 'case-read', subject: `case ${id}`, at: now, detail: { case: id, unchanged: true } });
      return;
    }
    await trx.updateTable('cases').set(set).where('id', '=', id).execute();
    if (note) await trx.insertInto('case_notes').values({ case_id: id, kind: 'system', body: note, author: actor.label, at }).execute();
    await recordAudit(trx, { actor, action: 'case-updated', subject: `case ${id}`, at: now, detail: { case: id, ...changed } });
    if (changed.type && (row.type === WRONGFUL || patch.type === WRONGFUL)) {
      await recordAudit(trx, { actor, action: 'case-designated', subject: `case ${id}`, at: now, detail: { case: id, from: row.type, to: patch.type } });
    }
  });
  return caseAfterChange(ctx, id);
}
