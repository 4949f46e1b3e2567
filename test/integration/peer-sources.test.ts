import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentAdvisory } from '../../src/publishing/revisions.ts';
import { currentPeerAdvice, peerHistory } from '../../src/sources/peers/store.ts';
import { recentSyncs } from '../../src/sources/sync/log.ts';
import { sourceNamed } from '../../src/sources/sync/registry.ts';
import { syncSource } from '../../src/sources/sync/sync.ts';
import { waypost } from '../helpers/cli.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';
import { startSiteServer, type SiteServer } from '../helpers/site-server.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const fixture = (path: string) => readFileSync(`${FIXTURES}${path}`, 'utf8');
const FETCH = { timeoutMs: 2000, retries: 0, backoffMs: 10, maxBytes: 1024 * 1024 };

/** The UK index, pointing at two country documents served beside it. */
function ukIndex(slugs: string[]): string {
  return JSON.stringify({ document_type: 'finder', title: 'Foreign travel advice', links: { children: slugs.map((slug) => ({ api_path: `/api/content/foreign-travel-advice/${slug}` })) } });
}

function withAlert(body: string, alert: string[], updated: string): string {
  const json = JSON.parse(body) as { public_updated_at: string; details: { alert_status: string[] } };
  json.details.alert_status = alert;
  json.public_updated_at = updated;
  return JSON.stringify(json);
}

