import type { Kysely } from 'kysely';
import { caseForAnswer } from '../cases/help.ts';
import { askableContacts, personAnswerFromContact, silentSince, type ContactAnswer } from '../domain/crisis-timers.ts';
import { recordAudit } from '../publishing/audit.ts';
import { EditorialError } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { cancelFollowUps } from './answers.ts';

/**
 * Asking emergency contacts (docs/crises.md): when a person of an active, real crisis (never a
 * drill: families are not part of an exercise) has not answered for `escalate_after_minutes` since
 * the wave that first asked them, each contact they agreed may be asked gets one e-mail. The asks
 * are rows, unique per crisis, person and contact, so any number of workers write each once; the
 * worker sends them (src/crises/timers.ts) claiming each row as it claims deliveries.
 */

export const CONTACTS_ACTOR = { id: null, label: 'contact escalation', role: 'system' } as const;

/** Writes the asks that have fallen due; returns how many new ones. */
export async function queueContactAsks(db: Kysely<Database>, now: Date): Promise<number> {
  const crises = await db.selectFrom('crises').select(['id', 'escalate_after_minutes'])
    .where('status', '=', 'active').where('exercise', '=', 0).where('escalate_after_minutes', 'is not', null).execute();
  let total = 0;
  for (const crisis of crises) {
    const cutoff = silentSince(now, Number(crisis.escalate_after_minutes));
    const silent = await db
      .selectFrom('crisis_people as p')
      .innerJoin('crisis_waves as w', 'w.id', 'p.first_wave_id')
      .innerJoin('travellers as t', 't.id', 'p.traveller_id')
      .select(['t.id', 't.emergency_contacts'])
      .where('p.crisis_id', '=', crisis.id)
      .where('w.sent_at', '<=', cutoff)
      // Only people who agreed to it (stored by JSON.stringify, so spelt exactly so); askableContacts decides.
      .where('t.emergency_contacts', 'like', '%"askInCrisis":true%')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('crisis_answers as a').select('a.id').where('a.crisis_id', '=', crisis.id).whereRef('a.traveller_id', '=', 't.id'))))
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('crisis_contact_asks as k').select('k.id').where('k.crisis_id', '=', crisis.id).whereRef('k.traveller_id', '=', 't.id'))))
      .groupBy(['t.id', 't.emergency_contacts'])
      .execute();
    const rows = silent.flatMap((person) => askableContacts(person.emergency_contacts).map((c) => ({
      crisis_id: crisis.id, traveller_id: person.id, contact_index: c.index, contact_name: c.name, contact_email: c.email, status: 'queued' as const, created_at: now.toISOString(),
    })));
    if (rows.length === 0) continue;
    const added = await db.transaction().execute(async (trx) => {
      let n = 0;
      for (let i = 0; i < rows.length; i += 500) {
        const result = await trx.insertInto('crisis_contact_asks').values(rows.slice(i, i + 500))
          .onConflict((oc) => oc.columns(['crisis_id', 'traveller_id', 'contact_index']).doNothing()).executeTakeFirst();
        n += Number(result.numInsertedOrUpdatedRows ?? 0n);
      }
      if (n > 0) {
        await recordAudit(trx, { actor: CONTACTS_ACTOR, action: 'crisis-contacts-asked', subject: `crisis ${crisis.id}`, at: now, detail: { crisis: crisis.id, contacts: n, afterMinutes: Number(crisis.escalate_after_minutes) } });
      }
      return n;
    });
    total += added;
  }
  return total;
}

export interface ContactTarget {
  askId: number;
  crisisId: number;
  travellerId: number;
  title: string;
  exercise: boolean;
  areaDesc: string;
  personName: string;
  answer: ContactAnswer | null;
  answeredAt: string | null;
}

/** What a genuine contact link points at: 404 when the ask (or the person) is gone, 410 once the crisis is closed. */
export async function contactTarget(db: Kysely<Database>, askId: number): Promise<ContactTarget> {
  const row = await db.selectFrom('crisis_contact_asks as k').innerJoin('crises as c', 'c.id', 'k.crisis_id').innerJoin('travellers as t', 't.id', 'k.traveller_id')
    .select(['k.id', 'k.crisis_id', 'k.traveller_id', 'k.answer', 'k.answered_at', 'c.title', 'c.exercise', 'c.status', 'c.area_desc', 't.name'])
    .where('k.id', '=', askId).executeTakeFirst();
  if (!row) throw new EditorialError(404, 'This link points at nothing we hold: the question may have been withdrawn.');
  if (row.status === 'closed') throw new EditorialError(410, 'This check-in is closed: answers are no longer recorded. Thank you all the same.');
  return {
    askId: Number(row.id), crisisId: Number(row.crisis_id), travellerId: Number(row.traveller_id), title: row.title, exercise: Number(row.exercise) === 1,
    areaDesc: row.area_desc, personName: row.name, answer: row.answer, answeredAt: row.answered_at,
  };
}

/**
 * A contact's reply, recorded once per ask (a second link of the same e-mail, or the same one
 * again, records nothing). "Heard: safe" and "heard: needs help" are also the person's answer, with
 * channel "contact" (and cancel their queued follow-ups); "not heard" stays with the ask.
 */
export async function recordContactAnswer(db: Kysely<Database>, askId: number, answer: ContactAnswer, now: Date): Promise<{ recorded: boolean; target: ContactTarget }> {
  return db.transaction().execute(async (trx) => {
    const target = await contactTarget(trx, askId);
    const at = now.toISOString();
    const updated = await trx.updateTable('crisis_contact_asks').set({ answer, answered_at: at }).where('id', '=', askId).where('answer', 'is', null).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { recorded: false, target };
    const personAnswer = personAnswerFromContact(answer);
    if (personAnswer) {
      await trx.insertInto('crisis_answers').values({
        crisis_id: target.crisisId, wave_id: null, traveller_id: target.travellerId, answer: personAnswer, channel: 'contact', answered_at: at,
        location: null, party_size: null, note: null, details_at: null, link_key: `contact:${askId}`,
      }).onConflict((oc) => oc.column('link_key').doNothing()).execute();
      await cancelFollowUps(trx, target.crisisId, target.travellerId);
      // "Heard: needs help" opens a case as the person's own "I need help" would (docs/cases.md).
      await caseForAnswer(trx, { crisisId: target.crisisId, crisisTitle: target.title, travellerId: target.travellerId, answer: personAnswer, channel: 'contact', wave: null, at: now });
    }
    return { recorded: true, target: { ...target, answer, answeredAt: at } };
  });
}
