import { createHash } from 'node:crypto';
import { findBySlug, findByCode } from '../domain/destinations.ts';
import { diffRevisions } from '../domain/diff.ts';
import { isIndicator, type Indicator } from '../domain/indicators.ts';
import { isLevel } from '../domain/levels.ts';
import { atomFeed, rssFeed, type FeedDescription } from '../feeds/advisories.ts';
import { advisoriesCsv } from '../feeds/csv.ts';
import { advisoriesGeoJson, type AdvisoryRecord } from '../feeds/geojson.ts';
import type { SafeHtml } from '../http/html.ts';
import { destinationPage } from '../http/pages/destination.ts';
import { alertPage, alertsIndexPage } from '../http/pages/alerts.ts';
import { capDocument, CAP_CONTENT_TYPE } from '../alerts/cap.ts';
import { findAlert, isActive, listAlerts } from '../alerts/records.ts';
import { alertsAtom } from '../feeds/alerts.ts';
import { homePage } from '../http/pages/home.ts';
import { allDestinationsPage, indicatorPage, levelPage } from '../http/pages/lists.ts';
import { notFoundPage } from '../http/pages/not-found.ts';
import { openDataPage } from '../http/pages/open-data.ts';
import { revisionPage } from '../http/pages/revision.ts';
import { searchPage } from '../http/pages/search.ts';
import { findRevision, localPublicationCount, revisionHistory } from '../publishing/revisions.ts';
import type { Store } from '../store/connect.ts';
import { siteLinks, type SiteLinks, type SiteLocation } from './links.ts';
import { buildWorldMap, type MapCountry } from './map.ts';
import { PublicationCache } from './publication-cache.ts';
import { publishedChanges, throttledPublicationStamp, type PublishedChange } from './queries.ts';
import { MAX_QUERY_LENGTH, searchDestinations } from './search.ts';
import { loadSnapshot, type SiteSnapshot } from './snapshot.ts';

/** A response body ready to send, with its ETag computed once when it was built. */
export interface Rendered {
  status: number;
  type: string;
  body: Buffer;
  etag: string;
  /** Built once for the publication and kept: worth compressing once too (src/http/variants.ts). */
  shared?: true;
}

