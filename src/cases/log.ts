import type { Kysely } from 'kysely';
import { validateAccess, validateContact, validateNote, validatePerson, type Checked } from '../domain/case-input.ts';
import { isDetention } from '../domain/cases.ts';
import { recordAudit, type AuditAction } from '../publishing/audit.ts';
import { EditorialError, type Actor } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { mayWorkCases, type CaseContext } from './context.ts';
import { insertPerson, travellerForCase } from './open.ts';
import { caseAfterChange } from './read.ts';
import type { CaseRecord } from './records.ts';

/**
 * What is added to a case and never changed: notes (append-only), the contact log, the consular
 * access log (detention cases only) and the people linked to it. Each addition, the case's
 * `updated_at` and the audit entry commit together.
 */

function valueOf<T>(checked: Checked<T>, what: string): T {
  if (!checked.ok) throw new EditorialError(400, `The ${what} was not added: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, checked.errors);
  return checked.value;
}

async function addTo(
  ctx: CaseContext, actor: Actor, id: number, action: AuditAction, detail: Record<string, unknown>,
  write: (trx: Kysely<Database>, row: { type: string | null }, at: string) => Promise<void>,
): Promise<CaseRecord> {
  mayWorkCases(actor);
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('cases').select(['id', 'type']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new EditorialError(404, `There is no case ${id}.`);
    await write(trx, row, at);
    await trx.updateTable('cases').set({ updated_at: at }).where('id', '=', id).execute();
    await recordAudit(trx, { actor, action, subject: `case ${id}`, at: now, detail: { case: id, ...detail } });
  });
  return caseAfterChange(ctx, id);
}

export async function addNote(ctx: CaseContext, actor: Actor, id: number, input: unknown): Promise<CaseRecord> {
  const { body } = valueOf(validateNote(input), 'note');
  return addTo(ctx, actor, id, 'case-note-added', {}, async (trx, _row, at) => {
    await trx.insertInto('case_notes').values({ case_id: id, kind: 'note', body, author: actor.label, at }).execute();
  });
}

export async function addAccess(ctx: CaseContext, actor: Actor, id: number, input: unknown): Promise<CaseRecord> {
  const entry = valueOf(validateAccess(input, ctx.now()), 'access log entry');
  return addTo(ctx, actor, id, 'case-access-added', { kind: entry.kind, date: entry.date }, async (trx, row, at) => {
    if (!isDetention(row.type)) throw new EditorialError(409, 'Only arrest or detention cases keep a consular access log: set the case\'s type first.');
    await trx.insertInto('case_access').values({ case_id: id, kind: entry.kind, on_date: entry.date, note: entry.note, recorded_by: actor.label, recorded_at: at }).execute();
  });
}

export async function addContact(ctx: CaseContext, actor: Actor, id: number, input: unknown): Promise<CaseRecord> {
  const contact = valueOf(validateContact(input, ctx.now()), 'contact');
  return addTo(ctx, actor, id, 'case-contact-added', { direction: contact.direction, channel: contact.channel }, async (trx, _row, at) => {
    await trx.insertInto('case_contacts').values({
      case_id: id, direction: contact.direction, channel: contact.channel, party: contact.party, summary: contact.summary, contacted_at: contact.at, recorded_by: actor.label, recorded_at: at,
    }).execute();
  });
}

export async function addPerson(ctx: CaseContext, actor: Actor, id: number, input: unknown): Promise<CaseRecord> {
  const person = valueOf(validatePerson(input), 'person');
  return addTo(ctx, actor, id, 'case-person-added', { relation: person.relation, consent: person.consent }, async (trx, _row, at) => {
    if (person.travellerId !== null) {
      const traveller = await travellerForCase(trx, person.travellerId);
      if (!traveller) throw new EditorialError(400, `The person was not added: travellerId there is no traveller ${person.travellerId}`, [{ field: 'travellerId', message: `there is no traveller ${person.travellerId}` }]);
      person.citizenships = [...new Set([...person.citizenships, ...traveller.citizenships])];
    }
    await insertPerson(trx, id, person, at);
  });
}
