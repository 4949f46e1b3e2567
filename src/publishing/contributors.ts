import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

/** Someone who changed what a draft says (src/domain/draft-fields.ts CONTENT_FIELDS). */
export interface Contributor {
  id: number;
  email: string;
}

/** Records that `userId` changed the draft's content. Call inside the transaction of the save. */
export async function recordContributor(trx: Kysely<Database>, draftId: number, userId: number, at: Date): Promise<void> {
  const iso = at.toISOString();
  await trx
    .insertInto('draft_contributors')
    .values({ draft_id: draftId, user_id: userId, first_at: iso, last_at: iso })
    .onConflict((oc) => oc.columns(['draft_id', 'user_id']).doUpdateSet({ last_at: iso }))
    .execute();
}

/** Each draft's contributors, in the order they first changed it. */
export async function contributorsOf(db: Kysely<Database>, draftIds: readonly number[]): Promise<Map<number, Contributor[]>> {
  const byDraft = new Map<number, Contributor[]>(draftIds.map((id) => [id, []]));
  if (draftIds.length === 0) return byDraft;
  const rows = await db
    .selectFrom('draft_contributors as dc')
    .innerJoin('users as u', 'u.id', 'dc.user_id')
    .select(['dc.draft_id', 'u.id', 'u.email'])
    .where('dc.draft_id', 'in', [...draftIds])
    .orderBy('dc.first_at')
    .orderBy('u.id')
    .execute();
  for (const row of rows) byDraft.get(Number(row.draft_id))?.push({ id: Number(row.id), email: row.email });
  return byDraft;
}
