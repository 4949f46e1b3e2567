import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_IN } from '../../src/cases/context.ts';
import { declareCrisis } from '../../src/crises/declare.ts';
import { sendWave } from '../../src/crises/waves.ts';
import { CASE_TITLE_MAX } from '../../src/domain/case-input.ts';
import { ANSWER_LABELS } from '../../src/domain/crises.ts';
import { COMMAND_LINE } from '../../src/publishing/context.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { day } from '../helpers/crises-setup.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';

/**
 * `record_link_answers` keeps its statements' plans for the life of a connection (migration 027),
 * and they are made on the connection's first answer, when a crisis has few cases. Migration 028:
 * those plans must still probe by key once there are thousands of cases. Measured as the buffers
 * one answer reads, through EXPLAIN (ANALYZE, BUFFERS), which counts the function's own statements.
 * Before 028 the "who has a case" lookup walked every case: 1,015 buffers with 20,000 cases, 132 after.
 */
describe.skipIf(!ENGINES.includes('postgres'))('the answer function on a connection that has grown old', () => {
  let store: TestStore;
  afterEach(async () => store?.close());

  it('reads a few dozen buffers for an answer however many cases were opened since its first', async () => {
    store = await createTestStore('postgres');
    const { db } = store;
    const ctx = { db, now: () => new Date() };
    const people: number[] = [];
    for (const email of ['ana@example.org', 'bo@example.org']) {
      const { id } = await addTraveller(db, email);
      await addTrip(db, id, 'RU', { start: day(-3), end: day(5) });
      people.push(id);
    }
    const crisis = (await declareCrisis(ctx, COMMAND_LINE, { title: 'Unrest', destinations: ['RU'], startedAt: new Date(Date.now() - 86_400_000).toISOString() })).id;
    const { waveId } = await sendWave(ctx, COMMAND_LINE, crisis);
    const call = (traveller: number) => sql`record_link_answers(${[waveId]}::bigint[], ${[traveller]}::bigint[], ${['need_help']}::text[],
      ${['email']}::text[], ${[new Date().toISOString()]}::text[], ${CHECK_IN.label}, ${JSON.stringify(ANSWER_LABELS)}::jsonb, ${CASE_TITLE_MAX})`;

    // Statistics taken while there were no cases, as a nightly `vacuumdb --analyze` would: the
    // planner then takes the table for a row or two (never analysed, it would assume ten pages).
    await sql`analyze cases`.execute(db);
    await db.connection().execute(async (connection) => {
      // The first answer on this connection: its plans are made now, with one case to find.
      const first = await sql<{ state: number; recorded: boolean }>`select * from ${call(people[0]!)}`.execute(connection);
      expect(first.rows).toMatchObject([{ state: 0, recorded: true }]);
      await sql`insert into cases (title, status, priority, country, crisis_id, help_key, opened_by, opened_at, updated_at)
        select 'Earlier', 'open', 'normal', 'RU', ${crisis}, 'earlier:' || g, 'test', '2026-12-01', '2026-12-01' from generate_series(1, 20000) g`.execute(connection);

      const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] }>`
        explain (analyze, buffers, format json) select * from ${call(people[1]!)}`.execute(connection);
      const plan = rows[0]!['QUERY PLAN'][0].Plan;
      expect(plan['Shared Hit Blocks'] + plan['Shared Read Blocks']).toBeLessThan(400);
    });
    // And the answer was recorded, with the case it opens.
    const cases = await db.selectFrom('cases').select('help_key').where('traveller_id', '=', people[1]!).execute();
    expect(cases).toEqual([{ help_key: `${crisis}:${people[1]}` }]);
  });
});
