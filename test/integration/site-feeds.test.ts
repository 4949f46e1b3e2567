import { check } from '@placemarkio/check-geojson';
import { parseFeed } from '@rowanmanning/feed-parser';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import type { FeatureCollection, Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { appendRevision, currentAdvisory } from '../../src/publishing/revisions.ts';
import { STAMP_MAX_AGE_MS } from '../../src/site/site.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';

const PUBLIC_URL = 'http://waypost.test';

describe.each(ENGINES)('feeds and exports on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let advisories: { code: string; name: string; level: number; indicators: string[]; departureUrged: boolean; changeType: string }[];

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    app = await buildApp({ store, config: { publicUrl: PUBLIC_URL } });
    advisories = (await app.inject('/api/v1/advisories')).json();
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  /** Publishes a revision of `code` with a new level; minor changes must stay out of the feeds. */
  async function publish(code: string, level: 1 | 2 | 3 | 4, changeType: 'major' | 'minor', changeNote: string, publishedAt: string) {
    const current = (await currentAdvisory(store.db, code))!;
    await store.db.transaction().execute((trx) => appendRevision(trx, {
      code,
      content: { ...current, level },
      changeType, changeNote, publishedAt, reviewedAt: publishedAt, nextReviewDue: null, source: current.source,
    }));
  }

  it('publishes an Atom feed of major changes that a feed parser reads back', async () => {
    const response = await get('/feeds/advisories.atom');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseFeed(response.body);
    expect(feed.meta.type).toBe('atom');
    const majors = advisories.filter((a) => a.changeType === 'major').length;
    expect(feed.items).toHaveLength(Math.min(100, majors));
    const dates = feed.items.map((item) => item.published?.getTime() ?? item.updated!.getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    for (const item of feed.items) {
      expect(item.title).toMatch(/^.+: Level [1-4] – (Exercise Normal Precautions|Exercise Increased Caution|Reconsider Travel|Do Not Travel)$/);
      expect(item.url).toMatch(/^http:\/\/waypost\.test\/destinations\/[a-z0-9-]+\/$/);
      expect(item.description).toBeTruthy();
    }
  });

  it('publishes the same entries as RSS 2.0', async () => {
    const response = await get('/feeds/advisories.rss');
    expect(response.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const rss = parseFeed(response.body);
    const atom = parseFeed((await get('/feeds/advisories.atom')).body);
    expect(rss.meta.type).toBe('rss');
    expect(rss.items.map((item) => [item.title, item.url])).toEqual(atom.items.map((item) => [item.title, item.url]));
  });

  it('publishes a feed per destination, by alpha-2 or alpha-3 code', async () => {
    for (const code of ['RU', 'rus']) {
      const response = await get(`/feeds/advisories/${code}.atom`);
      expect(response.statusCode, code).toBe(200);
      const feed = parseFeed(response.body);
      expect(feed.title).toBe('Travel advisory: Russia');
      expect(feed.url).toBe('http://waypost.test/destinations/russia/');
    }
    const major = advisories.find((a) => a.changeType === 'major')!;
    const feed = parseFeed((await get(`/feeds/advisories/${major.code}.atom`)).body);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]!.title).toBe(`${major.name}: Level ${major.level} – ${['Exercise Normal Precautions', 'Exercise Increased Caution', 'Reconsider Travel', 'Do Not Travel'][major.level - 1]}`);
    expect(feed.items[0]!.content).toContain(`Level ${major.level}:`);
    const unknown = await get('/feeds/advisories/XX.atom');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('a destination\'s feed always holds its current revision: Russia\'s imported one, and a minor reissue after it', async () => {
    const feedIds = async () => parseFeed((await get('/feeds/advisories/RU.atom')).body).items.map((item) => item.id);
    const imported = (await currentAdvisory(store.db, 'RU'))!;
    expect(await feedIds()).toEqual([`http://waypost.test/destinations/russia/revisions/${imported.revision}/`]);
    // Reviewed without changes: a minor revision, the one that holds now.
    await store.db.transaction().execute((trx) => appendRevision(trx, {
      code: 'RU', content: imported, changeType: 'minor', changeNote: imported.changeNote, publishedAt: imported.publishedAt,
      reviewedAt: '2026-03-01T00:00:00Z', nextReviewDue: null, source: imported.source,
    }));
    await new Promise((resolve) => setTimeout(resolve, STAMP_MAX_AGE_MS + 50));
    const ids = await feedIds();
    expect(ids[0]).toBe(`http://waypost.test/destinations/russia/revisions/${imported.revision + 1}/`);
    expect(ids).toContain(`http://waypost.test/destinations/russia/revisions/${imported.revision}/`);
  });

  it('puts major changes first in the feeds, with change note and level; minor ones only as a destination\'s current revision', async () => {
    await publish('MX', 3, 'major', 'Raised to Level 3 after <unrest> & strikes.', '2026-02-01T12:00:00Z');
    await publish('MX', 3, 'minor', 'Fixed a typo.', '2026-02-02T12:00:00Z');
    // The server trusts its last look at the publication stamp this long.
    await new Promise((resolve) => setTimeout(resolve, STAMP_MAX_AGE_MS + 50));
    for (const url of ['/feeds/advisories.atom', '/feeds/advisories.rss']) {
      const feed = parseFeed((await get(url)).body);
      const [newest] = feed.items;
      expect(newest!.title, url).toBe('Mexico: Level 3 – Reconsider Travel');
      expect(newest!.description, url).toContain('Raised to Level 3 after <unrest> & strikes.');
      expect(feed.items.some((item) => item.description?.includes('Fixed a typo')), url).toBe(false);
    }
    const mexico = parseFeed((await get('/feeds/advisories/MX.atom')).body);
    expect(mexico.items.slice(0, 2).map((item) => item.description)).toEqual(['Fixed a typo.', 'Raised to Level 3 after <unrest> & strikes.']);
    // A minor revision before the current one stays out.
    await publish('MX', 3, 'minor', 'Fixed another typo.', '2026-02-03T12:00:00Z');
    await new Promise((resolve) => setTimeout(resolve, STAMP_MAX_AGE_MS + 50));
    const again = parseFeed((await get('/feeds/advisories/MX.atom')).body);
    expect(again.items.slice(0, 2).map((item) => item.description)).toEqual(['Fixed another typo.', 'Raised to Level 3 after <unrest> & strikes.']);
    expect(again.items.length).toBe(mexico.items.length);
  });

  it('exports every advised destination as valid GeoJSON', async () => {
    const response = await get('/exports/advisories.geojson');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    const collection = check(response.body) as FeatureCollection<Point | null>;
    expect(collection.features).toHaveLength(advisories.length);
    const russia = collection.features.find((f) => f.properties?.code === 'RU')!;
    expect(russia.properties).toMatchObject({ code: 'RU', iso3: 'RUS', name: 'Russia', level: 4, levelLabel: 'Do Not Travel', departureUrged: true });
    expect(russia.properties!.indicators).toContain('D');
    expect(russia.properties!.updated.slice(0, 10)).toBe('2025-05-08');
    const [lon, lat] = russia.geometry!.coordinates;
    expect(lon).toBeGreaterThan(30);
    expect(lat).toBeGreaterThan(50);
    const withPoints = collection.features.filter((f) => f.geometry).length;
    expect(withPoints).toBeGreaterThan(150);
  });

  it('exports a CSV that parses and round-trips', async () => {
    const response = await get('/exports/advisories.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'code', 'iso3', 'name', 'level', 'levelLabel', 'indicators', 'departureUrged', 'updated', 'url',
      'passportValidity', 'blankPages', 'visa', 'vaccinations', 'currencyImport', 'currencyExport', 'bankCardsWork', 'bankCardsNote', 'emergencyNumbers', 'entryExitNotes',
    ]);
    expect(rows).toHaveLength(advisories.length);
    expect(rows.find((row) => row.code === 'RU')).toMatchObject({
      iso3: 'RUS', name: 'Russia', level: '4', levelLabel: 'Do Not Travel', departureUrged: 'true', url: 'http://waypost.test/destinations/russia/',
    });
    expect(rows.find((row) => row.code === 'RU')!.indicators!.split(' ')).toContain('D');
    const again = stringify(rows, { header: true, columns: Object.keys(rows[0]!), record_delimiter: 'windows' });
    expect(again).toBe(response.body);
  });
});
