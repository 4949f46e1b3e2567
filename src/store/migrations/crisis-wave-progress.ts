import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

/**
 * Each wave's delivery progress, stored (docs/crises.md, "Counts"): `crisis_wave_deliveries` holds
 * how many of a wave event's deliveries are in each status, in a few slots so that workers
 * recording sends at once rarely update the same row; the crisis document sums them instead of
 * counting a million deliveries each time it is shown (0.3–0.7 s at 1,000,000, measured).
 *
 * Who keeps it exact: the fan-out writes the queued count with the deliveries (src/crises/
 * fan-out.ts); triggers follow every later change of status and every deletion, whatever code path
 * makes it. On PostgreSQL one statement-level trigger per UPDATE or DELETE, from its transition
 * tables (a group commit of sends is one counter update, not one per message); on SQLite, which
 * has only row-level triggers and one writer, a keyed upsert per crisis delivery that changes.
 */
export const PROGRESS_SLOTS = 8;

const WAVE = (event: string) => `${event} in (select w.event_id from crisis_waves w where w.event_id is not null)`;

export async function storeWaveProgress(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';
  await db.schema.createTable('crisis_wave_deliveries')
    .addColumn('event_id', ref, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('n', ref, (c) => c.notNull())
    .addPrimaryKeyConstraint('crisis_wave_deliveries_pk', ['event_id', 'status', 'slot'])
    .execute();
  await sql.raw(`insert into crisis_wave_deliveries (event_id, status, slot, n)
    select d.event_id, d.status, 0, count(*) from deliveries d where ${WAVE('d.event_id')} group by d.event_id, d.status`).execute(db);
  const add = 'on conflict (event_id, status, slot) do update set n = crisis_wave_deliveries.n + excluded.n';
  if (engine === 'sqlite') {
    const upsert = (row: string, by: number) => `insert into crisis_wave_deliveries (event_id, status, slot, n) values (${row}.event_id, ${row}.status, 0, ${by}) ${add};`;
    await sql.raw(`create trigger crisis_wave_delivery_moved after update of status on deliveries
      when old.status <> new.status and ${WAVE('new.event_id')}
      begin ${upsert('old', -1)} ${upsert('new', 1)} end`).execute(db);
    await sql.raw(`create trigger crisis_wave_delivery_deleted after delete on deliveries when ${WAVE('old.event_id')}
      begin ${upsert('old', -1)} end`).execute(db);
    return;
  }
  // In key order, so two statements never wait on each other's rows in a cycle.
  const write = (moves: string) => `insert into crisis_wave_deliveries (event_id, status, slot, n)
      select m.event_id, m.status, pg_backend_pid() % ${PROGRESS_SLOTS}, sum(m.n) from (${moves}) m
      where ${WAVE('m.event_id')} group by m.event_id, m.status order by m.event_id, m.status ${add}`;
  const changed = 'from old_rows o join new_rows r on r.id = o.id where o.status <> r.status';
  await sql.raw(`create function crisis_wave_deliveries_moved() returns trigger language plpgsql as $fn$
    begin
      ${write(`select o.event_id, o.status, -1 as n ${changed} union all select r.event_id, r.status, 1 ${changed}`)};
      return null;
    end $fn$`).execute(db);
  await sql.raw(`create function crisis_wave_deliveries_deleted() returns trigger language plpgsql as $fn$
    begin
      ${write('select o.event_id, o.status, -1 as n from old_rows o')};
      return null;
    end $fn$`).execute(db);
  await sql.raw(`create trigger crisis_wave_deliveries_moved after update on deliveries
    referencing old table as old_rows new table as new_rows for each statement execute function crisis_wave_deliveries_moved()`).execute(db);
  await sql.raw(`create trigger crisis_wave_deliveries_deleted after delete on deliveries
    referencing old table as old_rows for each statement execute function crisis_wave_deliveries_deleted()`).execute(db);
}
