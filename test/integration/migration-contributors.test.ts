import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillContributors } from '../../src/store/migrations/007-draft-contributors.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';
import { addTeam } from '../helpers/editorial-setup.ts';

describe.each(ENGINES)('migration 007 on %s', (engine) => {
  let store: TestStore;
  let team: Awaited<ReturnType<typeof addTeam>>;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    team = await addTeam(store);
  });
  afterAll(async () => {
    await store?.close();
  });

  /** A draft as it was before contributors were recorded. */
  async function draft(code: string, status: 'draft' | 'submitted' | 'published', authorId: number, updatedBy: number): Promise<number> {
    const at = '2026-01-01T00:00:00.000Z';
    const { id } = await store.db.insertInto('drafts').values({
      destination_code: code, status, level: 2, indicators: '[]', risks: '[]', regions: '[]', sections: '[]', departure_urged: 0, summary: '',
      change_type: 'major', change_note: 'x', next_review_due: null, base_revision: 1, version: 3, author_id: authorId, updated_by: updatedBy,
      submitted_by: null, approved_by: null, scheduled_by: null, published_by: null, comment: null, publish_at: null, published_revision: null,
      created_at: at, updated_at: at, published_at: null, approved_version: null, approved_digest: null,
    }).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  it('makes the author and last editor of each open draft its contributors, so the two-person rule holds across the upgrade', async () => {
    const submitted = await draft('AR', 'submitted', team.editor.user.id, team.reviewer.user.id);
    const alone = await draft('CL', 'draft', team.editor2.user.id, team.editor2.user.id);
    const published = await draft('PE', 'published', team.editor.user.id, team.editor.user.id);
    await backfillContributors(store.db as Kysely<unknown>);
    const rows = await store.db.selectFrom('draft_contributors').select(['draft_id', 'user_id']).orderBy('draft_id').orderBy('user_id').execute();
    expect(rows.map((r) => [Number(r.draft_id), Number(r.user_id)])).toEqual([
      [submitted, team.editor.user.id], [submitted, team.reviewer.user.id], [alone, team.editor2.user.id],
    ]);
    expect(rows.some((r) => Number(r.draft_id) === published)).toBe(false);
  });
});
