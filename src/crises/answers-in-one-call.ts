import { sql, type Kysely } from 'kysely';
import { CHECK_IN } from '../cases/context.ts';
import { CASE_TITLE_MAX } from '../domain/case-input.ts';
import { ANSWER_LABELS, type CrisisAnswer } from '../domain/crises.ts';
import { EditorialError } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import type { AnswerRequest, RecordedAnswer } from './answer-types.ts';

/**
 * PostgreSQL: a batch of link answers as one statement, `record_link_answers` (migration 027,
 * src/store/migrations/crisis-answers-in-one-call.ts, ADR 008), which does what recordLinkAnswers
 * does on SQLite in the same order. Outside a transaction the statement commits on its own: a
 * batch is then one round trip, where it was seven (begin, lookup, insert, case lookup, names,
 * cases, commit), and a batch's time was its round trips (ADR 007).
 */

export const GONE = 'This check-in link points at nothing we hold: the message may have been withdrawn, or the account deleted.';
export const CLOSED = 'This check-in is closed: answers are no longer recorded. If you need help, contact the embassy or consulate directly.';

interface Outcome {
  state: number;
  recorded: boolean;
  crisis_id: string;
  title: string;
  exercise: number;
  wave: number;
  area_desc: string;
  answered_at: string | null;
  details_given: boolean;
  latest: CrisisAnswer;
}

export async function recordInOneCall(db: Kysely<Database>, requests: AnswerRequest[]): Promise<(RecordedAnswer | EditorialError)[]> {
  if (requests.length === 0) return [];
  const at = requests.map((r) => r.now.toISOString());
  const { rows } = await sql<Outcome>`select * from record_link_answers(
      ${requests.map((r) => r.link.waveId)}::bigint[], ${requests.map((r) => r.link.travellerId)}::bigint[], ${requests.map((r) => r.link.answer)}::text[],
      ${requests.map((r) => r.link.channel)}::text[], ${at}::text[], ${CHECK_IN.label}, ${JSON.stringify(ANSWER_LABELS)}::jsonb, ${CASE_TITLE_MAX})`.execute(db);
  return rows.map((row, i) => {
    if (row.state === 404) return new EditorialError(404, GONE);
    if (row.state === 410) return new EditorialError(410, CLOSED);
    const { answer } = requests[i]!.link;
    const target = { crisisId: Number(row.crisis_id), title: row.title, exercise: Number(row.exercise) === 1, wave: Number(row.wave), areaDesc: row.area_desc };
    return row.recorded
      ? { recorded: true, answer, answeredAt: at[i]!, latest: answer, detailsGiven: false, target }
      : { recorded: false, answer, answeredAt: row.answered_at!, latest: row.latest, detailsGiven: row.details_given, target };
  });
}
