import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { createTestStore, type TestStore } from '../helpers/databases.ts';
import { travellerPost, travellerSignIn } from '../helpers/traveller.ts';

/**
 * A deleted traveller must not stay readable in the SQLite file (PRAGMA secure_delete), nor in its
 * write-ahead log, which holds earlier versions of the pages until a checkpoint empties it.
 * PostgreSQL keeps dead rows until VACUUM: docs/security.md says what an operator does there.
 */
describe('deleting a traveller on SQLite', () => {
  let dir: string;
  let store: TestStore;
  let app: FastifyInstance;
  const files = () => [join(dir, 'waypost.db'), join(dir, 'waypost.db-wal')].filter((file) => existsSync(file));
  const holding = (text: string) => files().filter((file) => readFileSync(file).includes(Buffer.from(text, 'utf8')));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'waypost-secure-delete-'));
    store = await createTestStore('sqlite', { file: join(dir, 'waypost.db') });
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves neither the database file nor its WAL holding their address after a checkpoint', async () => {
    const address = 'erase-me-7f3a9c@example.org';
    const session = await travellerSignIn(app, store, address);
    expect((await travellerPost(app, session, '/account/trips', { destination: 'Russia', start: '2099-05-01', end: '2099-05-20' })).statusCode).toBe(303);
    // Other people's rows share the pages: deletion must clear bytes inside pages, not only free whole pages.
    for (const other of ['stays-one@example.org', 'stays-two@example.org']) await travellerSignIn(app, store, other);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
    expect(holding(address), 'the address is on disk before deletion (else this test proves nothing)').not.toHaveLength(0);

    const deleted = await travellerPost(app, session, '/account/delete', { confirm: 'DELETE' });
    expect(deleted.statusCode).toBe(200);
    expect(holding(address), 'right after the deletion').toEqual([]);
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
    expect(holding(address), 'after a checkpoint').toEqual([]);
    expect(holding('stays-one@example.org')).not.toHaveLength(0);
  });
});
