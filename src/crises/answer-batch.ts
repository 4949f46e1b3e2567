import { PostgresAdapter, type Kysely } from 'kysely';
import { EditorialError } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { recordLinkAnswer, recordLinkAnswersAlone, type AnswerRequest, type RecordedAnswer } from './answers.ts';
import type { CheckInLink } from './links.ts';

/**
 * Group commit for one-click answers (issue 14: thousands of answers a second when a crisis wave
 * lands). Answers that arrive while a batch is being written wait for the next one and are
 * recorded together by recordLinkAnswers (the code that records a single answer too): one
 * transaction, one insert and a handful of lookups for the lot instead of a transaction and
 * several statements each. Nobody waits for a timer: the first answer is written after one turn
 * of the event loop (on SQLite a transaction never yields, so without that turn nothing would
 * batch), and each later batch is whatever arrived while the writers were busy. Each caller
 * hears only after the commit that holds its answer, so a 201 always means stored.
 *
 * Any failure other than a link refused on its own terms rolls the batch back; each of its
 * answers is then retried in its own transaction, so one bad answer costs the others only time.
 */

interface Waiting extends AnswerRequest {
  resolve: (answer: RecordedAnswer) => void;
  reject: (error: unknown) => void;
}

/** Answers waiting that are worth a second batch in flight (see start()). */
const FULL_ENOUGH = 8;

export interface AnswerRecorder {
  record(link: CheckInLink, now: Date): Promise<RecordedAnswer>;
}

/**
 * `writers`: batches written at once, each on its own connection. PostgreSQL commits several
 * transactions at a time (and counts a batch's answers in one statement that locks in key order,
 * migration 023, so concurrent batches never deadlock on the counts); SQLite has one writer.
 */
export function batchedAnswers(db: Kysely<Database>, largestBatch = 200, writers = db.getExecutor().adapter instanceof PostgresAdapter ? 4 : 1): AnswerRecorder {
  let waiting: Waiting[] = [];
  let active = 0;
  let scheduled = false;

  /**
   * Starts batches while writers are free; a writer that finishes takes what arrived meanwhile.
   * With a batch already being written, another starts only once `FULL_ENOUGH` answers wait: a
   * call costs PostgreSQL about as much as fifteen answers in it (1.7 ms against 0.1 ms, measured
   * without HTTP), and the few waiting go out with the next batch anyway. Before, a third of the
   * batches through HTTP were single answers (docs/benchmarks.md).
   */
  function start(): void {
    scheduled = false;
    while (waiting.length > 0 && active < writers && (active === 0 || waiting.length >= FULL_ENOUGH)) {
      const batch = waiting.slice(0, largestBatch);
      waiting = waiting.slice(largestBatch);
      active++;
      void write(db, batch).finally(() => {
        active--;
        start();
      });
    }
  }

  return {
    record(link, now) {
      return new Promise<RecordedAnswer>((resolve, reject) => {
        waiting.push({ link, now, resolve, reject });
        if (scheduled || active >= writers) return;
        scheduled = true;
        setImmediate(start);
      });
    },
  };
}

async function write(db: Kysely<Database>, batch: Waiting[]): Promise<void> {
  let outcomes: (RecordedAnswer | EditorialError)[];
  try {
    outcomes = await recordLinkAnswersAlone(db, batch);
  } catch {
    for (const item of batch) await recordLinkAnswer(db, item.link, item.now).then(item.resolve, item.reject);
    return;
  }
  outcomes.forEach((outcome, i) => (outcome instanceof EditorialError ? batch[i]!.reject(outcome) : batch[i]!.resolve(outcome)));
}