describe.each(ENGINES)('other governments\' advice on %s', (engine) => {
  let store: TestStore;
  let site: SiteServer;
  const uk = sourceNamed('uk-fcdo');
  const canada = sourceNamed('canada');

  beforeAll(async () => {
    // A file, so that the CLI's own process reaches the same SQLite database.
    store = await createTestStore(engine, engine === 'sqlite' ? { file: join(mkdtempSync(join(tmpdir(), 'waypost-peers-')), 'waypost.db') } : {});
    await importBundled(store.db);
    site = await startSiteServer();
  });
  afterAll(async () => {
    await site?.close();
    await store?.close();
  });

  it('syncs the UK index and its country documents into peer_advice, never into our advisories', async () => {
    const before = await currentAdvisory(store.db, 'TR');
    site.pages.set('/api/content/foreign-travel-advice', { body: ukIndex(['turkey', 'albania']), etag: '"i1"' });
    site.pages.set('/api/content/foreign-travel-advice/turkey', { body: fixture('uk-fcdo/example-alt-country.json'), etag: '"t1"' });
    site.pages.set('/api/content/foreign-travel-advice/albania', { body: fixture('uk-fcdo/example-full-country.json'), etag: '"a1"' });
    const result = await syncSource(store.db, uk, { url: `${site.origin}/api/content/foreign-travel-advice`, fetch: FETCH });
    expect(result).toMatchObject({ outcome: 'imported', httpStatus: 200, report: { items: 2, created: 2 } });
    const stored = await currentPeerAdvice(store.db, { source: 'uk-fcdo' });
    expect(stored.map((s) => [s.code, s.level, s.regions.length])).toEqual([['AL', 1, 0], ['TR', 1, 6]]);
    expect(await currentAdvisory(store.db, 'TR')).toEqual(before);
  });

  it('asks for the index again with its ETag; unchanged, nothing else is fetched', async () => {
    const asked = site.requests.length;
    const result = await syncSource(store.db, uk, { url: `${site.origin}/api/content/foreign-travel-advice`, fetch: FETCH });
    expect(result).toEqual({ outcome: 'not-modified', httpStatus: 304 });
    expect(site.requests.slice(asked)).toEqual(['/api/content/foreign-travel-advice']);
  });

  it('keeps each version: a raised level is a new version, the old one stays in the history', async () => {
    site.pages.set('/api/content/foreign-travel-advice', { body: ukIndex(['turkey', 'albania']), etag: '"i2"' });
    site.pages.set('/api/content/foreign-travel-advice/albania', { body: withAlert(fixture('uk-fcdo/example-full-country.json'), ['avoid_all_but_essential_travel_to_whole_country'], '2026-09-01T10:00:00Z'), etag: '"a2"' });
    const result = await syncSource(store.db, uk, { url: `${site.origin}/api/content/foreign-travel-advice`, fetch: FETCH });
    expect(result.report).toMatchObject({ updated: 1, unchanged: 1 });
    expect((await peerHistory(store.db, 'uk-fcdo', 'AL')).map((v) => [v.version, v.level, v.nativeLabel])).toEqual([[2, 3, 'Advise against all but essential travel'], [1, 1, 'No travel warning']]);
  });

  it('never rolls back: an older document is skipped and reported', async () => {
    site.pages.set('/api/content/foreign-travel-advice', { body: ukIndex(['albania']), etag: '"i3"' });
    site.pages.set('/api/content/foreign-travel-advice/albania', { body: withAlert(fixture('uk-fcdo/example-full-country.json'), [], '2025-01-01T10:00:00Z'), etag: '"a3"' });
    const result = await syncSource(store.db, uk, { url: `${site.origin}/api/content/foreign-travel-advice`, fetch: FETCH });
    expect(result.report!.decisions).toEqual([expect.objectContaining({ decision: 'skipped-older', code: 'AL' })]);
    expect((await currentPeerAdvice(store.db, { source: 'uk-fcdo', code: 'AL' }))[0]!.level).toBe(3);
  });

  it('all or nothing: one country document failing fails the run, writes nothing and logs why', async () => {
    site.pages.set('/api/content/foreign-travel-advice', { body: ukIndex(['turkey', 'albania']), etag: '"i4"' });
    site.pages.set('/api/content/foreign-travel-advice/turkey', { body: withAlert(fixture('uk-fcdo/example-alt-country.json'), ['avoid_all_travel_to_whole_country'], '2026-10-01T00:00:00Z'), etag: '"t4"' });
    site.pages.set('/api/content/foreign-travel-advice/albania', { status: 500 });
    const result = await syncSource(store.db, uk, { url: `${site.origin}/api/content/foreign-travel-advice`, fetch: FETCH });
    expect(result).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/albania answered HTTP 500/) });
    expect((await currentPeerAdvice(store.db, { source: 'uk-fcdo', code: 'TR' }))[0]!.level).toBe(1);
    expect((await recentSyncs(store.db, { source: 'uk-fcdo', limit: 1 }))[0]).toMatchObject({ outcome: 'failed', trigger: 'sync' });
  });

  it('syncs Canada from its index to each cta-cap document', async () => {
    const index = JSON.stringify({ metadata: {}, data: { FR: { 'advisory-state': 1, eng: { name: 'France' } }, TT: { 'advisory-state': 1, eng: { name: 'Trinidad and Tobago' } } } });
    site.pages.set('/travel-voyage/index-alpha-eng.json', { body: index, etag: '"c1"' });
    site.pages.set('/travel-voyage/cta-cap-fr.json', { body: fixture('canada/cta-cap-fr-2026-10-05.json'), etag: '"f1"' });
    site.pages.set('/travel-voyage/cta-cap-tt.json', { body: fixture('canada/cta-cap-tt-2026-09-24.json'), etag: '"t1"' });
    const result = await syncSource(store.db, canada, { url: `${site.origin}/travel-voyage/index-alpha-eng.json`, fetch: FETCH });
    expect(result).toMatchObject({ outcome: 'imported', report: { created: 2 } });
    expect((await currentPeerAdvice(store.db, { source: 'canada', code: 'TT' }))[0]).toMatchObject({ level: 2, nativeLabel: 'Exercise a high degree of caution', regions: expect.arrayContaining([expect.objectContaining({ name: 'Laventille', level: 3 })]) });
  });

  it('waypost import canada <dir> reports each document, and a second run changes nothing', async () => {
    const first = await waypost(['import', 'canada', `${FIXTURES}canada`], store.url);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/12 items: 7 created, 0 updated, 2 unchanged/);
    expect(first.stdout).toMatch(/Azores: not imported — "PT-20" is a part of a country/);
    const second = await waypost(['import', 'canada', `${FIXTURES}canada`], store.url);
    expect(second.stdout).toMatch(/0 created, 0 updated, 9 unchanged/);
  });
});
