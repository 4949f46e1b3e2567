import { sql, type Kysely } from 'kysely';
import type { Engine } from '../connect.ts';

/**
 * A batch of check-in answers in one call on PostgreSQL (ADR 008, docs/crises.md "Many answers at
 * once"): `record_link_answers` does what src/crises/answers.ts `recordLinkAnswers` does with
 * seven round trips (look the links up, insert the answers, cancel follow-ups, open or note the
 * cases "I need help" opens, read back answers already recorded), so a batch is one statement,
 * committed on its own. A batch is bound by round trips, not by its work (ADR 007).
 *
 * Each statement below is one of recordLinkAnswers's, in the same order, each with a snapshot of
 * its own (a volatile function under READ COMMITTED): the cases are looked up after the insert,
 * which waits on the people's population rows, so a case another batch opened meanwhile is seen.
 * The texts the TypeScript side owns (the answer labels, the check-in actor, the title's length)
 * come in as arguments. Outcomes come back in input order: 404 gone, 410 closed, 0 recorded or
 * already recorded (with what was recorded then and the person's latest answer).
 *
 * SQLite runs the TypeScript in process (no round trips): nothing to do there.
 *
 * The texts below are the current version: migration 027 created the functions, 028 replaced them
 * (`create or replace`, so a new database running both ends the same).
 */

/** caseForAnswer's branch for someone who has a case: reopened by "I need help" if closed, noted. */
const NOTE_ON_CASE = `create or replace function crisis_answer_noted(p_key text, p_answer text, p_channel text, p_wave integer, p_at text,
    p_actor text, p_labels jsonb) returns void language plpgsql set enable_seqscan = off as $fn$
  #variable_conflict use_column
  declare
    v_case record;
    v_said text := 'Answered "' || (p_labels->>p_answer) || '" by ' || p_channel || ' (check-in wave ' || p_wave || ').';
  begin
    select id, status, outcome into v_case from cases where help_key = p_key;
    if not found then return; end if;
    if p_answer = 'need_help' and v_case.status = 'closed' then
      update cases set status = 'open', outcome = null, closed_at = null where id = v_case.id;
      insert into audit_log (at, actor_id, actor_label, action, destination_code, subject, detail)
        values (p_at, null, p_actor, 'case-updated', null, 'case ' || v_case.id,
          '{"case":' || v_case.id || ',"status":{"from":"closed","to":"open"}}');
      v_said := v_said || ' Reopened: the case had been closed with the outcome: ' || coalesce(v_case.outcome, '(none)');
    end if;
    insert into case_notes (case_id, kind, body, author, at) values (v_case.id, 'check-in', v_said, p_actor, p_at);
    update cases set updated_at = p_at where id = v_case.id;
    insert into audit_log (at, actor_id, actor_label, action, destination_code, subject, detail)
      values (p_at, null, p_actor, 'case-note-added', null, 'case ' || v_case.id, '{"case":' || v_case.id || '}');
  end $fn$`;

// String.prototype.trim's white space, so a case names the person as openHelpCases does.
const JS_TRIM = String.raw`'^[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$'`;

