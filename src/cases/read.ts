import { recordAudit } from '../publishing/audit.ts';
import { EditorialError, type Actor } from '../publishing/context.ts';
import { mayWorkCases, type CaseContext } from './context.ts';
import { findCase, listCases, type CaseFilter, type CaseRecord, type CaseSummary } from './records.ts';

/**
 * Reading cases, for consular staff and admins only: every read is in the audit log (who, which
 * case or how many), and the audit entries about cases are shown only to the same roles.
 */

export async function readCases(ctx: CaseContext, actor: Actor, filter: CaseFilter = {}): Promise<CaseSummary[]> {
  mayWorkCases(actor);
  const now = ctx.now();
  const cases = await listCases(ctx.db, now, ctx.settings, filter);
  await recordAudit(ctx.db, { actor, action: 'case-listed', subject: 'cases', at: now, detail: { ...(filter.status ? { status: filter.status } : {}), cases: cases.length } });
  return cases;
}

export async function readCase(ctx: CaseContext, actor: Actor, id: number): Promise<CaseRecord> {
  mayWorkCases(actor);
  const now = ctx.now();
  const found = await findCase(ctx.db, id, now, ctx.settings);
  if (!found) throw new EditorialError(404, `There is no case ${id}.`);
  await recordAudit(ctx.db, { actor, action: 'case-read', subject: `case ${id}`, at: now, detail: { case: id } });
  return found;
}

/** A case as it stands after a change (the change's audit entry covers this read). */
export async function caseAfterChange(ctx: CaseContext, id: number): Promise<CaseRecord> {
  const found = await findCase(ctx.db, id, ctx.now(), ctx.settings);
  if (!found) throw new EditorialError(404, `There is no case ${id}.`);
  return found;
}
