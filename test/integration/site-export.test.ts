import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { exportSite, type ExportReport } from '../../src/site/export.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { nginxAvailable, startNginx } from '../helpers/nginx.ts';
import { importBundled } from '../helpers/seed.ts';

const PUBLIC_URL = 'http://waypost.test';
/** A whole export (every page in English and in French) takes longer than a test's default 30 s on a loaded machine. */
const EXPORT_TIMEOUT = 120_000;

/** A GET that keeps the body as sent (fetch would decompress it). */
function rawGet(url: string, acceptEncoding: string): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
const BIN = new URL('../../bin/waypost.js', import.meta.url).pathname;

/** The <main> element: the page's own content, without the shared header and footer. */
const mainOf = (page: string) => page.slice(page.indexOf('<main'), page.indexOf('</main>'));

describe.skipIf(!nginxAvailable()).each(ENGINES)('static export served by nginx on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;
  let out: string;
  let report: ExportReport;
  let nginx: { url: string; stop: () => void };

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    app = await buildApp({ store, config: { publicUrl: PUBLIC_URL } });
    out = mkdtempSync(join(tmpdir(), 'waypost-export-'));
    // mkdtemp makes a private folder; nginx's workers (another user) must be able to read it.
    chmodSync(out, 0o755);
    report = await exportSite(store, { out, base: '/', publicUrl: PUBLIC_URL });
    nginx = await startNginx(`    root ${out};\n    error_page 404 /404.html;\n    location /fr/ { error_page 404 /fr/404.html; }`);
  });
  afterAll(async () => {
    nginx?.stop();
    await app?.close();
    await store?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const live = async (path: string) => (await app.inject({ method: 'GET', url: path })).body;
  const served = async (path: string) => {
    const response = await fetch(`${nginx.url}${path}`, { redirect: 'manual' });
    return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
  };

  it('writes every page, feed, export and JSON file', async () => {
    const advised = JSON.parse(await live('/api/v1/advisories')).length;
    expect(advised).toBeGreaterThan(200);
    expect(report.advisories).toBe(advised);
    expect(report.files).toBeGreaterThan(249 + advised * 4);
    for (const file of [
      'index.html', '404.html', 'destinations/index.html', 'destinations/russia/index.html', 'destinations/russia/revisions/1/index.html',
      'destinations/antarctica/index.html', 'levels/4/index.html', 'indicators/d/index.html', 'search/index.html', 'data/index.html',
      'feeds/advisories.rss', 'feeds/advisories.atom', 'feeds/advisories/RU.atom', 'exports/advisories.geojson', 'exports/advisories.csv',
      'api/v1/destinations.json', 'api/v1/advisories.json', 'api/v1/advisories/RU.json', 'api/v1/advisories/RU/revisions.json',
    ]) expect(existsSync(join(out, file)), file).toBe(true);
  });

  it.each(['/', '/destinations/russia/', '/levels/4/', '/indicators/d/', '/destinations/', '/search/', '/compare/'])(
    'serves %s from nginx with the same content as the live server', async (path) => {
      const page = await served(path);
      expect(page.status).toBe(200);
      expect(page.type).toBe('text/html; charset=utf-8');
      // The only differences allowed: a static host needs ".json" to serve JSON as JSON, and has
      // no server to sign in to.
      const liveOnly = /<p class="live-only">[\s\S]*?<\/p>\n?/g;
      expect(mainOf(page.body).replaceAll('.json"', '"')).toBe(mainOf(await live(path)).replace(liveOnly, ''));
      expect(mainOf(page.body).length).toBeGreaterThan(1000);
    });

  it('leaves no internal link of the home, Russia and list pages dangling', async () => {
    const links = new Set<string>();
    for (const path of ['/', '/destinations/russia/', '/levels/4/', '/data/', '/compare/']) {
      for (const [, href] of (await served(path)).body.matchAll(/(?:href|src)="(\/[^"#?]*)/g)) links.add(href!);
    }
    expect(links.size).toBeGreaterThan(200);
    const broken: string[] = [];
    for (const link of links) {
      const { status } = await served(link);
      if (status !== 200) broken.push(`${link} ${status}`);
    }
    expect(broken).toEqual([]);
  });

  it('writes the French site under /fr/: every page in French, its links staying under /fr/, a language menu between the two', async () => {
    const french = await served('/fr/destinations/russia/');
    expect(french.status).toBe(200);
    expect(french.body).toContain('<html lang="fr">');
    expect(french.body).toContain('<h1>Russie</h1>');
    expect(french.body).toContain('<a href="/destinations/russia/" lang="en" hreflang="en">English</a>');
    expect((await served('/destinations/russia/')).body).toContain('<a href="/fr/destinations/russia/" lang="fr" hreflang="fr">Français</a>');
    const pageLinks = new Set<string>();
    for (const path of ['/fr/', '/fr/destinations/russia/', '/fr/levels/4/', '/fr/data/', '/fr/compare/', '/fr/search/', '/fr/alerts/']) {
      const page = await served(path);
      expect(page.status, path).toBe(200);
      expect(page.body, path).toContain('<html lang="fr">');
      for (const [, href] of page.body.matchAll(/<a href="(\/[^"#?]*)"(?! lang="en")/g)) pageLinks.add(href!);
    }
    // Links to pages stay in French; assets, feeds, exports and JSON are shared at the root.
    const shared = /^\/(assets|feeds|exports|api|identity)\//;
    expect([...pageLinks].filter((href) => !href.startsWith('/fr/') && !shared.test(href))).toEqual([]);
    const broken: string[] = [];
    for (const link of pageLinks) {
      const { status } = await served(link);
      if (status !== 200) broken.push(`${link} ${status}`);
    }
    expect(broken).toEqual([]);
    expect(readFileSync(join(out, 'fr/destinations/russia/revisions/1/index.html'), 'utf8')).toContain('<html lang="fr">');
    const missing = await served('/fr/destinations/atlantis/');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<html lang="fr">');
  });

  it('exports /compare/ with the map of the highest level any government gives', async () => {
    const compare = (await served('/compare/')).body;
    expect(compare).toContain('<h2 id="map-title">The highest level any government gives</h2>');
    expect(compare).toMatch(/<svg class="world-map"[\s\S]*href="\/destinations\/russia\/#peers-title"/);
  });

  it('serves the JSON, feeds and exports byte for byte as the live server does, with their types', async () => {
    const pairs: [string, string, string][] = [
      ['/api/v1/advisories/RU.json', '/api/v1/advisories/RU', 'application/json'],
      ['/api/v1/destinations.json', '/api/v1/destinations', 'application/json'],
      ['/feeds/advisories.atom', '/feeds/advisories.atom', 'application/atom+xml'],
      ['/feeds/advisories.rss', '/feeds/advisories.rss', 'application/rss+xml'],
      ['/feeds/advisories/RU.atom', '/feeds/advisories/RU.atom', 'application/atom+xml'],
      ['/exports/advisories.geojson', '/exports/advisories.geojson', 'application/geo+json'],
      ['/exports/advisories.csv', '/exports/advisories.csv', 'text/csv'],
    ];
    for (const [file, route, type] of pairs) {
      const response = await served(file);
      expect(response.status, file).toBe(200);
      expect(response.type, file).toBe(`${type}; charset=utf-8`);
      expect(response.body, file).toBe(await live(route));
    }
  });

  it('answers unknown paths with the exported 404 page', async () => {
    const response = await served('/destinations/atlantis/');
    expect(response.status).toBe(404);
    expect(response.body).toContain('<h1>Page not found</h1>');
    expect(response.body).toMatch(/<form class="search" role="search" aria-label="Search for a destination" action="\/search\/"/);
  });

  it('roots every link at --base-url and makes feed links absolute', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'waypost-export-base-'));
    try {
      await exportSite(store, { out: elsewhere, base: '/advice/', publicUrl: 'https://travel.example.org' });
      const home = readFileSync(join(elsewhere, 'index.html'), 'utf8');
      const hrefs = [...home.matchAll(/(?:href|src)="([^"#]*)"/g)].map(([, href]) => href!);
      expect(hrefs.filter((href) => href.startsWith('/') && !href.startsWith('/advice/'))).toEqual([]);
      expect(home).toContain('href="/advice/destinations/russia/"');
      const atom = readFileSync(join(elsewhere, 'feeds/advisories.atom'), 'utf8');
      expect(atom).toContain('<link rel="self" href="https://travel.example.org/advice/feeds/advisories.atom"/>');
      expect(atom).toContain('<link rel="alternate" href="https://travel.example.org/advice/"/>');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, EXPORT_TIMEOUT);

  it('with gzip, writes .gz copies that nginx gzip_static serves as the very bytes the live server sends', async () => {
    const zipped = mkdtempSync(join(tmpdir(), 'waypost-export-gz-'));
    chmodSync(zipped, 0o755);
    const gzipNginx = await startNginx(`    root ${zipped};\n    gzip_static on;\n    error_page 404 /404.html;`);
    try {
      const written = await exportSite(store, { out: zipped, base: '/', publicUrl: PUBLIC_URL, gzip: true });
      expect(written.gzipped.files).toBeGreaterThan(written.advisories * 3);
      expect(existsSync(join(zipped, 'api/v1/advisories.json.gz'))).toBe(true);
      for (const [file, route] of [['/api/v1/advisories.json', '/api/v1/advisories'], ['/api/v1/advisories/RU.json', '/api/v1/advisories/RU'], ['/feeds/advisories.atom', '/feeds/advisories.atom']]) {
        const fromNginx = await rawGet(`${gzipNginx.url}${file}`, 'gzip');
        const fromLive = await app.inject({ method: 'GET', url: route, headers: { 'accept-encoding': 'gzip' } });
        expect(fromNginx.encoding, file).toBe('gzip');
        expect(fromLive.headers['content-encoding'], route).toBe('gzip');
        expect(fromNginx.body.equals(fromLive.rawPayload), file).toBe(true);
      }
      const home = await rawGet(`${gzipNginx.url}/`, 'gzip');
      expect(home.encoding).toBe('gzip');
      expect(gunzipSync(home.body).equals(readFileSync(join(zipped, 'index.html')))).toBe(true);
    } finally {
      gzipNginx.stop();
      rmSync(zipped, { recursive: true, force: true });
    }
  }, EXPORT_TIMEOUT);

  it('refuses to write into a folder that holds something other than an earlier export', async () => {
    const foreign = mkdtempSync(join(tmpdir(), 'waypost-foreign-'));
    writeFileSync(join(foreign, 'thesis.docx'), 'precious');
    try {
      await expect(exportSite(store, { out: foreign, base: '/', publicUrl: PUBLIC_URL })).rejects.toThrow(/not empty/);
      expect(readFileSync(join(foreign, 'thesis.docx'), 'utf8')).toBe('precious');
    } finally {
      rmSync(foreign, { recursive: true, force: true });
    }
  });
});

describe.each(ENGINES)('waypost export-site on %s', (engine) => {
  let store: TestStore;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'waypost-cli-export-'));
    store = await createTestStore(engine, engine === 'sqlite' ? { file: join(folder, 'waypost.db') } : {});
    await importBundled(store.db);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes the site and says how much it wrote', async () => {
    const out = join(folder, 'site');
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'export-site', '--out', out, '--base-url', '/', '--gzip'], {
      env: { ...process.env, DATABASE_URL: store.url, PUBLIC_URL: 'https://travel.example.org' },
    });
    expect(stdout).toMatch(/^wrote \d+ files \([\d.]+ MB\) to .+ in [\d.]+ s$/m);
    expect(stdout).toMatch(/^and \d+ \.gz copies \([\d.]+ MB\) for gzip_static$/m);
    expect(gunzipSync(readFileSync(join(out, 'index.html.gz'))).equals(readFileSync(join(out, 'index.html')))).toBe(true);
    expect(readFileSync(join(out, 'destinations/russia/index.html'), 'utf8')).toContain('Level 4: Do Not Travel');
    expect(readFileSync(join(out, 'feeds/advisories.atom'), 'utf8')).toContain('<link rel="self" href="https://travel.example.org/feeds/advisories.atom"/>');
  }, EXPORT_TIMEOUT);
});
