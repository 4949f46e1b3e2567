import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.ts';
import * as m001 from '../../src/store/migrations/001-advisories.ts';
import * as m002 from '../../src/store/migrations/002-editorial.ts';
import * as m003 from '../../src/store/migrations/003-outbox.ts';
import * as m004 from '../../src/store/migrations/004-enrolment.ts';
import * as m005 from '../../src/store/migrations/005-notify.ts';
import * as m006 from '../../src/store/migrations/006-alerts.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { migrateOnly } from '../helpers/migrations.ts';

/** Migration 009-security on a database that already holds what failed sign-ins used to keep. */
describe.each(ENGINES)('migration 009-security on %s', (engine) => {
  const stores: TestStore[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
  });

  it('drops typed addresses from lock-out counters and scrubs audit entries that name no account', async () => {
    const store = await createTestStore(engine, { migrated: false });
    stores.push(store);
    const before = { '001-advisories': m001, '002-editorial': m002, '003-outbox': m003, '004-enrolment': m004, '005-notify': m005, '006-alerts': m006 };
    await migrateOnly(store, engine, before);

    const at = '2026-03-01T10:00:00.000Z';
    const user = await sql<{ id: number }>`insert into users (email, name, role, password_hash, created_at, disabled)
      values ('known@example.org', 'Known', 'editor', 'x', ${at}, 0) returning id`.execute(store.db);
    const audit = (actorId: number | null, label: string, action: string, subject: string) =>
      sql`insert into audit_log (at, actor_id, actor_label, action, subject, detail) values (${at}, ${actorId}, ${label}, ${action}, ${subject}, '{}')`.execute(store.db);
    await audit(null, 'hunter2 secret', 'sign-in-failed', 'hunter2 secret');
    await audit(user.rows[0]!.id, 'known@example.org', 'sign-in-failed', 'known@example.org');
    await audit(null, 'known@example.org', 'sign-in-failed', 'known@example.org');
    await audit(user.rows[0]!.id, 'known@example.org', 'user-created', 'someone-else@example.org');
    await sql`insert into sign_in_failures (email, ip, at) values ('hunter2 secret', '192.0.2.1', ${at})`.execute(store.db);

    await migrate(store);
    const rows = await store.db.selectFrom('audit_log').select(['actor_label', 'action', 'subject']).orderBy('id').execute();
    expect(rows).toEqual([
      { actor_label: 'unknown account', action: 'sign-in-failed', subject: 'unknown account' },
      { actor_label: 'known@example.org', action: 'sign-in-failed', subject: 'known@example.org' },
      { actor_label: 'known@example.org', action: 'sign-in-failed', subject: 'known@example.org' },
      // Only failed sign-ins are touched.
      { actor_label: 'known@example.org', action: 'user-created', subject: 'someone-else@example.org' },
    ]);
    expect(await store.db.selectFrom('sign_in_failures').selectAll().execute()).toEqual([]);
    expect(await store.db.selectFrom('sign_in_refusals').selectAll().execute()).toEqual([]);
  });
});
