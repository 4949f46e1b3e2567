import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { smtpTransport, type MailTransport } from '../../src/mail/transport.ts';
import { NotifyWorker } from '../../src/notify/worker.ts';
import { currentAdvisory } from '../../src/publishing/revisions.ts';
import { sourceNamed } from '../../src/sources/sync/registry.ts';
import { startSyncLoop } from '../../src/sources/sync/scheduler.ts';
import { syncSource } from '../../src/sources/sync/sync.ts';
import { FRANCE, KENYA, rssFeed } from '../fixtures/us-state-dept/feed.ts';
import { waypost } from '../helpers/cli.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.ts';
import { addTraveller, addTrip } from '../helpers/notify.ts';
import { importBundled } from '../helpers/seed.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { addStaff } from '../helpers/editorial-setup.ts';

const CLI = new URL('../../bin/waypost.js', import.meta.url).pathname;
const run = promisify(execFile);
const source = sourceNamed('us-state-dept');
/** Small and quick: a short timeout, two retries 10 ms apart, a 256 KB cap. */
const FETCH = { timeoutMs: 400, retries: 2, backoffMs: 10, maxBytes: 256 * 1024 };

describe.each(ENGINES)('waypost sync us-state-dept on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let feed: FeedServer;
  let smtp: TestSmtpServer;
  let mail: MailTransport;
  let token: string;
  const sync = () => syncSource(store.db, source, { url: feed.url, fetch: FETCH });
  const worker = () => new NotifyWorker({ store, config: { publicUrl: 'https://advice.example.org', secret: 'sync-secret-0123456789' }, mail });

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'waypost-sync-'));
    store = await createTestStore(engine, engine === 'sqlite' ? { file: join(dir, 'waypost.db') } : {});
    await importBundled(store.db);
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
    feed = await startFeedServer();
    smtp = await startSmtpServer();
    mail = smtpTransport(smtp.url);
    token = (await addStaff(store, 'editor@example.org', 'editor')).token;
    const traveller = await addTraveller(store.db, 'in-france@example.org');
    await addTrip(store.db, traveller.id, 'FR', { start: '2026-01-01', end: null });
  });
  afterAll(async () => {
    await mail?.close();
    await smtp?.close();
    await feed?.close();
    await app?.close();
    await store?.close();
  });

  it('imports a raised level: a traveller with a trip there gets one e-mail', async () => {
    feed.answer = { kind: 'feed', body: rssFeed([FRANCE.level3, KENYA]), etag: '"v1"' };
    const result = await sync();
    // Kenya's indicators differ from the bundled feed's too: also major, but no one has a trip there.
    expect(result).toMatchObject({ outcome: 'imported', httpStatus: 200, report: { updated: 2, events: 2 } });
    expect(result.report!.decisions.map((d) => [d.code, d.changeType])).toEqual([['FR', 'major'], ['KE', 'major']]);
    expect((await currentAdvisory(store.db, 'FR'))?.level).toBe(3);
    await worker().drain();
    expect(smtp.received.map((m) => m.to[0])).toEqual(['in-france@example.org']);
    expect(smtp.received[0]!.subject).toMatch(/^France: level raised to 3 \(Reconsider Travel\)/);
  });

  it('asks again with the ETag and does nothing on 304', async () => {
    const result = await sync();
    expect(result).toEqual({ outcome: 'not-modified', httpStatus: 304 });
    expect(feed.requests.at(-1)).toEqual({ ifNoneMatch: '"v1"', ifModifiedSince: 'Wed, 19 Nov 2025 10:00:00 GMT' });
  });

  it('imports reworded text as a minor change that e-mails nobody', async () => {
    feed.answer = { kind: 'feed', body: rssFeed([FRANCE.reworded, KENYA]), etag: '"v2"' };
    const events = Number((await store.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await sync()).toMatchObject({ outcome: 'imported', report: { updated: 1, unchanged: 1, events: 0 } });
    expect(Number((await store.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(events);
    await worker().drain();
    expect(smtp.received).toHaveLength(1);
  });

  it.each([
    ['a 500, after retrying with backoff', { kind: 'status', status: 500 } as const, 500, /answered HTTP 500 \(3 attempts\)/, 3],
    ['a 404, without retrying', { kind: 'status', status: 404 } as const, 404, /answered HTTP 404$/, 1],
    ['silence past the timeout', { kind: 'silence' } as const, null, /did not answer within 0.4 s \(3 attempts\)/, 3],
    ['a bot-challenge page', { kind: 'html', body: '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>' } as const, 200, /HTML page, not the State Department feed/, 1],
    ['a truncated body, after retrying', { kind: 'truncated', body: rssFeed([{ ...FRANCE.level2, date: '2026-01-01' }]).slice(0, 600) } as const, 200, /(?:truncated|cut off).*\(3 attempts\)/, 3],
    ['a body past the size cap', { kind: 'endless' } as const, 200, /sent more than 0.3 MB/, 1],
  ])('logs %s as failed and changes nothing', async (_name, answer, status, message, attempts) => {
    const revisions = Number((await store.db.selectFrom('advisory_revisions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const requests = feed.requests.length;
    feed.answer = answer;
    const result = await sync();
    expect(result.outcome).toBe('failed');
    expect(result.httpStatus).toBe(status);
    expect(result.error).toMatch(message);
    expect(feed.requests.length - requests).toBe(attempts);
    expect(Number((await store.db.selectFrom('advisory_revisions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(revisions);
  }, 15_000);

  it('the serve scheduler syncs at once, then waits its interval, and logs its runs as its own', async () => {
    feed.answer = { kind: 'feed', body: rssFeed([FRANCE.reworded, KENYA]), etag: '"v2"' };
    const requests = feed.requests.length;
    const done: string[] = [];
    const loop = startSyncLoop(store.db, { sources: [{ source, url: feed.url }], everyMs: 3_600_000 }, {
      done: (_scheduled, result) => done.push(result.outcome),
      error: (message) => done.push(message),
    });
    while (done.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await loop.stop();
    expect(done).toEqual(['not-modified']);
    expect(feed.requests.length - requests).toBe(1);
    const [last] = await store.db.selectFrom('source_syncs').select(['trigger', 'outcome']).orderBy('id', 'desc').limit(1).execute();
    expect(last).toEqual({ trigger: 'scheduler', outcome: 'not-modified' });
  });

  it('shows the sync log to staff at GET /api/v1/sources, newest first, and to no one else', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/sources' })).statusCode).toBe(401);
    const response = await app.inject({ method: 'GET', url: '/api/v1/sources?limit=20', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const [state] = response.json() as { name: string; syncs: { outcome: string; httpStatus: number | null; updated: number; events: number; error: string | null; trigger: string }[] }[];
    expect(state!.name).toBe('us-state-dept');
    expect(state!.syncs.map((s) => [s.outcome, s.httpStatus])).toEqual([
      ['not-modified', 304], ['failed', 200], ['failed', 200], ['failed', 200], ['failed', null], ['failed', 404], ['failed', 500],
      ['imported', 200], ['not-modified', 304], ['imported', 200],
    ]);
    expect(state!.syncs.at(-1)).toMatchObject({ trigger: 'sync', updated: 2, events: 2, error: null });
    expect((await app.inject({ method: 'GET', url: '/api/v1/sources?limit=0', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(400);
  });

  it('runs from the command line: sync once, and a dry run that prints every decision as JSON', async () => {
    feed.answer = { kind: 'feed', body: rssFeed([{ ...FRANCE.level2, date: '2026-02-01' }, KENYA]), etag: '"v3"' };
    const env = { ...process.env, DATABASE_URL: store.url };
    const { stdout } = await run(process.execPath, [CLI, 'sync', 'us-state-dept', '--url', feed.url], { env, timeout: 60_000 });
    expect(stdout).toMatch(/us-state-dept: HTTP 200, 2 items: 0 created, 1 updated, 1 unchanged, 0 skipped as older, 0 merged, 0 unmapped; 1 notification event\(s\)/);

    const file = join(mkdtempSync(join(tmpdir(), 'waypost-dry-')), 'older.xml');
    writeFileSync(file, rssFeed([FRANCE.level3]));
    const dry = await run(process.execPath, [CLI, 'import', 'us-state-dept', file, '--dry-run', '--json'], { env, timeout: 60_000 });
    const report = JSON.parse(dry.stdout) as { dryRun: boolean; decisions: { decision: string; detail: string }[] };
    expect(report.dryRun).toBe(true);
    expect(report.decisions).toEqual([expect.objectContaining({ decision: 'skipped-older', detail: expect.stringMatching(/^older than current \(2025-11-10/) })]);
    expect((await currentAdvisory(store.db, 'FR'))?.level).toBe(2);

    feed.answer = { kind: 'status', status: 404 };
    const failed = await run(process.execPath, [CLI, 'sync', 'us-state-dept', '--url', feed.url], { env, timeout: 60_000 }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failed && failed.code).toBe(1);
    expect((failed as { stderr: string }).stderr.trim().split('\n')).toEqual([`waypost: ${feed.url} answered HTTP 404`]);
  }, 60_000);

  it('imports a new item for a destination that had no advisory: created, and logged as such', async () => {
    const monaco = { title: 'Monaco', tag: 'MN', level: 1, date: '2026-03-01', html: '<p>Exercise normal precautions in Monaco.</p>' } as const;
    expect(await currentAdvisory(store.db, 'MC')).toBeUndefined();
    feed.answer = { kind: 'feed', body: rssFeed([{ ...FRANCE.level2, date: '2026-02-01' }, KENYA, monaco]), etag: '"v4"' };
    const result = await sync();
    expect(result).toMatchObject({ outcome: 'imported', httpStatus: 200, report: { created: 1, updated: 0, unchanged: 2 } });
    expect(result.report!.decisions.find((d) => d.code === 'MC')).toMatchObject({ decision: 'created', changeType: 'major' });
    expect(await currentAdvisory(store.db, 'MC')).toMatchObject({ level: 1, summary: expect.stringContaining('Monaco') });
    const [last] = await store.db.selectFrom('source_syncs').select(['outcome', 'created']).orderBy('id', 'desc').limit(1).execute();
    expect(last).toEqual({ outcome: 'imported', created: 1 });
  });
});

describe('waypost sync arguments', () => {
  it('refuses a --url that is not http(s) with a message saying so (it exited 1 silently)', async () => {
    const databaseUrl = `sqlite:${join(mkdtempSync(join(tmpdir(), 'waypost-sync-url-')), 'waypost.db')}`;
    const result = await waypost(['sync', 'us-state-dept', '--url', 'ftp://feeds.example/advisories.xml'], databaseUrl);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--url must be an http\(s\) URL/);
  }, 60_000);
});
