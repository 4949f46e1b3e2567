import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceNamed } from '../../src/sources/sync/registry.ts';
import { syncSource } from '../../src/sources/sync/sync.ts';
import { FRANCE, KENYA, rssFeed } from '../fixtures/us-state-dept/feed.ts';
import { ENGINES } from '../helpers/databases.ts';
import { consoleGet, consoleSignIn, editorialSuite, type ConsoleSession } from '../helpers/editorial-setup.ts';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.ts';
import { travellerSignIn } from '../helpers/traveller.ts';

const ROLES = ['editor', 'reviewer', 'admin', 'crisis'] as const;

/** The console's Sources page (issue 12): the sync log of each source, as `GET /api/v1/sources` gives it. */
describe.each(ENGINES)('the console Sources page on %s', (engine) => {
  const suite = editorialSuite(engine);
  const sessions = new Map<(typeof ROLES)[number], ConsoleSession>();
  let feed: FeedServer;
  const sync = () => syncSource(suite.store.db, sourceNamed('us-state-dept'), { url: feed.url, fetch: { timeoutMs: 400, retries: 0, backoffMs: 10, maxBytes: 256 * 1024 } });
  const sources = (who: (typeof ROLES)[number] = 'editor') => consoleGet(suite.app, sessions.get(who)!, '/console/sources');

  beforeAll(async () => {
    for (const role of ROLES) sessions.set(role, await consoleSignIn(suite.app, `${role}@example.org`));
    feed = await startFeedServer();
  });
  afterAll(async () => {
    await feed?.close();
  });

  it('says how to start syncing when nothing has synced yet', async () => {
    const page = await sources();
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<p class="empty">No sync has run yet. Run <code>waypost sync us-state-dept</code> or set <code>SYNC_US_STATE_DEPT_URL</code>.</p>');
    expect(page.body).not.toContain('<table');
  });

  it('lists the last syncs newest first: time, how, HTTP status, counts and errors', async () => {
    feed.answer = { kind: 'feed', body: rssFeed([FRANCE.level3, KENYA]), etag: '"v1"' };
    expect(await sync()).toMatchObject({ outcome: 'imported', report: { updated: 2, events: 2 } });
    feed.answer = { kind: 'status', status: 404 };
    expect(await sync()).toMatchObject({ outcome: 'failed' });
    feed.answer = { kind: 'feed', body: rssFeed([FRANCE.level3, KENYA]), etag: '"v1"' };
    expect(await sync()).toMatchObject({ outcome: 'not-modified' });

    const page = await sources();
    expect(page.body).not.toContain('No sync has run yet. Run <code>waypost sync us-state-dept</code>');
    // The other sources have not run: each says how to start it.
    expect(page.body).toContain('No sync has run yet. Run <code>waypost sync uk-fcdo</code> or set <code>SYNC_UK_FCDO_URL</code>.');
    const rows = [...page.body.matchAll(/<tr class="sync-([a-z-]+)">([\s\S]*?)<\/tr>/g)].map(([, outcome, cells]) => ({
      outcome,
      cells: [...cells!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').trim()),
    }));
    const [notModified, failed, imported] = rows;
    expect(rows.map((r) => r.outcome)).toEqual(['not-modified', 'failed', 'imported']);
    // [started, how, from, HTTP, outcome, created, updated, unchanged, skipped, merged, unmapped, notified, error]
    expect(imported!.cells.slice(1)).toEqual(['sync', feed.url, '200', 'imported', '0', '2', '0', '0', '0', '0', '2', '']);
    expect(failed!.cells.slice(1)).toEqual(['sync', feed.url, '404', 'failed', '—', '—', '—', '—', '—', '—', '—', `${feed.url} answered HTTP 404`]);
    expect(notModified!.cells.slice(3, 5)).toEqual(['304', 'not modified (304)']);
    expect(imported!.cells[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    // The same entries as the staff API's.
    const api = await suite.call('GET', '/api/v1/sources', suite.team.editor.token);
    expect(api.json()[0].syncs.map((s: { outcome: string }) => s.outcome)).toEqual(rows.map((r) => r.outcome));
  });

  it('is for staff only, every role that may read the API\'s log, and linked from their navigation', async () => {
    for (const role of ROLES) {
      expect((await sources(role)).statusCode, role).toBe(200);
      expect((await consoleGet(suite.app, sessions.get(role)!, '/console')).body, role).toContain('<a href="/console/sources">Sources</a>');
    }
    const anonymous = await consoleGet(suite.app, null, '/console/sources');
    expect([anonymous.statusCode, anonymous.headers.location]).toEqual([303, '/console/sign-in?next=%2Fconsole%2Fsources']);
    // A traveller's account session is not a staff session.
    const traveller = await travellerSignIn(suite.app, suite.store, 'curious@example.org');
    const asTraveller = await suite.app.inject({ method: 'GET', url: '/console/sources', headers: { cookie: traveller.cookie } });
    expect([asTraveller.statusCode, asTraveller.headers.location]).toEqual([303, '/console/sign-in?next=%2Fconsole%2Fsources']);
    expect((await suite.call('GET', '/api/v1/sources', null)).statusCode).toBe(401);
  });
});
