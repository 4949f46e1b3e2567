import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';
import { SLOTS } from './018-crisis-counters.ts';

/**
 * Answers counted per statement on PostgreSQL (docs/crises.md, "Many answers at once").
 *
 * Migration 018 counts each answer with a row-level trigger: four statements of PL/pgSQL per
 * answer, and the counter rows of each person locked one person after another, so two batches of
 * answers written at once could lock the same rows in opposite orders (deadlock). Here the answers
 * of one INSERT are counted together, from its transition table: every person's population rows
 * locked first, all in one key order, then every counter row they touch, in one key order (two
 * batches never wait on each other in a cycle), then one UPDATE of the counts and one of the
 * people. A person answering twice in one statement counts once, by their latest answer: the
 * state the row-level trigger reached by moving through each answer in turn.
 *
 * SQLite has no statement-level triggers and one writer at a time: it keeps migration 018's.
 */
const STATE = (p: string) => `coalesce(${p}.answer, case when ${p}.unreachable = 1 then 'undeliverable' else 'no_answer' end)`;
const COLUMNS = { n_safe: 'safe', n_need_help: 'need_help', n_left: 'left', n_no_answer: 'no_answer', n_undeliverable: 'undeliverable' } as const;

/** The newest answer of each person in the statement who has none as new stored (others are no-ops, as in 018). */
const LATEST = `select distinct on (n.crisis_id, n.traveller_id) n.crisis_id, n.traveller_id, n.id, n.answer
  from new_answers n order by n.crisis_id, n.traveller_id, n.id desc`;

// A transition table has no statistics: PostgreSQL takes a batch of 20 answers for a thousand
// rows and hashes the whole population to join them (0.6 s a statement at 100,000 people,
// measured). The batch is always small next to the population: index probes, person by person.
const FUNCTION = `create function crisis_answers_counted() returns trigger language plpgsql
  set enable_hashjoin = off set enable_mergejoin = off as $fn$
  begin
    perform 1 from crisis_people q join (select distinct crisis_id, traveller_id from new_answers) n
      on q.crisis_id = n.crisis_id and q.traveller_id = n.traveller_id
      order by q.crisis_id, q.traveller_id, q.destination_code, q.region for update of q;
    perform 1 from crisis_counts k join (
        select distinct n.crisis_id, q.destination_code, q.region, n.traveller_id % ${SLOTS} as slot
        from new_answers n join crisis_people q on q.crisis_id = n.crisis_id and q.traveller_id = n.traveller_id
        union select distinct n.crisis_id, '', '', n.traveller_id % ${SLOTS} from new_answers n) t
      on k.crisis_id = t.crisis_id and k.destination_code = t.destination_code and k.region = t.region and k.slot = t.slot
      order by k.crisis_id, k.destination_code, k.region, k.slot for update of k;
    with latest as (${LATEST}),
    moving as (
      select l.crisis_id, l.traveller_id, l.answer,
        (select ${STATE('q')} from crisis_people q where q.crisis_id = l.crisis_id and q.traveller_id = l.traveller_id limit 1) as old_state
      from latest l
      where exists (select 1 from crisis_people q where q.crisis_id = l.crisis_id and q.traveller_id = l.traveller_id and (q.answer_id is null or q.answer_id < l.id))
    ),
    touched as (
      select m.crisis_id, '' as destination_code, '' as region, m.traveller_id % ${SLOTS} as slot, m.old_state, m.answer from moving m
      union all
      select m.crisis_id, q.destination_code, q.region, m.traveller_id % ${SLOTS}, m.old_state, m.answer
      from moving m join crisis_people q on q.crisis_id = m.crisis_id and q.traveller_id = m.traveller_id
    ),
    deltas as (
      select crisis_id, destination_code, region, slot,
        ${Object.entries(COLUMNS).map(([column, state]) => `sum(case when answer = '${state}' then 1 else 0 end - case when old_state = '${state}' then 1 else 0 end) as ${column}`).join(',\n        ')}
      from touched group by crisis_id, destination_code, region, slot
    )
    update crisis_counts k set ${Object.keys(COLUMNS).map((column) => `${column} = k.${column} + d.${column}`).join(', ')}
    from deltas d
    where k.crisis_id = d.crisis_id and k.destination_code = d.destination_code and k.region = d.region and k.slot = d.slot;
    update crisis_people q set answer = l.answer, answer_id = l.id from (${LATEST}) l
      where q.crisis_id = l.crisis_id and q.traveller_id = l.traveller_id and (q.answer_id is null or q.answer_id < l.id);
    return null;
  end $fn$`;

export async function countAnswersPerStatement(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  await sql.raw('drop trigger crisis_answer_counted on crisis_answers').execute(db);
  await sql.raw(FUNCTION).execute(db);
  await sql.raw(`create trigger crisis_answers_counted after insert on crisis_answers
    referencing new table as new_answers for each statement execute function crisis_answers_counted()`).execute(db);
}
