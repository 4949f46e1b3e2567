import type { Kysely } from 'kysely';
import { caseForAnswer, noteAnswerDetails } from '../cases/help.ts';
import type { AnswerDetails } from '../domain/crisis-input.ts';
import type { CrisisAnswer } from '../domain/crises.ts';
import { EditorialError } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import type { CheckInLink } from './links.ts';

/**
 * Recording answers (docs/crises.md). Every answer is kept with its time and channel; a person's
 * latest is their state. An answer link records once: its `link_key` (wave, person, answer) is
 * unique, so opening the same link again, or a copy of it, adds nothing. An answer also cancels
 * that person's follow-up messages still waiting in the queue. "I need help" opens a consular
 * case (src/cases/help.ts, docs/cases.md) in the same transaction.
 */

export interface LinkTarget {
  crisisId: number;
  title: string;
  exercise: boolean;
  wave: number;
  areaDesc: string;
}

export interface RecordedAnswer {
  /** False when this link had already recorded its answer: nothing new was written. */
  recorded: boolean;
  answer: CrisisAnswer;
  answeredAt: string;
  /** The person's latest answer to the crisis (another link's, if they answered again since). */
  latest: CrisisAnswer;
  detailsGiven: boolean;
  target: LinkTarget;
}

/**
 * Found through the (event, channel) key, one probe per follow-up wave and channel of the person:
 * `deliveries` has no traveller index, and filtering the queue by traveller read every queued row
 * of a million-person wave for each answer (54 answers/s at 100,000 people, measured).
 * Used by every answer path (links, SMS replies, an emergency contact's word).
 */
export async function cancelFollowUps(trx: Kysely<Database>, crisisId: number, travellerId: number): Promise<void> {
  const mine = trx.selectFrom('crisis_waves as w').innerJoin('channels as c', (join) => join.on('c.traveller_id', '=', travellerId))
    .select(['w.event_id', 'c.id']).where('w.crisis_id', '=', crisisId).where('w.kind', '=', 'follow-up').where('w.event_id', 'is not', null);
  await trx.updateTable('deliveries').set({ status: 'failed', last_error: 'answered before it was sent' })
    .where((eb) => eb(eb.refTuple('event_id', 'channel_id'), 'in', mine.$narrowType<{ event_id: number }>().$asTuple('event_id', 'id')))
    .where('traveller_id', '=', travellerId).where('status', '=', 'queued').execute();
}

const linkKey = (link: CheckInLink) => `${link.waveId}:${link.travellerId}:${link.answer}`;

/** What a genuine link points at: 404 if the wave or the person is gone, 410 once the crisis is closed. */
export async function linkTarget(db: Kysely<Database>, link: CheckInLink): Promise<LinkTarget> {
  const row = await db
    .selectFrom('crisis_waves as w')
    .innerJoin('crises as c', 'c.id', 'w.crisis_id')
    .select(['c.id', 'c.title', 'c.exercise', 'c.status', 'c.area_desc', 'w.number'])
    .where('w.id', '=', link.waveId)
    .where((eb) => eb.exists(eb.selectFrom('crisis_people as p').select('p.traveller_id').whereRef('p.crisis_id', '=', 'c.id').where('p.traveller_id', '=', link.travellerId)))
    .executeTakeFirst();
  if (!row) throw new EditorialError(404, 'This check-in link points at nothing we hold: the message may have been withdrawn, or the account deleted.');
  if (row.status === 'closed') throw new EditorialError(410, 'This check-in is closed: answers are no longer recorded. If you need help, contact the embassy or consulate directly.');
  return { crisisId: Number(row.id), title: row.title, exercise: Number(row.exercise) === 1, wave: Number(row.number), areaDesc: row.area_desc };
}

async function latestOf(db: Kysely<Database>, crisisId: number, travellerId: number): Promise<CrisisAnswer> {
  const row = await db.selectFrom('crisis_answers').select('answer').where('crisis_id', '=', crisisId).where('traveller_id', '=', travellerId)
    .orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
  return row.answer;
}

export async function recordLinkAnswer(db: Kysely<Database>, link: CheckInLink, now: Date): Promise<RecordedAnswer> {
  return db.transaction().execute(async (trx) => {
    const target = await linkTarget(trx, link);
    const at = now.toISOString();
    const inserted = await trx
      .insertInto('crisis_answers')
      .values({
        crisis_id: target.crisisId, wave_id: link.waveId, traveller_id: link.travellerId, answer: link.answer, channel: link.channel, answered_at: at,
        location: null, party_size: null, note: null, details_at: null, link_key: linkKey(link),
      })
      .onConflict((oc) => oc.column('link_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      // Answered: the follow-ups still queued for this person would ask again for nothing.
      await cancelFollowUps(trx, target.crisisId, link.travellerId);
      // "I need help" opens a case for consular staff (or notes the answer on the one they have).
      await caseForAnswer(trx, { crisisId: target.crisisId, crisisTitle: target.title, travellerId: link.travellerId, answer: link.answer, channel: link.channel, wave: target.wave, at: now });
    }
    const row = await trx.selectFrom('crisis_answers').select(['answered_at', 'details_at']).where('link_key', '=', linkKey(link)).executeTakeFirstOrThrow();
    return {
      recorded: inserted !== undefined, answer: link.answer, answeredAt: row.answered_at, latest: await latestOf(trx, target.crisisId, link.travellerId),
      detailsGiven: row.details_at !== null, target,
    };
  });
}

/**
 * The optional details of an answer already recorded by this link; given once (a second form, or
 * a copy of the link, changes nothing). 409 before the answer itself is recorded.
 */
export async function addLinkDetails(db: Kysely<Database>, link: CheckInLink, details: AnswerDetails, now: Date): Promise<{ recorded: boolean; target: LinkTarget }> {
  return db.transaction().execute(async (trx) => {
    const target = await linkTarget(trx, link);
    const row = await trx.selectFrom('crisis_answers').select(['id', 'details_at']).where('link_key', '=', linkKey(link)).executeTakeFirst();
    if (!row) throw new EditorialError(409, 'Record your answer first: open the link from the message and press the button.');
    const updated = await trx.updateTable('crisis_answers')
      .set({ location: details.location, party_size: details.partySize, note: details.note, details_at: now.toISOString() })
      .where('id', '=', row.id).where('details_at', 'is', null).executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) await noteAnswerDetails(trx, target.crisisId, link.travellerId, details, now);
    return { recorded: Number(updated.numUpdatedRows) > 0, target };
  });
}
