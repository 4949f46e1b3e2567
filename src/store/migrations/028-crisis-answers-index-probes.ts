import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { recordAnswersInOneCall } from './crisis-answers-in-one-call.ts';

/**
 * PostgreSQL's answer functions (migrations 023 and 027) plan with sequential scans off, as they
 * already plan with hash and merge joins off: every statement in them is a keyed probe for a batch
 * of a few answers (docs/crises.md, "Many answers at once"); and `record_link_answers` looks up who
 * has a case key by key.
 *
 * Why: `record_link_answers` keeps one generic plan per connection for each of its statements, and
 * the foreign-key checks its inserts fire keep theirs. Each is planned when a connection records
 * its first answer, while the crisis's cases are few; so small a table is cheaper to read whole
 * than to probe, and the plan stays a whole read as the table grows (with autovacuum off nothing
 * analyses it to invalidate the plan). At 100,000 people the "who has a case" lookup went from 0.8
 * to 10.6 ms a batch of 20 over 10,000 answers, the batch from 5.7 to 15.3 ms (auto_explain,
 * docs/benchmarks.md). Plans made under these settings probe the index however the table grows.
 *
 * SQLite records answers in TypeScript with statements its own planner keeps: nothing here.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  await recordAnswersInOneCall(db, engine);
  await sql`alter function crisis_answers_counted() set enable_seqscan = off set plan_cache_mode = force_generic_plan`.execute(db);
}
