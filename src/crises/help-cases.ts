import { PostgresAdapter, sql, type Insertable, type Kysely } from 'kysely';
import { CHECK_IN } from '../cases/context.ts';
import { caseForAnswer, helpKey, type HelpAnswer } from '../cases/help.ts';
import { CASE_TITLE_MAX } from '../domain/case-input.ts';
import { ANSWER_LABELS } from '../domain/crises.ts';
import type { Database } from '../store/schema.ts';

/**
 * The cases a batch of "I need help" answers opens (docs/cases.md), set-based: a third of the
 * answers of a wave can be "I need help", and opening each case alone (src/cases/help.ts) took
 * seven statements an answer. Here the lot takes six statements: the people's names, their
 * citizenships and their places, then the cases, their people and their first notes, each one
 * multi-row INSERT, and one audit entry per case in one more. Only for people who have no case in
 * the crisis yet (the caller checks); a case another transaction opened a moment ago (`help_key`
 * is unique) is left to caseForAnswer, which notes the answer on it, as it would have alone.
 * What is written is what caseForAnswer writes for each.
 */
export async function openHelpCases(trx: Kysely<Database>, answers: HelpAnswer[], knownCountries?: Map<string, string>): Promise<void> {
  if (answers.length === 0) return;
  const ids = [...new Set(answers.map((a) => a.travellerId))];
  // The people with their citizenships, one row per citizenship (or one with none): one statement.
  const found = await trx.selectFrom('travellers as t').leftJoin('traveller_citizenships as tc', 'tc.traveller_id', 't.id')
    .select(['t.id', 't.name', 't.email', 'tc.country_code']).where('t.id', 'in', ids).orderBy('t.id').orderBy('tc.country_code').execute();
  const travellers = new Map(found.map((t) => [Number(t.id), t]));
  const citizenships = Map.groupBy(found.filter((r) => r.country_code !== null).map((r) => ({ traveller_id: r.id, country_code: r.country_code! })), (c) => Number(c.traveller_id));
  const crises = [...new Set(answers.map((a) => a.crisisId))];
  // The caller usually read each person's place with their link (answers.ts); else read here.
  const countryOf = knownCountries ?? new Map((await trx.selectFrom('crisis_people').select((eb) => ['crisis_id', 'traveller_id', eb.fn.min('destination_code').as('country')])
    .where('crisis_id', 'in', crises).where('traveller_id', 'in', ids).groupBy(['crisis_id', 'traveller_id']).execute())
    .map((p) => [helpKey(Number(p.crisis_id), Number(p.traveller_id)), p.country]));
  const opening = answers.filter((a) => travellers.has(a.travellerId));
  if (opening.length === 0) return;
  // Someone no longer listed at any place: the case is in the crisis's first country.
  const fallback = opening.some((a) => !countryOf.has(helpKey(a.crisisId, a.travellerId)))
    ? new Map((await trx.selectFrom('crises').select(['id', 'destinations']).where('id', 'in', crises).execute()).map((c) => [Number(c.id), (JSON.parse(c.destinations) as string[])[0] ?? 'ZZ']))
    : new Map<number, string>();
  const rows = opening.map((a) => {
    const at = a.at.toISOString();
    const t = travellers.get(a.travellerId)!;
    return {
      opening: {
        title: `I need help – ${a.crisisTitle}`.slice(0, CASE_TITLE_MAX), type: null, status: 'open' as const, priority: 'high' as const, outcome: null,
        country: countryOf.get(helpKey(a.crisisId, a.travellerId)) ?? fallback.get(a.crisisId) ?? 'ZZ', crisis_id: a.crisisId, traveller_id: a.travellerId,
        help_key: helpKey(a.crisisId, a.travellerId), assignee_id: null, opened_by: CHECK_IN.label, opened_at: at, updated_at: at, closed_at: null,
      },
      name: t.name?.trim() || t.email,
      citizenships: JSON.stringify((citizenships.get(a.travellerId) ?? []).map((c) => c.country_code)),
      note: `Answered "${ANSWER_LABELS[a.answer]}" by ${a.channel} (check-in wave ${a.wave}).`,
    };
  });
  const caseOf = trx.getExecutor().adapter instanceof PostgresAdapter ? await insertAtOnce(trx, rows) : await insertEach(trx, rows);
  // Opened by another transaction meanwhile: noted on that case, as caseForAnswer does alone.
  for (const a of opening.filter((x) => !caseOf.has(helpKey(x.crisisId, x.travellerId)))) await caseForAnswer(trx, a);
}

