import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

/**
 * Stored crisis counts (docs/crises.md, "Counts"): a million-person crisis is counted by reading a
 * few dozen rows instead of joining its population with its answers and deliveries (~1 s at
 * 100,000 people, measured).
 *
 * Each `crisis_people` row carries its person's state: `answer`/`answer_id` (the latest answer)
 * and `unreachable` (1 when none of the crisis's messages to them is queued, being sent or sent;
 * set by each fan-out for the whole population, kept by the triggers below in between).
 * `crisis_counts` holds, per crisis, place (`''`/`''` = everyone, each person once) and slot
 * (traveller id mod 16: concurrent answers update different rows), how many are in each state;
 * `crisis_waves.people` how many people each wave's fan-out asked.
 *
 * Who keeps them exact: the wave (people joining, set-based, src/crises/counters.ts), the fan-out
 * (reachability of the whole population, likewise) and these triggers, which catch every other
 * writer whatever code path it takes (answers by link or SMS, the worker's failures and bounces,
 * the sweeper, closing a crisis, deleting a channel or a person): an answer recorded; a crisis
 * delivery that stops or starts being live, or is deleted; a population row deleted. A recount
 * from the raw tables (`recountCrisis`) is the reference the tests compare with.
 */
export const SLOTS = 16;

/** A person's state from their population row `p`, and the counter column of each state (also migration 030). */
export const STATE = (p: string) => `coalesce(${p}.answer, case when ${p}.unreachable = 1 then 'undeliverable' else 'no_answer' end)`;
export const COLUMNS = { n_safe: 'safe', n_need_help: 'need_help', n_left: 'left', n_no_answer: 'no_answer', n_undeliverable: 'undeliverable' } as const;

/** `SET` moving one person from state `from` to state `to` (SQL expressions). */
const move = (from: string, to: string) => Object.entries(COLUMNS)
  .map(([column, state]) => `${column} = ${column} - case when ${from} = '${state}' then 1 else 0 end + case when ${to} = '${state}' then 1 else 0 end`).join(', ');

/** The counter rows of one person: everyone's, and each of their places'. */
const personRows = (crisis: string, traveller: string) => `crisis_counts.crisis_id = ${crisis} and crisis_counts.slot = ${traveller} % ${SLOTS}
    and (crisis_counts.destination_code, crisis_counts.region) in (
      select '', '' union all select p.destination_code, p.region from crisis_people p where p.crisis_id = ${crisis} and p.traveller_id = ${traveller})`;

const LIVE = `('queued', 'sending', 'sent')`;
/** Whether a person has a live delivery of the crisis: one (event, channel) probe per wave and channel. */
const live = (crisis: string, traveller: string) => `exists (select 1 from crisis_waves w
      join deliveries d on d.event_id = w.event_id
      join channels c on c.id = d.channel_id
      where w.crisis_id = ${crisis} and c.traveller_id = ${traveller} and d.traveller_id = ${traveller} and d.status in ${LIVE})`;

/** The statements of each trigger, written once for both engines (`new.`/`old.` work in both). */
function bodies(crisisOf: (row: string) => string) {
  const personState = (crisis: string, traveller: string) => `(select ${STATE('q')} from crisis_people q where q.crisis_id = ${crisis} and q.traveller_id = ${traveller} limit 1)`;
  const newer = `exists (select 1 from crisis_people q where q.crisis_id = new.crisis_id and q.traveller_id = new.traveller_id and (q.answer_id is null or q.answer_id < new.id))`;
  // A delivery of person `row.traveller_id` stopped (`to` = 1) or started (0) being live.
  const reach = (row: string, to: 0 | 1) => {
    const crisis = crisisOf(row);
    const traveller = `${row}.traveller_id`;
    const condition = to === 1 ? `not ${live(crisis, traveller)}` : live(crisis, traveller);
    return [
      `update crisis_counts set ${move(`'${to === 1 ? 'no_answer' : 'undeliverable'}'`, `'${to === 1 ? 'undeliverable' : 'no_answer'}'`)}
        where ${personRows(crisis, traveller)}
        and exists (select 1 from crisis_people q where q.crisis_id = ${crisis} and q.traveller_id = ${traveller} and q.answer is null and q.unreachable = ${1 - to})
        and ${condition}`,
      `update crisis_people set unreachable = ${to} where crisis_id = ${crisis} and traveller_id = ${traveller} and unreachable = ${1 - to} and ${condition}`,
    ];
  };
  return {
    answer: [
      `update crisis_counts set ${move(personState('new.crisis_id', 'new.traveller_id'), 'new.answer')} where ${personRows('new.crisis_id', 'new.traveller_id')} and ${newer}`,
      `update crisis_people set answer = new.answer, answer_id = new.id where crisis_id = new.crisis_id and traveller_id = new.traveller_id and (answer_id is null or answer_id < new.id)`,
    ],
    died: (row: string) => reach(row, 1),
    revived: reach('new', 0),
    left: [
      `update crisis_counts set ${move(STATE('old'), "''")}
        where crisis_counts.crisis_id = old.crisis_id and crisis_counts.slot = old.traveller_id % ${SLOTS}
        and ((crisis_counts.destination_code = old.destination_code and crisis_counts.region = old.region)
          or (crisis_counts.destination_code = '' and crisis_counts.region = ''
            and not exists (select 1 from crisis_people q where q.crisis_id = old.crisis_id and q.traveller_id = old.traveller_id)))`,
    ],
  };
}

