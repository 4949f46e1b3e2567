import { sql, type Kysely } from 'kysely';
import { cumulativeTimeline, PREFIX, timelineUnit, type TimelinePoint, type TimelineUnit } from '../domain/crisis-timeline.ts';
import type { CrisisAnswer } from '../domain/crises.ts';
import type { Database } from '../store/schema.ts';

/**
 * Answers by kind over time since a crisis's first wave (the dashboard's chart, docs/crises.md):
 * the database groups every answer by hour (or day) and kind; src/domain/crisis-timeline.ts
 * accumulates. Null before the first wave.
 */
export async function answersOverTime(db: Kysely<Database>, crisisId: number, until: Date): Promise<{ unit: TimelineUnit; points: TimelinePoint[] } | null> {
  const first = await db.selectFrom('crisis_waves').select((eb) => eb.fn.min('sent_at').as('at')).where('crisis_id', '=', crisisId).executeTakeFirst();
  if (!first?.at) return null;
  const to = until.toISOString();
  const unit = timelineUnit(first.at, to);
  const bucket = sql<string>`substr(answered_at, 1, ${sql.lit(PREFIX[unit])})`;
  const rows = await db.selectFrom('crisis_answers').select((eb) => [bucket.as('bucket'), 'answer', eb.fn.countAll<number | string>().as('n')])
    .where('crisis_id', '=', crisisId).groupBy([bucket, 'answer']).execute();
  return { unit, points: cumulativeTimeline(first.at, to, unit, rows.map((r) => ({ bucket: r.bucket, answer: r.answer as CrisisAnswer, n: Number(r.n) }))) };
}
