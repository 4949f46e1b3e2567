import type { Kysely } from 'kysely';
import { EditorialError } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { recordLinkAnswer, recordLinkAnswers, type AnswerRequest, type RecordedAnswer } from './answers.ts';
import type { CheckInLink } from './links.ts';

/**
 * Group commit for one-click answers (issue 14: thousands of answers a second when a crisis wave
 * lands). Answers that arrive while a batch is being written wait for the next one and are
 * recorded together by recordLinkAnswers (the code that records a single answer too): one
 * transaction, one insert and a handful of lookups for the lot instead of a transaction and
 * several statements each. Nobody waits for a timer: the first answer is written after one turn
 * of the event loop (on SQLite a transaction never yields, so without that turn nothing would
 * batch), and each later batch is whatever arrived while the one before was written. Each caller
 * hears only after the commit that holds its answer, so a 201 always means stored.
 *
 * Any failure other than a link refused on its own terms rolls the batch back; each of its
 * answers is then retried in its own transaction, so one bad answer costs the others only time.
 */

interface Waiting extends AnswerRequest {
  resolve: (answer: RecordedAnswer) => void;
  reject: (error: unknown) => void;
}

export interface AnswerRecorder {
  record(link: CheckInLink, now: Date): Promise<RecordedAnswer>;
}

export function batchedAnswers(db: Kysely<Database>, largestBatch = 200): AnswerRecorder {
  let waiting: Waiting[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, largestBatch);
      waiting = waiting.slice(largestBatch);
      await write(db, batch);
    }
    writing = false;
  }

  return {
    record(link, now) {
      return new Promise<RecordedAnswer>((resolve, reject) => {
        waiting.push({ link, now, resolve, reject });
        if (writing) return;
        writing = true;
        setImmediate(() => void drain());
      });
    },
  };
}

async function write(db: Kysely<Database>, batch: Waiting[]): Promise<void> {
  let outcomes: (RecordedAnswer | EditorialError)[];
  try {
    outcomes = await db.transaction().execute((trx) => recordLinkAnswers(trx, batch));
  } catch {
    for (const item of batch) await recordLinkAnswer(db, item.link, item.now).then(item.resolve, item.reject);
    return;
  }
  outcomes.forEach((outcome, i) => (outcome instanceof EditorialError ? batch[i]!.reject(outcome) : batch[i]!.resolve(outcome)));
}
