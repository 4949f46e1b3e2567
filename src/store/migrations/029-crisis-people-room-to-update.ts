import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

/**
 * PostgreSQL leaves a tenth of each new page of `crisis_people` free (fillfactor 90), so that
 * changing a person's row (their answer, or "unreachable" after a wave's fan-out) writes the new
 * version on the same page and adds nothing to the primary key: a heap-only update. The population
 * is written once per wave, in key order, into full pages; every later change to a full page's row
 * was a new entry in the key's index too. A million people with 100,000 unreachable: the fan-out's
 * "unreachable" update took 1.04–1.06 s, 0.62–0.71 s with the room (psql, two runs each,
 * docs/benchmarks.md). Pages written before this migration keep their layout. SQLite has no such
 * setting: nothing there.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  await sql`alter table crisis_people set (fillfactor = 90)`.execute(db);
}
