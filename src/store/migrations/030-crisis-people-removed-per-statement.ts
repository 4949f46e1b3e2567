import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { COLUMNS, SLOTS, STATE } from './018-crisis-counters.ts';

/**
 * PostgreSQL runs AFTER … FOR EACH ROW triggers once the whole statement is done, not row by row as
 * SQLite does. Deleting a person with two places in a crisis (one DELETE, as `deleteTraveller`
 * does) ran migration 018's `crisis_person_removed` twice after both rows were gone: each call
 * found "no other place left" and took the person off everyone's count, so they were taken off
 * twice (found by the random walk of test/integration/crises-counters.test.ts once waves were
 * queued at once). On PostgreSQL that trigger becomes one per statement over the deleted rows
 * (a transition table): each place's count loses its rows, and everyone's count loses each person
 * once, when none of their places is left. SQLite's row trigger was right: nothing there.
 */
const sums = (p: string) => Object.entries(COLUMNS).map(([column, s]) => `sum(case when ${STATE(p)} = '${s}' then 1 else 0 end) as ${column}`).join(', ');
const subtract = Object.keys(COLUMNS).map((column) => `${column} = crisis_counts.${column} - gone.${column}`).join(', ');

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  await sql`drop trigger crisis_person_removed on crisis_people`.execute(db);
  await sql`drop function crisis_person_removed()`.execute(db);
  await sql.raw(`create function crisis_people_removed() returns trigger language plpgsql as $fn$
    begin
      -- Counter rows in key order first, as the answer triggers lock them, so nobody deadlocks.
      perform 1 from crisis_counts c where (c.crisis_id, c.slot) in (select o.crisis_id, o.traveller_id % ${SLOTS} from old_rows o)
        order by c.crisis_id, c.destination_code, c.region, c.slot for update;
      update crisis_counts set ${subtract} from (
        select o.crisis_id, o.destination_code, o.region, o.traveller_id % ${SLOTS} as slot, ${sums('o')}
        from old_rows o group by o.crisis_id, o.destination_code, o.region, o.traveller_id % ${SLOTS}
      ) as gone
      where crisis_counts.crisis_id = gone.crisis_id and crisis_counts.destination_code = gone.destination_code
        and crisis_counts.region = gone.region and crisis_counts.slot = gone.slot;
      -- A person's rows share one state (answer and reachability are kept per person).
      update crisis_counts set ${subtract} from (
        select p.crisis_id, p.traveller_id % ${SLOTS} as slot, ${sums('p')}
        from (select o.crisis_id, o.traveller_id, max(o.answer) as answer, max(o.unreachable) as unreachable
              from old_rows o group by o.crisis_id, o.traveller_id) p
        where not exists (select 1 from crisis_people q where q.crisis_id = p.crisis_id and q.traveller_id = p.traveller_id)
        group by p.crisis_id, p.traveller_id % ${SLOTS}
      ) as gone
      where crisis_counts.crisis_id = gone.crisis_id and crisis_counts.destination_code = '' and crisis_counts.region = ''
        and crisis_counts.slot = gone.slot;
      return null;
    end $fn$`).execute(db);
  await sql`create trigger crisis_people_removed after delete on crisis_people referencing old table as old_rows
    for each statement execute function crisis_people_removed()`.execute(db);
}
