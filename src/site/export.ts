import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildApp } from '../http/app.ts';
import { ASSETS } from '../http/assets/assets.ts';
import { COMPRESS_THRESHOLD } from '../http/compression.ts';
import { compressBody } from '../http/variants.ts';
import { INDICATORS } from '../domain/indicators.ts';
import { LEVELS } from '../domain/levels.ts';
import type { Store } from '../store/connect.ts';
import { comparisons } from '../sources/peers/comparison.ts';
import { compareDocument } from './compare-map.ts';
import { DEFAULT_LOCALE, LOCALES } from '../i18n/locales.ts';
import { inLocale, localeFolder, siteLinks } from './links.ts';
import { createSite, type Rendered, type Site } from './site.ts';
import type { SiteSnapshot } from './snapshot.ts';

export interface ExportOptions {
  /** Folder to write; created if missing. */
  out: string;
  /** Path or absolute URL the files will be served from ("/" or "/advisories/" or "https://cdn.example/"). */
  base: string;
  /** Absolute URL for feeds, exports and canonical links when `base` is only a path. */
  publicUrl: string;
  onProgress?: (done: number, total: number) => void;
  /** Also write `X.gz` beside every text file worth compressing, for nginx's `gzip_static on`. */
  gzip?: boolean;
}

export interface ExportReport {
  files: number;
  /** Destinations with an advisory: 0 means the database had nothing published. */
  advisories: number;
  bytes: number;
  /** With `gzip`: how many .gz copies were written, and their bytes (not counted in files and bytes). */
  gzipped: { files: number; bytes: number };
  milliseconds: number;
}

/** Marks a folder as written by us, so a new export may empty it; any other non-empty folder is left alone. */
const EXPORT_MARKER = '.waypost-export';

type Job = { file: string; content: () => Promise<Buffer | string> };

/**
 * Writes the whole public read side as static files: every page as `…/index.html` (so the
 * directory-style links work on any host that serves index files), in English at the root and in
 * French under `fr/` (docs/public-site.md "Languages"), 404.html in each, hashed assets,
 * feeds, exports, and the public JSON as `api/v1/…/X.json`. The pages come from the same Site
 * the server uses; the JSON from the live API routes themselves, so both match byte for byte.
 */
export async function exportSite(store: Store, options: ExportOptions): Promise<ExportReport> {
  const started = performance.now();
  await prepareFolder(options.out);
  const site = createSite(store, { location: { mode: 'static', base: options.base, publicUrl: options.publicUrl } });
  const api = await buildApp({ store, config: { publicUrl: options.publicUrl } });
  try {
    const snapshot = await site.snapshot();
    const page = (render: () => Promise<Rendered | null>) => async () => {
      const result = await render();
      if (!result) throw new Error('export: a feed is missing');
      const { status, body } = result;
      if (status !== 200) throw new Error(`export: a page answered ${status}`);
      return body;
    };
    const json = (url: string) => async () => {
      const response = await api.inject({ method: 'GET', url });
      if (response.statusCode !== 200) throw new Error(`export: ${url} answered ${response.statusCode}`);
      return response.rawPayload;
    };
    const alertIds = await publicAlertIds(store);
    const compareLinks = siteLinks({ mode: 'static', base: options.base, publicUrl: options.publicUrl });
    const jobs: Job[] = [
      // The pages in each language: English at the root, French under fr/ (its links stay there).
      ...LOCALES.flatMap((locale) => pageJobs(locale === DEFAULT_LOCALE ? site : site.in(locale), localeFolder(locale), {
        snapshot, alertIds, page,
        // Other governments' advice as imported at export time; a static host ignores ?sort and ?disagree.
        compare: async () => { const all = await comparisons(store.db); return compareDocument(all, all, inLocale(compareLinks, locale), { sort: 'name', disagree: null }); },
      })),
      ...ASSETS.map((asset) => ({ file: `assets/${asset.hashedName}`, content: async () => asset.body })),
      { file: 'feeds/advisories.rss', content: page(() => site.rss()) },
      { file: 'feeds/advisories.atom', content: page(() => site.atom()) },
      { file: 'exports/advisories.geojson', content: page(() => site.geojson()) },
      { file: 'exports/advisories.csv', content: page(() => site.csv()) },
      { file: 'feeds/alerts.atom', content: page(() => site.alertsAtom()) },
      { file: 'api/v1/destinations.json', content: json('/api/v1/destinations') },
      { file: 'api/v1/advisories.json', content: json('/api/v1/advisories') },
    ];
    if (snapshot.logo) {
      const logo = snapshot.logo;
      jobs.push({ file: `identity/logo-${logo.version}.${logo.type === 'image/png' ? 'png' : 'svg'}`, content: page(() => site.logo(logo.version)) });
    }
    for (const { destination, advisory } of snapshot.destinations) {
      if (!advisory) continue;
      const { code } = destination;
      jobs.push(
        { file: `feeds/advisories/${code}.atom`, content: page(() => site.destinationAtom(code)) },
        { file: `api/v1/advisories/${code}.json`, content: json(`/api/v1/advisories/${code}`) },
        { file: `api/v1/advisories/${code}/revisions.json`, content: json(`/api/v1/advisories/${code}/revisions`) },
      );
    }
    // Every public alert's CAP document (a static copy shows active alerts as of the export).
    for (const id of alertIds) jobs.push({ file: `feeds/alerts/${id}.cap`, content: page(() => site.alertCap(id)) });
    const written = await writeAll(options.out, jobs, options);
    return { ...written, advisories: snapshot.advised.length, milliseconds: Math.round(performance.now() - started) };
  } finally {
    await api.close();
  }
}