// Planned once per connection, not per call: re-planning a dozen statements for custom plans cost
// more CPU than their work (3.9 against 2.8 ms a call of 5 answers, backend CPU time, measured). A
// batch is small next to every table: index probes (hash and merge joins off, as in migration 023;
// sequential scans off since migration 028, as a plan made while a table is small outlives that).
const RECORD = `create or replace function record_link_answers(p_wave bigint[], p_traveller bigint[], p_answer text[], p_channel text[], p_at text[],
    p_actor text, p_labels jsonb, p_title_max integer)
  returns table (state integer, recorded boolean, crisis_id bigint, title text, exercise integer, wave integer, area_desc text,
    answered_at text, details_given boolean, latest text)
  language plpgsql set enable_hashjoin = off set enable_mergejoin = off set enable_seqscan = off set plan_cache_mode = force_generic_plan as $fn$
  #variable_conflict use_column
  declare
    v_state integer[];
    v_crisis bigint[];
    v_fresh bigint[];
    v_cased text[];
    v_late bigint[];
    r record;
  begin
    -- What each link points at: 404 if the wave or the person is gone, 410 once the crisis is closed.
    select array_agg(case when f.id is null then 404 when f.status = 'closed' then 410 else 0 end order by q.i), array_agg(f.id order by q.i)
      into v_state, v_crisis
      from unnest(p_wave, p_traveller) with ordinality q(wave_id, traveller_id, i)
      left join lateral (select c.id, c.status from crisis_waves w join crises c on c.id = w.crisis_id where w.id = q.wave_id
        and exists (select 1 from crisis_people p where p.crisis_id = c.id and p.traveller_id = q.traveller_id)) f on true;
    -- The first use of each link in the batch, in order; a link already used records nothing.
    with usable as (select *, u.wave_id || ':' || u.traveller_id || ':' || u.answer as link_key
        from unnest(p_wave, p_traveller, p_answer, p_channel, p_at) with ordinality u(wave_id, traveller_id, answer, channel, at, i)
        where v_state[u.i] = 0),
      firsts as (select distinct on (link_key) * from usable order by link_key, i),
      written as (insert into crisis_answers (crisis_id, wave_id, traveller_id, answer, channel, answered_at, link_key)
        select v_crisis[i], wave_id, traveller_id, answer, channel, at, link_key from firsts order by i
        on conflict (link_key) do nothing returning link_key)
    select coalesce(array_agg(f.i order by f.i), '{}') into v_fresh from firsts f join written w on w.link_key = f.link_key;
    -- Their follow-ups still queued are cancelled (cancelFollowUps): keyed probes by (event, channel).
    update deliveries d set status = 'failed', last_error = 'answered before it was sent'
      from (select distinct w.event_id, ch.id as channel_id from unnest(v_fresh) a(i)
        join crisis_waves w on w.crisis_id = v_crisis[a.i] and w.kind = 'follow-up' and w.event_id is not null
        join channels ch on ch.traveller_id = p_traveller[a.i]) p
      where d.event_id = p.event_id and d.channel_id = p.channel_id and d.status = 'queued';
    -- Who has a case (after the insert, which waited on their population rows).
    -- Probed key by key: a join (even a lateral one, which the planner flattens; LIMIT stops that)
    -- was planned as a walk of the whole index when the plan was made on a connection's first
    -- answer, while there were few cases, and stayed so (migration 028).
    select coalesce(array_agg(c.help_key), '{}') into v_cased from unnest(v_fresh) a(i)
      cross join lateral (select help_key from cases where help_key = v_crisis[a.i] || ':' || p_traveller[a.i] limit 1) c;
    -- The first "I need help" of someone with no case opens one (openHelpCases): the case, its person,
    -- first note and audit entry in one statement. Conflicts (opened meanwhile) are noted below.
    with a as (select i, v_crisis[i] as crisis_id, p_traveller[i] as traveller_id, v_crisis[i] || ':' || p_traveller[i] as help_key
        from unnest(v_fresh) a(i)),
      opening as (select distinct on (a.help_key) a.* from a where p_answer[a.i] = 'need_help' and a.help_key <> all (v_cased) order by a.help_key, a.i),
      given as (select o.*, c.title as crisis_title, p.name, p.citizenships,
          coalesce((select min(cp.destination_code) from crisis_people cp where cp.crisis_id = o.crisis_id and cp.traveller_id = o.traveller_id),
            (c.destinations::jsonb)->>0, 'ZZ') as country
        from opening o join crises c on c.id = o.crisis_id
        join lateral (select coalesce(nullif(regexp_replace(coalesce(t.name, ''), ${JS_TRIM}, '', 'g'), ''), t.email) as name,
            '[' || coalesce((select string_agg('"' || tc.country_code || '"', ',' order by tc.country_code) from traveller_citizenships tc
              where tc.traveller_id = t.id), '') || ']' as citizenships
          from travellers t where t.id = o.traveller_id) p on true),
      opened as (insert into cases (title, type, status, priority, outcome, country, crisis_id, traveller_id, help_key, assignee_id, opened_by, opened_at, updated_at, closed_at)
        select left('I need help – ' || g.crisis_title, p_title_max), null, 'open', 'high', null, g.country, g.crisis_id, g.traveller_id, g.help_key,
          null, p_actor, p_at[g.i], p_at[g.i], null from given g order by g.i
        on conflict (help_key) do nothing returning id, help_key, traveller_id, crisis_id, opened_at),
      people as (insert into case_people (case_id, traveller_id, name, relation, consent, citizenships, added_at)
        select o.id, o.traveller_id, g.name, 'traveller', 0, g.citizenships, o.opened_at from opened o join given g on g.help_key = o.help_key order by o.id),
      notes as (insert into case_notes (case_id, kind, body, author, at)
        select o.id, 'check-in', 'Answered "' || (p_labels->>p_answer[g.i]) || '" by ' || p_channel[g.i] || ' (check-in wave ' || w.number || ').', p_actor, o.opened_at
        from opened o join given g on g.help_key = o.help_key join crisis_waves w on w.id = p_wave[g.i] order by o.id),
      audited as (insert into audit_log (at, actor_id, actor_label, action, destination_code, subject, detail)
        select o.opened_at, null, p_actor, 'case-opened', null, 'case ' || o.id, '{"case":' || o.id || ',"crisis":' || o.crisis_id || ',"from":"check-in"}'
        from opened o order by o.id)
    -- Answers to note on a case, in order: a case opened by another transaction meanwhile first, then
    -- everyone who had a case, and the answers after the one that opened a case here.
    select coalesce(array_agg(x.i order by x.late, x.i), '{}') into v_late from (
      select g.i, 0 as late from given g where not exists (select 1 from opened o where o.help_key = g.help_key)
      union all
      select a.i, 1 from a where a.help_key = any (v_cased)
        or exists (select 1 from opening o where o.help_key = a.help_key and o.i < a.i)) x;
    for r in select a.i, w.number from unnest(v_late) with ordinality a(i, n) join crisis_waves w on w.id = p_wave[a.i] order by a.n loop
      perform crisis_answer_noted(v_crisis[r.i] || ':' || p_traveller[r.i], p_answer[r.i], p_channel[r.i], r.number, p_at[r.i], p_actor, p_labels);
    end loop;
    -- The outcomes, in input order; a link used before reads what it recorded then.
    return query select v_state[q.i], q.i = any (v_fresh), c.id, c.title, c.exercise, w.number, c.area_desc,
        old.answered_at, old.details_at is not null, coalesce(l.answer, p_answer[q.i])
      from unnest(p_wave) with ordinality q(wave_id, i)
      left join crisis_waves w on w.id = q.wave_id and v_state[q.i] = 0
      left join crises c on c.id = w.crisis_id
      left join crisis_answers old on v_state[q.i] = 0 and not (q.i = any (v_fresh))
        and old.link_key = q.wave_id || ':' || p_traveller[q.i] || ':' || p_answer[q.i]
      left join lateral (select n.answer from crisis_answers n where old.id is not null and n.crisis_id = v_crisis[q.i] and n.traveller_id = p_traveller[q.i]
        order by n.id desc limit 1) l on true
      order by q.i;
  end $fn$`;

export async function recordAnswersInOneCall(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  await sql.raw(NOTE_ON_CASE).execute(db);
  await sql.raw(RECORD).execute(db);
}
