import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.ts';
import * as m001 from '../../src/store/migrations/001-advisories.ts';
import * as m002 from '../../src/store/migrations/002-editorial.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { migrateOnly } from '../helpers/migrations.ts';

/**
 * Migration 015-cases on a database with staff and their sessions: the role check that lists the
 * roles is widened (on SQLite by rebuilding `users`), and nothing that refers to a user is lost.
 */
describe.each(ENGINES)('migration 015-cases on %s', (engine) => {
  const stores: TestStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  it('admits the consular role, keeps every user and session and their links, and still refuses unknown roles', async () => {
    const store = await createTestStore(engine, { migrated: false });
    stores.push(store);
    const before = { '001-advisories': m001, '002-editorial': m002 };
    await migrateOnly(store, engine, before);
    const at = '2026-03-01T10:00:00.000Z';
    await expect(sql`insert into users (email, name, role, password_hash, created_at, disabled) values ('early@example.org', '', 'consular', 'x', ${at}, 0)`.execute(store.db)).rejects.toThrow();
    for (const [email, role] of [['ana@example.org', 'editor'], ['ben@example.org', 'admin']]) {
      await sql`insert into users (email, name, role, password_hash, created_at, disabled) values (${email}, 'N', ${role}, 'x', ${at}, 0)`.execute(store.db);
    }
    const ben = (await sql<{ id: number }>`select id from users where email = 'ben@example.org'`.execute(store.db)).rows[0]!.id;
    await sql`insert into sessions (id, user_id, csrf_token, created_at, expires_at) values ('s1', ${ben}, 'c', ${at}, ${at})`.execute(store.db);

    await migrate(store);
    expect(await store.db.selectFrom('users').select(['id', 'email', 'role']).orderBy('id').execute()).toEqual([
      { id: expect.any(Number), email: 'ana@example.org', role: 'editor' }, { id: ben, email: 'ben@example.org', role: 'admin' },
    ]);
    expect(await store.db.selectFrom('sessions').select(['id', 'user_id']).execute()).toEqual([{ id: 's1', user_id: ben }]);
    await store.db.insertInto('users').values({ email: 'consul@example.org', role: 'consular', password_hash: 'x', created_at: at }).execute();
    await expect(store.db.insertInto('users').values({ email: 'x@example.org', role: 'boss' as never, password_hash: 'x', created_at: at }).execute()).rejects.toThrow();
    await expect(store.db.insertInto('users').values({ email: 'ben@example.org', role: 'editor', password_hash: 'x', created_at: at }).execute()).rejects.toThrow();
    // Foreign keys still point at the rebuilt table: deleting a user still deletes their sessions.
    await store.db.deleteFrom('users').where('id', '=', ben).execute();
    expect(await store.db.selectFrom('sessions').select('id').execute()).toEqual([]);
    expect(await migrate(store)).toEqual([]);
  });
});