type Pages = ReturnType<Site['in']>;
interface PageSources {
  snapshot: SiteSnapshot;
  alertIds: readonly number[];
  page: (render: () => Promise<Rendered | null>) => () => Promise<Buffer | string>;
  compare: () => Promise<string>;
}

/** Every HTML page of one language, under its folder ("" or "fr/"): lists, destinations, revisions, alerts, 404. */
function pageJobs(pages: Pages, folder: string, { snapshot, alertIds, page, compare }: PageSources): Job[] {
  const jobs: Job[] = [
    { file: 'index.html', content: page(() => pages.home()) },
    { file: 'destinations/index.html', content: page(() => pages.destinationIndex()) },
    { file: 'search/index.html', content: page(() => pages.search(undefined)) },
    { file: 'data/index.html', content: page(() => pages.openData()) },
    { file: '404.html', content: async () => (await pages.notFound()).body },
    ...LEVELS.map((level) => ({ file: `levels/${level}/index.html`, content: page(() => pages.level(String(level))) })),
    ...INDICATORS.map((code) => ({ file: `indicators/${code.toLowerCase()}/index.html`, content: page(() => pages.indicator(code)) })),
    { file: 'alerts/index.html', content: page(() => pages.alertsIndex()) },
    { file: 'compare/index.html', content: compare },
    ...alertIds.map((id) => ({ file: `alerts/${id}/index.html`, content: page(() => pages.alert(id)) })),
  ];
  for (const { destination, advisory } of snapshot.destinations) {
    const { slug } = destination;
    jobs.push({ file: `destinations/${slug}/index.html`, content: page(() => pages.destination(slug)) });
    for (let n = 1; n <= (advisory?.revision ?? 0); n++) {
      jobs.push({ file: `destinations/${slug}/revisions/${n}/index.html`, content: page(() => pages.revision(slug, n)) });
    }
  }
  return jobs.map((job) => ({ ...job, file: `${folder}${job.file}` }));
}

async function publicAlertIds(store: Store): Promise<number[]> {
  const rows = await store.db.selectFrom('alerts').select('id').where('status', '=', 'Actual').orderBy('id').execute();
  return rows.map((row) => row.id);
}

/** Empties a folder we exported to before; refuses one holding anything else. */
async function prepareFolder(out: string): Promise<void> {
  const entries = await readdir(out).catch((error: NodeJS.ErrnoException): string[] => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length > 0 && !entries.includes(EXPORT_MARKER)) {
    throw new Error(`${out} is not empty and holds no earlier export; choose an empty or new folder`);
  }
  for (const entry of entries) await rm(join(out, entry), { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, EXPORT_MARKER), 'Written by waypost export-site; the next export empties this folder.\n');
}

/** What the live server would compress: text files (by extension) of at least COMPRESS_THRESHOLD bytes. */
const TEXT_FILE = /\.(?:html|json|geojson|atom|rss|cap|csv|css|js|xml)$/;

/** Renders and writes with a few jobs in flight: the database and the disk both like some overlap. */
async function writeAll(out: string, jobs: Job[], options: ExportOptions): Promise<Pick<ExportReport, 'files' | 'bytes' | 'gzipped'>> {
  let next = 0;
  let done = 0;
  let bytes = 0;
  const gzipped = { files: 0, bytes: 0 };
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const content = Buffer.from(await job.content());
      const path = join(out, job.file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
      bytes += content.length;
      // The same function and settings as the live server's gzip copies, so nginx sends the same bytes.
      if (options.gzip && TEXT_FILE.test(job.file) && content.length >= COMPRESS_THRESHOLD) {
        const compressed = await compressBody(content, 'gzip');
        await writeFile(`${path}.gz`, compressed);
        gzipped.files++;
        gzipped.bytes += compressed.length;
      }
      options.onProgress?.(++done, jobs.length);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { files: jobs.length, bytes, gzipped };
}
