import type { Kysely } from 'kysely';
import { validateNewCase, type PersonInput } from '../domain/case-input.ts';
import { typeChangeRefusal } from '../domain/cases.ts';
import { recordAudit } from '../publishing/audit.ts';
import { EditorialError, type Actor } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { mayWorkCases, type CaseContext } from './context.ts';
import { caseAfterChange } from './read.ts';
import type { CaseRecord } from './records.ts';

/**
 * Opening a case by hand (console or staff API). The case, its people, its first note and the
 * audit entry commit together. A traveller named by id is linked as the case's traveller, with a
 * copy of their citizenships (kept if they later delete their account).
 */

const refuse = (field: string, message: string) => new EditorialError(400, `The case was not opened: ${field} ${message}`, [{ field, message }]);

/** The traveller's name (or e-mail when they gave none) and citizenships, or undefined if there is no such traveller. */
export async function travellerForCase(db: Kysely<Database>, travellerId: number): Promise<{ name: string; citizenships: string[] } | undefined> {
  const row = await db.selectFrom('travellers').select(['name', 'email']).where('id', '=', travellerId).executeTakeFirst();
  if (!row) return undefined;
  const citizenships = await db.selectFrom('traveller_citizenships').select('country_code').where('traveller_id', '=', travellerId).orderBy('country_code').execute();
  return { name: row.name?.trim() || row.email, citizenships: citizenships.map((c) => c.country_code) };
}

export async function insertPerson(db: Kysely<Database>, caseId: number, person: PersonInput, at: string): Promise<void> {
  await db.insertInto('case_people').values({
    case_id: caseId, traveller_id: person.travellerId, name: person.name, relation: person.relation, consent: person.consent ? 1 : 0,
    citizenships: JSON.stringify(person.citizenships), added_at: at,
  }).execute();
}

export async function openCase(ctx: CaseContext, actor: Actor, input: unknown): Promise<CaseRecord> {
  mayWorkCases(actor);
  const checked = validateNewCase(input);
  if (!checked.ok) throw new EditorialError(400, `The case was not opened: ${checked.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, checked.errors);
  const value = checked.value;
  const designation = typeChangeRefusal(actor.role, null, value.type);
  if (designation) throw new EditorialError(designation.status, `The case was not opened: ${designation.field} ${designation.message}`, [designation]);
  const now = ctx.now();
  const at = now.toISOString();
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (value.crisisId !== null && !(await trx.selectFrom('crises').select('id').where('id', '=', value.crisisId).executeTakeFirst())) {
      throw refuse('crisisId', `there is no crisis ${value.crisisId}`);
    }
    const people = [...value.people];
    for (const [i, person] of people.entries()) {
      if (person.travellerId !== null && !(await travellerForCase(trx, person.travellerId))) throw refuse(`people.${i}.travellerId`, `there is no traveller ${person.travellerId}`);
    }
    if (value.travellerId !== null) {
      const traveller = await travellerForCase(trx, value.travellerId);
      if (!traveller) throw refuse('travellerId', `there is no traveller ${value.travellerId}`);
      if (!people.some((p) => p.travellerId === value.travellerId)) people.unshift({ ...traveller, relation: 'traveller', travellerId: value.travellerId, consent: false });
    }
    const row = await trx.insertInto('cases').values({
      title: value.title, type: value.type, status: 'open', priority: value.priority, outcome: null, country: value.country, crisis_id: value.crisisId,
      traveller_id: value.travellerId, help_key: null, assignee_id: null, opened_by: actor.label, opened_at: at, updated_at: at, closed_at: null,
    }).returning('id').executeTakeFirstOrThrow();
    const caseId = Number(row.id);
    for (const person of people) await insertPerson(trx, caseId, person, at);
    if (value.note) await trx.insertInto('case_notes').values({ case_id: caseId, kind: 'note', body: value.note, author: actor.label, at }).execute();
    await recordAudit(trx, {
      actor, action: 'case-opened', subject: `case ${caseId}`, at: now,
      detail: { case: caseId, type: value.type, priority: value.priority, country: value.country, people: people.length, ...(value.crisisId ? { crisis: value.crisisId } : {}) },
    });
    if (value.type === 'wrongful_detention') {
      await recordAudit(trx, { actor, action: 'case-designated', subject: `case ${caseId}`, at: now, detail: { case: caseId, from: null, to: value.type } });
    }
    return caseId;
  });
  return caseAfterChange(ctx, id);
}
