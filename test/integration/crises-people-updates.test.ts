import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { declareCrisis } from '../../src/crises/declare.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';

/**
 * Migration 029: a crisis's population is written in full pages, in key order, once per wave; what
 * changes afterwards (an answer, "unreachable" after the fan-out) must be a heap-only update on
 * PostgreSQL, one that adds nothing to the primary key. Counted with the transaction's own
 * statistics (`pg_stat_get_xact_tuples_hot_updated`), which need no flush to the cumulative ones.
 */
describe.skipIf(!ENGINES.includes('postgres'))("changing a person's row of a crisis population", () => {
  let store: TestStore;
  afterEach(async () => store?.close());

  it('updates in place, without a new entry in the key', async () => {
    store = await createTestStore('postgres');
    const { db } = store;
    const crisis = (await declareCrisis({ db, now: () => new Date() }, COMMAND_LINE, { title: 'Unrest', destinations: ['RU'] })).id;
    // A wave's population as sendWave writes it: one INSERT … SELECT in key order.
    await sql`insert into crisis_people (crisis_id, traveller_id, destination_code, region, first_wave_id)
      select ${crisis}, g, 'RU', '', 1 from generate_series(1, 2000) g order by g`.execute(db);

    await db.connection().execute(async (connection) => {
      await sql`begin`.execute(connection);
      // One person in twenty turns out unreachable, as refreshReach marks them after a fan-out.
      const changed = await sql`update crisis_people set unreachable = 1 where crisis_id = ${crisis} and traveller_id % 20 = 0`.execute(connection);
      const { rows } = await sql<{ hot: string }>`select pg_stat_get_xact_tuples_hot_updated('crisis_people'::regclass) as hot`.execute(connection);
      await sql`rollback`.execute(connection);
      expect(Number(changed.numAffectedRows)).toBe(100);
      expect(Number(rows[0]!.hot)).toBe(100);
    });
  });
});