interface CaseRows {
  opening: Insertable<Database['cases']> & { help_key: string; opened_at: string; traveller_id: number; crisis_id: number };
  name: string;
  citizenships: string;
  note: string;
}

/** The cases, their people, first notes and audit entries: one multi-row INSERT per table. Returns help key → case. */
async function insertEach(trx: Kysely<Database>, rows: CaseRows[]): Promise<Map<string, number>> {
  const inserted = await trx.insertInto('cases').values(rows.map((r) => r.opening))
    .onConflict((oc) => oc.column('help_key').doNothing()).returning(['id', 'help_key']).execute();
  const caseOf = new Map(inserted.map((c) => [c.help_key!, Number(c.id)]));
  const opened = rows.filter((r) => caseOf.has(r.opening.help_key));
  if (opened.length === 0) return caseOf;
  const id = (r: CaseRows) => caseOf.get(r.opening.help_key)!;
  await trx.insertInto('case_people').values(opened.map((r) => ({
    case_id: id(r), traveller_id: r.opening.traveller_id, name: r.name, relation: 'traveller' as const, consent: 0, citizenships: r.citizenships, added_at: r.opening.opened_at,
  }))).execute();
  await trx.insertInto('case_notes').values(opened.map((r) => ({ case_id: id(r), kind: 'check-in', body: r.note, author: CHECK_IN.label, at: r.opening.opened_at }))).execute();
  await trx.insertInto('audit_log').values(opened.map((r) => ({
    at: r.opening.opened_at, actor_id: CHECK_IN.id, actor_label: CHECK_IN.label, action: 'case-opened', destination_code: null,
    subject: `case ${id(r)}`, detail: JSON.stringify({ case: id(r), crisis: r.opening.crisis_id, from: 'check-in' }),
  }))).execute();
  return caseOf;
}

/**
 * PostgreSQL: the same four inserts as one statement (data-modifying WITH), one round trip instead
 * of four (a batch of answers is bound by round trips, not by the work in them: ADR 007). The rows
 * written are insertEach's, the audit detail spelt as JSON.stringify spells it.
 */
async function insertAtOnce(trx: Kysely<Database>, rows: CaseRows[]): Promise<Map<string, number>> {
  const COLUMNS = ['title', 'type', 'status', 'priority', 'outcome', 'country', 'crisis_id', 'traveller_id', 'help_key', 'assignee_id', 'opened_by', 'opened_at', 'updated_at', 'closed_at'] as const;
  const label = CHECK_IN.label;
  const result = await sql<{ id: number; help_key: string }>`with opened as (
      insert into cases (${sql.raw(COLUMNS.join(', '))})
      values ${sql.join(rows.map((r) => sql`(${sql.join(COLUMNS.map((c) => r.opening[c] ?? null))})`))}
      on conflict (help_key) do nothing returning id, help_key, traveller_id, crisis_id, opened_at),
    given (help_key, name, citizenships, note) as (values ${sql.join(rows.map((r) => sql`(${r.opening.help_key}, ${r.name}, ${r.citizenships}, ${r.note})`))}),
    people as (insert into case_people (case_id, traveller_id, name, relation, consent, citizenships, added_at)
      select o.id, o.traveller_id, g.name, 'traveller', 0, g.citizenships, o.opened_at from opened o join given g on g.help_key = o.help_key order by o.id),
    notes as (insert into case_notes (case_id, kind, body, author, at)
      select o.id, 'check-in', g.note, ${label}, o.opened_at from opened o join given g on g.help_key = o.help_key order by o.id),
    audited as (insert into audit_log (at, actor_id, actor_label, action, destination_code, subject, detail)
      select o.opened_at, null, ${label}, 'case-opened', null, 'case ' || o.id, '{"case":' || o.id || ',"crisis":' || o.crisis_id || ',"from":"check-in"}'
      from opened o order by o.id)
    select id, help_key from opened`.execute(trx);
  return new Map(result.rows.map((c) => [c.help_key, Number(c.id)]));
}