const isLive = (row: string) => `${row}.status in ${LIVE}`;

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const ref = engine === 'sqlite' ? 'integer' : 'bigint';
  await db.schema.alterTable('crisis_people').addColumn('answer', 'text').execute();
  await db.schema.alterTable('crisis_people').addColumn('answer_id', ref).execute();
  await db.schema.alterTable('crisis_people').addColumn('unreachable', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // How many people a wave's fan-out asked, written by the fan-out: the dashboard no longer counts
  // distinct travellers over a million deliveries each time it is shown.
  await db.schema.alterTable('crisis_waves').addColumn('people', 'integer').execute();
  await sql.raw(`update crisis_waves set people = (select count(distinct d.traveller_id) from deliveries d where d.event_id = crisis_waves.event_id) where event_id is not null`).execute(db);
  let table = db.schema
    .createTable('crisis_counts')
    .addColumn('crisis_id', ref, (c) => c.notNull().references('crises.id').onDelete('cascade'))
    .addColumn('destination_code', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('slot', 'integer', (c) => c.notNull());
  for (const column of Object.keys(COLUMNS)) table = table.addColumn(column, ref, (c) => c.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint('crisis_counts_pk', ['crisis_id', 'destination_code', 'region', 'slot']).execute();

  // Crises counted before this migration: their people's state, then their counts.
  await sql.raw(`update crisis_people set answer_id = (select max(a.id) from crisis_answers a where a.crisis_id = crisis_people.crisis_id and a.traveller_id = crisis_people.traveller_id)`).execute(db);
  await sql.raw(`update crisis_people set answer = (select a.answer from crisis_answers a where a.id = crisis_people.answer_id) where answer_id is not null`).execute(db);
  await sql.raw(`update crisis_people set unreachable = case when ${live('crisis_people.crisis_id', 'crisis_people.traveller_id')} then 0 else 1 end`).execute(db);
  const sums = Object.entries(COLUMNS).map(([column, state]) => `sum(case when ${STATE('p')} = '${state}' then 1 else 0 end) as ${column}`).join(', ');
  await sql.raw(`insert into crisis_counts (crisis_id, destination_code, region, slot, ${Object.keys(COLUMNS).join(', ')})
    select p.crisis_id, p.destination_code, p.region, p.traveller_id % ${SLOTS}, ${sums} from crisis_people p group by p.crisis_id, p.destination_code, p.region, p.traveller_id % ${SLOTS}
    union all
    select p.crisis_id, '', '', p.traveller_id % ${SLOTS}, ${sums}
    from (select crisis_id, traveller_id, max(answer) as answer, max(unreachable) as unreachable from crisis_people group by crisis_id, traveller_id) p
    group by p.crisis_id, p.traveller_id % ${SLOTS}`).execute(db);

  // What a wave writes a million of, leaner (measured on PostgreSQL: the row insert dominated a
  // wave): no traveller index (a person's rows are found through the key, crisis by crisis) and, on
  // PostgreSQL, no foreign key checked by a trigger call per row; deleting a crisis deletes its
  // population with one statement instead. SQLite checks the key with one index probe, and would
  // have to rebuild the table to drop it.
  await db.schema.dropIndex('crisis_people_traveller').execute();
  if (engine === 'sqlite') {
    await sqliteTriggers(db);
  } else {
    await sql.raw(`alter table crisis_people drop constraint crisis_people_crisis_id_fkey`).execute(db);
    await sql.raw(`create function crisis_deleted() returns trigger language plpgsql as $fn$
      begin delete from crisis_people where crisis_id = old.id; return old; end $fn$`).execute(db);
    await sql.raw(`create trigger crisis_deleted before delete on crises for each row execute function crisis_deleted()`).execute(db);
    await postgresTriggers(db);
  }
}

const WAVE_OF = (row: string) => `(select w.crisis_id from crisis_waves w where w.event_id = ${row}.event_id)`;
const IS_WAVE = (row: string) => `exists (select 1 from crisis_waves w where w.event_id = ${row}.event_id)`;

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const b = bodies(WAVE_OF);
  const trigger = (name: string, on: string, when: string, statements: string[]) =>
    sql.raw(`create trigger ${name} ${on} when ${when} begin ${statements.map((s) => `${s};`).join('\n')} end`).execute(db);
  await trigger('crisis_answer_counted', 'after insert on crisis_answers', '1', b.answer);
  await trigger('crisis_delivery_died', 'after update of status on deliveries', `${isLive('old')} and not ${isLive('new')} and ${IS_WAVE('new')}`, b.died('new'));
  await trigger('crisis_delivery_revived', 'after update of status on deliveries', `not ${isLive('old')} and ${isLive('new')} and ${IS_WAVE('new')}`, b.revived);
  await trigger('crisis_delivery_deleted', 'after delete on deliveries', `${isLive('old')} and ${IS_WAVE('old')}`, b.died('old'));
  await trigger('crisis_person_removed', 'after delete on crisis_people', '1', b.left);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  // PL/pgSQL reads `new.x` and `old.x` in statements as SQL does in SQLite's triggers. Counter
  // rows are locked in key order first, so two answers sharing a slot cannot deadlock.
  const lockPerson = (row: string, crisis: string) => `perform 1 from crisis_people q where q.crisis_id = ${crisis} and q.traveller_id = ${row}.traveller_id order by q.destination_code, q.region for update;
    perform 1 from crisis_counts where ${personRows(crisis, `${row}.traveller_id`)} order by destination_code, region for update;`;
  const fn = (name: string, declare: string, prelude: string, statements: string[], returns: string) => sql.raw(`create function ${name}() returns trigger language plpgsql as $fn$
    ${declare ? `declare ${declare}` : ''}
    begin
      ${prelude}
      ${statements.map((s) => `${s};`).join('\n')}
      return ${returns};
    end $fn$`).execute(db);
  const b = bodies(() => 'wave_crisis');
  await fn('crisis_answer_counted', '', lockPerson('new', 'new.crisis_id'), bodies(WAVE_OF).answer, 'null');
  const crisisOf = (row: string) => `select w.crisis_id into wave_crisis from crisis_waves w where w.event_id = ${row}.event_id; if wave_crisis is null then return null; end if;`;
  await fn('crisis_delivery_died', 'wave_crisis bigint;', `${crisisOf('new')} ${lockPerson('new', 'wave_crisis')}`, b.died('new'), 'null');
  await fn('crisis_delivery_revived', 'wave_crisis bigint;', `${crisisOf('new')} ${lockPerson('new', 'wave_crisis')}`, b.revived, 'null');
  await fn('crisis_delivery_deleted', 'wave_crisis bigint;', `${crisisOf('old')} ${lockPerson('old', 'wave_crisis')}`, b.died('old'), 'null');
  await fn('crisis_person_removed', '', '', b.left, 'null');
  const trigger = (name: string, on: string, when: string) => sql.raw(`create trigger ${name} ${on} for each row ${when ? `when (${when})` : ''} execute function ${name}()`).execute(db);
  await trigger('crisis_answer_counted', 'after insert on crisis_answers', '');
  await trigger('crisis_delivery_died', 'after update of status on deliveries', `${isLive('old')} and not ${isLive('new')}`);
  await trigger('crisis_delivery_revived', 'after update of status on deliveries', `not ${isLive('old')} and ${isLive('new')}`);
  await trigger('crisis_delivery_deleted', 'after delete on deliveries', isLive('old'));
  await trigger('crisis_person_removed', 'after delete on crisis_people', '');
}
