import type { Kysely } from 'kysely';
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
export async function openHelpCases(trx: Kysely<Database>, answers: HelpAnswer[]): Promise<void> {
  if (answers.length === 0) return;
  const ids = [...new Set(answers.map((a) => a.travellerId))];
  const travellers = new Map((await trx.selectFrom('travellers').select(['id', 'name', 'email']).where('id', 'in', ids).execute()).map((t) => [Number(t.id), t]));
  const citizenships = Map.groupBy(await trx.selectFrom('traveller_citizenships').select(['traveller_id', 'country_code']).where('traveller_id', 'in', ids)
    .orderBy('traveller_id').orderBy('country_code').execute(), (c) => Number(c.traveller_id));
  const crises = [...new Set(answers.map((a) => a.crisisId))];
  const places = await trx.selectFrom('crisis_people').select((eb) => ['crisis_id', 'traveller_id', eb.fn.min('destination_code').as('country')])
    .where('crisis_id', 'in', crises).where('traveller_id', 'in', ids).groupBy(['crisis_id', 'traveller_id']).execute();
  const countryOf = new Map(places.map((p) => [helpKey(Number(p.crisis_id), Number(p.traveller_id)), p.country]));
  const opening = answers.filter((a) => travellers.has(a.travellerId));
  if (opening.length === 0) return;
  // Someone no longer listed at any place: the case is in the crisis's first country.
  const fallback = opening.some((a) => !countryOf.has(helpKey(a.crisisId, a.travellerId)))
    ? new Map((await trx.selectFrom('crises').select(['id', 'destinations']).where('id', 'in', crises).execute()).map((c) => [Number(c.id), (JSON.parse(c.destinations) as string[])[0] ?? 'ZZ']))
    : new Map<number, string>();
  const inserted = await trx.insertInto('cases').values(opening.map((a) => {
    const at = a.at.toISOString();
    return {
      title: `I need help – ${a.crisisTitle}`.slice(0, CASE_TITLE_MAX), type: null, status: 'open' as const, priority: 'high' as const, outcome: null,
      country: countryOf.get(helpKey(a.crisisId, a.travellerId)) ?? fallback.get(a.crisisId) ?? 'ZZ', crisis_id: a.crisisId, traveller_id: a.travellerId,
      help_key: helpKey(a.crisisId, a.travellerId), assignee_id: null, opened_by: CHECK_IN.label, opened_at: at, updated_at: at, closed_at: null,
    };
  })).onConflict((oc) => oc.column('help_key').doNothing()).returning(['id', 'help_key']).execute();
  const caseOf = new Map(inserted.map((c) => [c.help_key!, Number(c.id)]));
  const opened = opening.filter((a) => caseOf.has(helpKey(a.crisisId, a.travellerId)));
  if (opened.length > 0) {
    const id = (a: HelpAnswer) => caseOf.get(helpKey(a.crisisId, a.travellerId))!;
    await trx.insertInto('case_people').values(opened.map((a) => {
      const t = travellers.get(a.travellerId)!;
      return {
        case_id: id(a), traveller_id: a.travellerId, name: t.name?.trim() || t.email, relation: 'traveller' as const, consent: 0,
        citizenships: JSON.stringify((citizenships.get(a.travellerId) ?? []).map((c) => c.country_code)), added_at: a.at.toISOString(),
      };
    })).execute();
    await trx.insertInto('case_notes').values(opened.map((a) => ({
      case_id: id(a), kind: 'check-in', body: `Answered "${ANSWER_LABELS[a.answer]}" by ${a.channel} (check-in wave ${a.wave}).`, author: CHECK_IN.label, at: a.at.toISOString(),
    }))).execute();
    await trx.insertInto('audit_log').values(opened.map((a) => ({
      at: a.at.toISOString(), actor_id: CHECK_IN.id, actor_label: CHECK_IN.label, action: 'case-opened', destination_code: null,
      subject: `case ${id(a)}`, detail: JSON.stringify({ case: id(a), crisis: a.crisisId, from: 'check-in' }),
    }))).execute();
  }
  // Opened by another transaction meanwhile: noted on that case, as caseForAnswer does alone.
  for (const a of opening.filter((x) => !caseOf.has(helpKey(x.crisisId, x.travellerId)))) await caseForAnswer(trx, a);
}
