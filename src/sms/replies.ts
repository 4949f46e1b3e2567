import type { Kysely } from 'kysely';
import { recordLinkAnswer } from '../crises/answers.ts';
import { parseAnswer, type CrisisAnswer } from '../domain/crises.ts';
import { e164 } from '../domain/phone.ts';
import { translator } from '../i18n/translator.ts';
import type { Database } from '../store/schema.ts';

/**
 * A text message from a phone (docs/crises.md, "Answers by SMS"): from a verified number of ours
 * whose person is in an active crisis, `1`/`SAFE`, `2`/`HELP`, `3`/`LEFT` (any case, any script's
 * digits: src/domain/crises.ts `parseAnswer`) answers that person's latest check-in wave, kept with
 * channel 'sms' like a link answer (one per wave and answer); French words (SAUF, AIDE, PARTI) too.
 * Anything else gets a short help reply, in the person's language (src/i18n/messages/sms.*.ts). A number we do not know, or one not verified, or with no open check-in, gets no answer at
 * all: a reply would tell a stranger that the number is ours.
 */
export type ReplyOutcome =
  | { kind: 'ignored' }
  | { kind: 'recorded'; answer: CrisisAnswer; travellerId: number; recorded: boolean; reply: string }
  | { kind: 'help'; reply: string };


/** The person's latest wave in an active crisis whose population holds them, on a verified number. */
async function openCheckIns(db: Kysely<Database>, number: string) {
  return db
    .selectFrom('channels as ch')
    .innerJoin('travellers as tr', 'tr.id', 'ch.traveller_id')
    .innerJoin('crisis_people as p', 'p.traveller_id', 'tr.id')
    .innerJoin('crises as c', 'c.id', 'p.crisis_id')
    .innerJoin('crisis_waves as w', (join) => join.onRef('w.crisis_id', '=', 'c.id').onRef('w.id', '>=', 'p.first_wave_id'))
    .select(['w.id as waveId', 'tr.id as travellerId', 'tr.language', 'c.exercise'])
    .where('ch.kind', '=', 'sms')
    .where('ch.address', '=', number)
    .where('ch.confirmed_at', 'is not', null)
    .where('c.status', '=', 'active')
    // Through crisis_people's key, one probe per active crisis: it has no traveller index (migration 018).
    .where('p.crisis_id', 'in', db.selectFrom('crises').select('id').where('status', '=', 'active'))
    .orderBy('w.id', 'desc')
    .execute();
}

export async function handleReply(db: Kysely<Database>, message: { from: string; text: string }, now: Date): Promise<ReplyOutcome> {
  const number = e164(message.from);
  if (!number) return { kind: 'ignored' };
  const rows = await openCheckIns(db, number);
  if (rows.length === 0) return { kind: 'ignored' };
  const answer = parseAnswer(message.text);
  if (!answer) return { kind: 'help', reply: translator(rows[0]!.language).t('sms.helpReply') };
  // One number may be verified by two people (a shared phone): each of them answers their own latest wave.
  const latest = new Map<number, number>();
  for (const row of rows) if (!latest.has(Number(row.travellerId))) latest.set(Number(row.travellerId), Number(row.waveId));
  let outcome: ReplyOutcome = { kind: 'ignored' };
  for (const [travellerId, waveId] of latest) {
    const result = await recordLinkAnswer(db, { waveId, travellerId, answer, channel: 'sms' }, now);
    const tr = translator(rows.find((row) => Number(row.travellerId) === travellerId)?.language);
    const label = (a: CrisisAnswer) => tr.t('sms.answer', { answer: a });
    const reply = result.recorded
      ? `${tr.t('sms.recorded', { answer: label(answer) })}${answer === 'need_help' ? ` ${tr.t('sms.staffWillCall')}` : ''}`
      : tr.t('sms.already', { answer: label(answer), latest: label(result.latest) });
    outcome = { kind: 'recorded', answer, travellerId, recorded: result.recorded, reply };
  }
  return outcome;
}
