import type { Kysely } from 'kysely';
import { CASE_TITLE_MAX } from '../domain/case-input.ts';
import { recordAudit } from '../publishing/audit.ts';
import type { Database } from '../store/schema.ts';
import { CHECK_IN } from './context.ts';
import { insertPerson, travellerForCase } from './open.ts';

/**
 * What check-in answers do to cases (docs/cases.md). "I need help" opens a case for the person
 * and crisis, untyped until consular staff triage it, with what they wrote as notes; a later
 * "I need help" in the same crisis adds a note to that case instead (and reopens it if it was
 * closed). Any other answer from someone who has a case is noted on it. `help_key` is unique, so
 * two answers racing still make one case. Called inside the transaction that records the answer.
 */

export interface HelpAnswer {
  crisisId: number;
  crisisTitle: string;
  travellerId: number;
  answer: 'safe' | 'need_help' | 'left';
  channel: string;
  /** The check-in wave answered; null for an emergency contact's reply, which answers no wave. */
  wave: number | null;
  at: Date;
}

const ANSWERS = { safe: 'I\'m safe', need_help: 'I need help', left: 'I\'m not there / I\'ve left' } as const;
/** The one case per person and crisis that answers open (unique). */
export const helpKey = (crisisId: number, travellerId: number) => `${crisisId}:${travellerId}`;

async function noteOn(db: Kysely<Database>, caseId: number, body: string, at: Date): Promise<void> {
  const iso = at.toISOString();
  await db.insertInto('case_notes').values({ case_id: caseId, kind: 'check-in', body, author: CHECK_IN.label, at: iso }).execute();
  await db.updateTable('cases').set({ updated_at: iso }).where('id', '=', caseId).execute();
  await recordAudit(db, { actor: CHECK_IN, action: 'case-note-added', subject: `case ${caseId}`, at, detail: { case: caseId } });
}

async function countryOf(db: Kysely<Database>, crisisId: number, travellerId: number): Promise<string> {
  const place = await db.selectFrom('crisis_people').select('destination_code').where('crisis_id', '=', crisisId).where('traveller_id', '=', travellerId)
    .orderBy('destination_code').limit(1).executeTakeFirst();
  if (place) return place.destination_code;
  const crisis = await db.selectFrom('crises').select('destinations').where('id', '=', crisisId).executeTakeFirstOrThrow();
  return (JSON.parse(crisis.destinations) as string[])[0] ?? 'ZZ';
}

/** Opens the person's case for "I need help", or notes the answer on the case they already have. */
export async function caseForAnswer(db: Kysely<Database>, answer: HelpAnswer): Promise<void> {
  const key = helpKey(answer.crisisId, answer.travellerId);
  const said = answer.channel === 'contact'
    ? `An emergency contact the person agreed to answered for them: "${ANSWERS[answer.answer]}".`
    : `Answered "${ANSWERS[answer.answer]}" by ${answer.channel} (check-in wave ${answer.wave}).`;
  const existing = await db.selectFrom('cases').select(['id', 'status', 'outcome']).where('help_key', '=', key).executeTakeFirst();
  if (existing) {
    const id = Number(existing.id);
    if (answer.answer === 'need_help' && existing.status === 'closed') {
      await db.updateTable('cases').set({ status: 'open', outcome: null, closed_at: null }).where('id', '=', id).execute();
      await recordAudit(db, { actor: CHECK_IN, action: 'case-updated', subject: `case ${id}`, at: answer.at, detail: { case: id, status: { from: 'closed', to: 'open' } } });
      await noteOn(db, id, `${said} Reopened: the case had been closed with the outcome: ${existing.outcome ?? '(none)'}`, answer.at);
    } else {
      await noteOn(db, id, said, answer.at);
    }
    return;
  }
  if (answer.answer !== 'need_help') return;
  const at = answer.at.toISOString();
  const traveller = await travellerForCase(db, answer.travellerId);
  if (!traveller) return;
  const title = `I need help – ${answer.crisisTitle}`.slice(0, CASE_TITLE_MAX);
  const inserted = await db.insertInto('cases').values({
    title, type: null, status: 'open', priority: 'high', outcome: null, country: await countryOf(db, answer.crisisId, answer.travellerId), crisis_id: answer.crisisId,
    traveller_id: answer.travellerId, help_key: key, assignee_id: null, opened_by: CHECK_IN.label, opened_at: at, updated_at: at, closed_at: null,
  }).onConflict((oc) => oc.column('help_key').doNothing()).returning('id').executeTakeFirst();
  if (!inserted) {
    // Another answer of this person opened it a moment ago: note this one there.
    await caseForAnswer(db, answer);
    return;
  }
  const id = Number(inserted.id);
  await insertPerson(db, id, { name: traveller.name, relation: 'traveller', travellerId: answer.travellerId, consent: false, citizenships: traveller.citizenships }, at);
  await db.insertInto('case_notes').values({ case_id: id, kind: 'check-in', body: said, author: CHECK_IN.label, at }).execute();
  await recordAudit(db, { actor: CHECK_IN, action: 'case-opened', subject: `case ${id}`, at: answer.at, detail: { case: id, crisis: answer.crisisId, from: 'check-in' } });
}

/** What the person wrote in the answer's optional form, as a note on their case (if they have one). */
export async function noteAnswerDetails(db: Kysely<Database>, crisisId: number, travellerId: number, details: { location: string | null; partySize: number | null; note: string | null }, at: Date): Promise<void> {
  const existing = await db.selectFrom('cases').select('id').where('help_key', '=', helpKey(crisisId, travellerId)).executeTakeFirst();
  if (!existing) return;
  const lines = [
    details.location ? `Where: ${details.location}` : null,
    details.partySize !== null ? `People in the party: ${details.partySize}` : null,
    details.note ? `They wrote: ${details.note}` : null,
  ].filter(Boolean);
  if (lines.length) await noteOn(db, Number(existing.id), lines.join('\n'), at);
}
