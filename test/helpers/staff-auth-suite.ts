import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import type { Engine } from '../../src/store/connect.ts';
import type { AuditLogTable } from '../../src/store/schema.ts';
import { createTestStore, type TestStore } from './databases.ts';
import { addStaff, addTeam, apiCall, consoleSignIn, type ConsoleSession, type TestStaff } from './editorial-setup.ts';
import { importBundled } from './seed.ts';

export type Who = 'anonymous' | 'editor' | 'reviewer' | 'admin' | 'crisis' | 'consular';

export interface StaffAuthSuite {
  store: TestStore;
  app: FastifyInstance;
  team: Awaited<ReturnType<typeof addTeam>> & { consular: TestStaff };
  call: ReturnType<typeof apiCall>;
  /** A signed-in console session per role (null for anonymous). */
  sessions: Map<Who, ConsoleSession | null>;
  /** A German draft that the editor, the reviewer and the admin have all written some of. */
  draftId: number;
  tokenOf(who: Who): string | null;
  audit(action: string): Promise<Selectable<AuditLogTable>[]>;
}

/**
 * For a describe block of the staff authorisation suites (test/integration/staff-*.test.ts): the
 * bundled advisories, a team with every role signed in to the console, and a draft to act on.
 * Read the fields inside tests, once they are set.
 */
export function staffAuthSuite(engine: Engine): StaffAuthSuite {
  const t = { sessions: new Map() } as StaffAuthSuite;
  beforeAll(async () => {
    t.store = await createTestStore(engine);
    await importBundled(t.store.db);
    t.team = { ...(await addTeam(t.store)), consular: await addStaff(t.store, 'consular@example.org', 'consular') };
    t.app = await buildApp({ store: t.store, config: { publicUrl: 'http://waypost.test' } });
    t.call = apiCall(t.app);
    t.sessions.set('anonymous', null);
    for (const who of ['editor', 'reviewer', 'admin', 'crisis', 'consular'] as const) t.sessions.set(who, await consoleSignIn(t.app, `${who}@example.org`));
    const created = await t.call('POST', '/api/v1/advisories/DE/drafts', t.team.editor.token, { summary: 'Written by the editor.' });
    t.draftId = created.json().id;
    // Everyone who may edit wrote some of it, so the role matrix is about roles; the contributor
    // rules (who may submit and approve) have their own matrix in editorial-contributors.test.ts.
    for (const who of ['reviewer', 'admin'] as const) {
      await t.call('PATCH', `/api/v1/drafts/${t.draftId}`, t.team[who].token, { summary: `Written by the ${who}.` }, { 'if-match': '*' });
    }
  });
  afterAll(async () => {
    await t.app?.close();
    await t.store?.close();
  });
  t.tokenOf = (who) => (who === 'anonymous' ? null : t.team[who].token);
  t.audit = (action) => t.store.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
  return t;
}
