import type { Kysely } from 'kysely';
import { latestAnswer, type CrisisAnswer } from '../domain/crises.ts';
import type { Database } from '../store/schema.ts';

/**
 * What an organisation's admin sees of active crises (docs/crises.md, "Organisations"): only the
 * organisation's own members found in a crisis's population, each with their latest answer and
 * its time, and the counts. The caller checks the organisation is verified and the viewer its admin.
 */

export interface MemberCheckIn {
  name: string;
  email: string;
  answer: CrisisAnswer | null;
  answeredAt: string | null;
}

export interface OrganisationCrisis {
  id: number;
  title: string;
  exercise: boolean;
  area: string;
  counts: { safe: number; needHelp: number; left: number; noAnswer: number };
  members: MemberCheckIn[];
}

export async function organisationCrises(db: Kysely<Database>, organisationId: number): Promise<OrganisationCrisis[]> {
  const people = await db.selectFrom('crisis_people as p')
    .innerJoin('organisation_members as m', (join) => join.onRef('m.traveller_id', '=', 'p.traveller_id').on('m.organisation_id', '=', organisationId))
    .innerJoin('crises as c', 'c.id', 'p.crisis_id')
    .innerJoin('travellers as t', 't.id', 'p.traveller_id')
    .select(['c.id as crisis_id', 'c.title', 'c.exercise', 'c.area_desc', 't.id as traveller_id', 't.name', 't.email'])
    .where('c.status', '=', 'active')
    .groupBy(['c.id', 'c.title', 'c.exercise', 'c.area_desc', 't.id', 't.name', 't.email'])
    .orderBy('c.id', 'desc').orderBy('t.id').execute();
  if (people.length === 0) return [];
  const answers = await db.selectFrom('crisis_answers').select(['id', 'crisis_id', 'traveller_id', 'answer', 'answered_at'])
    .where('crisis_id', 'in', [...new Set(people.map((p) => p.crisis_id))])
    .where('traveller_id', 'in', [...new Set(people.map((p) => p.traveller_id))]).execute();
  const byPerson = Map.groupBy(answers, (a) => `${a.crisis_id}:${a.traveller_id}`);
  const crises = new Map<number, OrganisationCrisis>();
  for (const p of people) {
    let crisis = crises.get(p.crisis_id);
    if (!crisis) {
      crisis = { id: Number(p.crisis_id), title: p.title, exercise: Number(p.exercise) === 1, area: p.area_desc, counts: { safe: 0, needHelp: 0, left: 0, noAnswer: 0 }, members: [] };
      crises.set(p.crisis_id, crisis);
    }
    const latest = latestAnswer((byPerson.get(`${p.crisis_id}:${p.traveller_id}`) ?? []).map((a) => ({ ...a, id: Number(a.id) })));
    crisis.members.push({ name: p.name, email: p.email, answer: latest?.answer ?? null, answeredAt: latest?.answered_at ?? null });
    const key = latest ? ({ safe: 'safe', need_help: 'needHelp', left: 'left' } as const)[latest.answer] : 'noAnswer';
    crisis.counts[key]++;
  }
  // Those who need help first, then those not heard from.
  const rank = (m: MemberCheckIn) => (m.answer === 'need_help' ? 0 : m.answer === null ? 1 : 2);
  for (const crisis of crises.values()) crisis.members.sort((a, b) => rank(a) - rank(b));
  return [...crises.values()];
}
