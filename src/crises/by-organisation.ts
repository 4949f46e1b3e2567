import { sql, type Kysely } from 'kysely';
import { tally, type CrisisCounts, type PersonState } from '../domain/crises.ts';
import type { Database } from '../store/schema.ts';
import { wavePending } from './counters.ts';

export interface OrganisationCounts {
  organisationId: number;
  organisation: string;
  counts: CrisisCounts;
}

/**
 * The crisis's people who are members of each organisation (its admins included: what the
 * organisation's own page shows it), counted by answer from the state kept on their rows
 * (migration 018), each person once per organisation. Read on demand for the dashboard's "By
 * organisation" table and the API; organisations with people needing help first, then by name.
 */
export async function countsByOrganisation(db: Kysely<Database>, crisisId: number): Promise<OrganisationCounts[]> {
  // As the stored counts do: a person is "undeliverable" only once no wave is still being sent.
  const settled = (await wavePending(db, crisisId)) ? 0 : 1;
  // From the members, each probing crisis_people by its key (crisis, traveller): organisations are
  // a small part of a large crisis, so the crisis's million rows are never read for this.
  const people = db.selectFrom('organisation_members as m')
    .innerJoin('crisis_people as p', (join) => join.on('p.crisis_id', '=', crisisId).onRef('p.traveller_id', '=', 'm.traveller_id'))
    .select([
      'm.organisation_id', 'm.traveller_id',
      sql<PersonState>`coalesce(max(p.answer), case when max(p.unreachable) = 1 and ${sql.lit(settled)} = 1 then 'undeliverable' else 'no_answer' end)`.as('state'),
    ])
    .groupBy(['m.organisation_id', 'm.traveller_id']);
  const rows = await db.selectFrom(people.as('s')).innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .select((eb) => ['o.id', 'o.name', 's.state', eb.fn.countAll<number | string>().as('n')])
    .groupBy(['o.id', 'o.name', 's.state']).execute();
  const byOrganisation = Map.groupBy(rows, (r) => Number(r.id));
  return [...byOrganisation.entries()]
    .map(([id, list]) => ({ organisationId: id, organisation: list[0]!.name, counts: tally(list.map((r) => ({ state: r.state, n: Number(r.n) }))) }))
    .sort((a, b) => b.counts.needHelp - a.counts.needHelp || a.organisation.localeCompare(b.organisation));
}