const HTML = 'text/html; charset=utf-8';
const TYPES = {
  atom: 'application/atom+xml; charset=utf-8',
  cap: CAP_CONTENT_TYPE,
  rss: 'application/rss+xml; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** How many major changes the all-destinations feeds carry. */
const FEED_ENTRIES = 100;

/**
 * How long a read of the publication stamp is trusted. Under load this turns a query per request
 * into a few per second (it halved throughput otherwise), and a publication reaches the pages
 * within this time, far inside the pages' own one-minute Cache-Control.
 */
export const STAMP_MAX_AGE_MS = 250;

export interface SiteOptions {
  location: SiteLocation;
  /** See STAMP_MAX_AGE_MS; 0 checks on every call (tests that publish and look at once). */
  stampMaxAgeMs?: number;
  /** The map builder; tests pass a counting one to show it runs once per publication. */
  buildMap?: (countries: readonly MapCountry[]) => SafeHtml;
}

export type Site = ReturnType<typeof createSite>;

/**
 * The public site: every page, feed and export, built from the current publication and kept
 * until the next one (see PublicationCache), so a request costs one cheap stamp query and a
 * lookup. The live server and the static exporter both render through it, so they agree.
 */
export function createSite(store: Store, options: SiteOptions) {
  const { db } = store;
  const links = siteLinks(options.location);
  const buildMap = options.buildMap ?? buildWorldMap;
  const cache = new PublicationCache();

  const stamp = throttledPublicationStamp(db, options.stampMaxAgeMs ?? STAMP_MAX_AGE_MS);

  /** The current publication: its stamp and snapshot (read once per publication). */
  async function current(): Promise<SiteSnapshot> {
    // This process's own publications (advisories, alerts) count at once, others' within STAMP_MAX_AGE_MS.
    const value = `${localPublicationCount()}:${await stamp()}`;
    return cache.get(value, 'snapshot', () => loadSnapshot(db, value));
  }

  /**
   * Builds a response once per publication for a key. Only responses for things that exist are
   * keyed: anything a URL can name without bound (bad slugs, queries) is rendered per request.
   */
  function cached(snapshot: SiteSnapshot, key: string, build: () => Promise<Rendered> | Rendered): Promise<Rendered> {
    return cache.get(snapshot.stamp, key, async (): Promise<Rendered> => ({ ...await build(), shared: true }));
  }

  const notFound = async (what?: string) => rendered(404, HTML, notFoundPage(links, what));

  const feedAbout = (title: string, description: string, selfUrl: string, pageUrl: string): FeedDescription => ({
    title,
    description,
    selfUrl: links.absolute(selfUrl),
    pageUrl: links.absolute(pageUrl),
    pageFor: (change: PublishedChange) => links.absolute(links.destination(change.slug)),
    revisionFor: (change: PublishedChange) => links.absolute(links.revision(change.slug, change.revision)),
  });
  const allChanges = () => publishedChanges(db, { majorOnly: true, limit: FEED_ENTRIES });
  const everyDestination = feedAbout('Travel advisories: major changes', 'Changes to travel advisory levels and advice, newest first.', links.atom, links.home);

  return {
    links,

    /** The current publication's data, for the exporter. */
    snapshot: current,

    home: async () => {
      const snapshot = await current();
      return cached(snapshot, 'home', () => rendered(200, HTML, homePage(snapshot, links, buildMap(mapCountries(snapshot, links)))));
    },

    destinationIndex: async () => {
      const snapshot = await current();
      return cached(snapshot, 'destinations', () => rendered(200, HTML, allDestinationsPage(snapshot, links)));
    },

    destination: async (slug: string) => {
      const destination = findBySlug(slug);
      if (!destination) return notFound(`We have no destination called “${slug}”. Try the search.`);
      return cached(await current(), `destination:${destination.code}`, async () => {
        // Active alerts are read when the page is built; the stamp changes at the next expiry, so it is rebuilt then.
        const alerts = await listAlerts(db, { destination: destination.code, active: true, publicOnly: true });
        return rendered(200, HTML, destinationPage(destination, await revisionHistory(db, destination.code), links, alerts));
      });
    },

    // ---- Alerts (docs/alerts.md): Actual alerts only; Exercise and Test never reach these. ----

    alertsIndex: async () => cached(await current(), 'alerts', async () =>
      rendered(200, HTML, alertsIndexPage(await listAlerts(db, { active: true, publicOnly: true, limit: 500 }), links))),

    /** One alert's page; null when there is no public alert with that id. */
    alert: async (id: number): Promise<Rendered | null> => {
      const snapshot = await current();
      const alert = await findAlert(db, id);
      if (!alert || alert.status !== 'Actual') return null;
      return cached(snapshot, `alert:${id}`, async () => {
        const replacedBy = alert.supersededBy ? await findAlert(db, alert.supersededBy) : undefined;
        return rendered(200, HTML, alertPage(alert, { active: isActive(alert, new Date()), replacedBy }, links));
      });
    },

    /** The Atom index: current messages (not replaced, not expired), Cancels included so consumers learn of them. */
    alertsAtom: async () => cached(await current(), 'alerts-atom', async () =>
      rendered(200, TYPES.atom, alertsAtom(await listAlerts(db, { publicOnly: true, current: true, limit: 500 }), {
        selfUrl: links.absolute(links.alertsAtom),
        pageUrl: links.absolute(links.alerts),
        capUrl: (id) => links.absolute(links.alertCap(id)),
        alertUrl: (id) => links.absolute(links.alert(id)),
      }))),

    /** One CAP 1.2 document; null when there is no public alert with that id. */
    alertCap: async (id: number): Promise<Rendered | null> => {
      const snapshot = await current();
      const alert = await findAlert(db, id);
      if (!alert || alert.status !== 'Actual') return null;
      return cached(snapshot, `cap:${id}`, () => rendered(200, TYPES.cap, capDocument(alert, { pageUrl: links.absolute(links.alert(id)) })));
    },

    /** Revision `number`, compared with `against` (default: the one before). Revisions run 1..current. */
    revision: async (slug: string, number: number, against?: number) => {
      const destination = findBySlug(slug);
      if (!destination) return notFound(`We have no destination called “${slug}”.`);
      const snapshot = await current();
      const latest = snapshot.byCode.get(destination.code)?.advisory?.revision ?? 0;
      if (!(number >= 1 && number <= latest)) return notFound(`${destination.name} has no revision ${number}.`);
      if (against !== undefined && !(against >= 1 && against <= latest)) {
        return notFound(`${destination.name} has no revision ${against} to compare with.`);
      }
      const base = against ?? number - 1;
      const render = async () => {
        const revision = (await findRevision(db, destination.code, number))!;
        const older = base >= 1 ? await findRevision(db, destination.code, base) : undefined;
        const revisions = (await revisionHistory(db, destination.code)).map((r) => r.revision);
        const comparison = older ? { against: older, changes: diffRevisions(older, revision) } : null;
        return rendered(200, HTML, revisionPage({ destination, revision, comparison, revisions }, links));
      };
      // Pages link to the comparison with the previous revision; other pairs (?diff=m) are many and
      // rarely asked for, so they are rendered per request rather than crowding the cache.
      return base === number - 1 ? cached(snapshot, `revision:${destination.code}:${number}`, render) : render();
    },

    level: async (text: string) => {
      const level = Number(text);
      if (!/^[1-4]$/.test(text) || !isLevel(level)) return notFound('Advisory levels go from 1 to 4.');
      const snapshot = await current();
      return cached(snapshot, `level:${level}`, () => rendered(200, HTML, levelPage(snapshot, level, links)));
    },

    indicator: async (text: string) => {
      const code = text.toUpperCase();
      if (!isIndicator(code)) return notFound('There is no such risk indicator.');
      const snapshot = await current();
      return cached(snapshot, `indicator:${code}`, () => rendered(200, HTML, indicatorPage(snapshot, code as Indicator, links)));
    },

    search: async (query: string | undefined) => {
      const snapshot = await current();
      const trimmed = query?.trim() ?? '';
      if (!trimmed) return cached(snapshot, 'search', () => rendered(200, HTML, searchPage(snapshot, links, { kind: 'index' })));
      if (trimmed.length > MAX_QUERY_LENGTH) {
        return rendered(400, HTML, searchPage(snapshot, links, {
          kind: 'invalid', query: trimmed.slice(0, MAX_QUERY_LENGTH), problem: `Search for at most ${MAX_QUERY_LENGTH} characters.`,
        }));
      }
      return rendered(200, HTML, searchPage(snapshot, links, {
        kind: 'results', query: trimmed, results: searchDestinations(snapshot.destinations, trimmed),
      }));
    },

    openData: async () => cached(await current(), 'data', () => rendered(200, HTML, openDataPage(links))),

    notFound,

    rss: async () => cached(await current(), 'rss', async () =>
      rendered(200, TYPES.rss, rssFeed({ ...everyDestination, selfUrl: links.absolute(links.rss) }, await allChanges()))),

    atom: async () => cached(await current(), 'atom', async () => rendered(200, TYPES.atom, atomFeed(everyDestination, await allChanges()))),

    /** One destination's Atom feed (its current revision and major changes); null when the code names no destination with an advisory. */
    destinationAtom: async (code: string): Promise<Rendered | null> => {
      const destination = findByCode(code);
      const snapshot = await current();
      if (!destination || !snapshot.byCode.get(destination.code)?.advisory) return null;
      return cached(snapshot, `atom:${destination.code}`, async () => {
        const about = feedAbout(`Travel advisory: ${destination.name}`, `The travel advisory for ${destination.name} as it stands, and its major changes.`,
          links.destinationAtom(destination.code), links.destination(destination.slug));
        // The current revision is always an entry, even a minor one (an import, a reissue): a reader subscribing now sees what holds.
        return rendered(200, TYPES.atom, atomFeed(about, await publishedChanges(db, { majorOnly: true, withCurrent: true, code: destination.code, limit: 1000 })));
      });
    },

    geojson: async () => {
      const snapshot = await current();
      return cached(snapshot, 'geojson', () => rendered(200, TYPES.geojson, advisoriesGeoJson(records(snapshot, links))));
    },

    csv: async () => {
      const snapshot = await current();
      return cached(snapshot, 'csv', () => rendered(200, TYPES.csv, advisoriesCsv(records(snapshot, links))));
    },
  };
}

function rendered(status: number, type: string, text: string): Rendered {
  const body = Buffer.from(text);
  return { status, type, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

function mapCountries(snapshot: SiteSnapshot, links: SiteLinks): MapCountry[] {
  return snapshot.destinations.map(({ destination, advisory, higherRegionLevel }) => ({
    code: destination.code,
    name: destination.name,
    href: links.destination(destination.slug),
    level: advisory?.level ?? null,
    higherRegionLevel,
  }));
}

function records(snapshot: SiteSnapshot, links: SiteLinks): AdvisoryRecord[] {
  return snapshot.advised.map(({ destination, advisory }) => ({
    code: destination.code,
    iso3: destination.iso3,
    name: destination.name,
    level: advisory!.level,
    indicators: advisory!.indicators,
    departureUrged: advisory!.departureUrged,
    updated: advisory!.publishedAt,
    url: links.absolute(links.destination(destination.slug)),
  }));
}
