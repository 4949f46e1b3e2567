import { comparisons } from '../sources/peers/comparison.ts';
import { destinationName } from '../i18n/destination-names.ts';
import { findBySlug } from '../domain/destinations.ts';
import { adviceChanges, diffRevisions } from '../domain/diff.ts';
import { freshness } from '../domain/freshness.ts';
import { isIndicator, type Indicator } from '../domain/indicators.ts';
import { isLevel } from '../domain/levels.ts';
import { listAlerts } from '../alerts/records.ts';
import type { SafeHtml } from '../http/html.ts';
import { destinationPage } from '../http/pages/destination.ts';
import { homePage } from '../http/pages/home.ts';
import { allDestinationsPage, indicatorPage, levelPage } from '../http/pages/lists.ts';
import { openDataPage } from '../http/pages/open-data.ts';
import { revisionPage } from '../http/pages/revision.ts';
import { searchPage } from '../http/pages/search.ts';
import { revisionHistory, type StoredRevision } from '../publishing/revisions.ts';
import type { SiteLinks } from './links.ts';
import type { MapAlert, MapCountry, WorldMapOptions } from './map.ts';
import { HTML, rendered, type SiteContext } from './rendered.ts';
import { MAX_QUERY_LENGTH, placesFor, searchDestinations } from './search.ts';
import type { SiteSnapshot } from './snapshot.ts';

/** The pages that list destinations: home (with the map), all, by level, by indicator, search, open data. */
export function listingPages({ links, current, cached, notFound }: SiteContext, buildMap: (countries: readonly MapCountry[], options?: WorldMapOptions) => SafeHtml) {
  return {
    home: async () => {
      const snapshot = await current();
      return cached(snapshot, 'home', () => rendered(200, HTML, homePage(snapshot, links, buildMap(mapCountries(snapshot, links), { alerts: mapAlerts(snapshot, links), tr: links.tr }))));
    },

    destinationIndex: async () => {
      const snapshot = await current();
      return cached(snapshot, 'destinations', () => rendered(200, HTML, allDestinationsPage(snapshot, links)));
    },

    level: async (text: string) => {
      const level = Number(text);
      if (!/^[1-4]$/.test(text) || !isLevel(level)) return notFound('site.missing.level');
      const snapshot = await current();
      return cached(snapshot, `level:${level}`, () => rendered(200, HTML, levelPage(snapshot, level, links)));
    },

    indicator: async (text: string) => {
      const code = text.toUpperCase();
      if (!isIndicator(code)) return notFound('site.missing.indicator');
      const snapshot = await current();
      return cached(snapshot, `indicator:${code}`, () => rendered(200, HTML, indicatorPage(snapshot, code as Indicator, links)));
    },

    search: async (query: string | undefined) => {
      const snapshot = await current();
      const trimmed = query?.trim() ?? '';
      if (!trimmed) return cached(snapshot, 'search', () => rendered(200, HTML, searchPage(snapshot, links, { kind: 'index' })));
      if (trimmed.length > MAX_QUERY_LENGTH) {
        return rendered(400, HTML, searchPage(snapshot, links, {
          kind: 'invalid', query: trimmed.slice(0, MAX_QUERY_LENGTH), problem: links.tr.t('site.search.tooLong', { max: MAX_QUERY_LENGTH }),
        }));
      }
      return rendered(200, HTML, searchPage(snapshot, links, {
        kind: 'results', query: trimmed, results: searchDestinations(snapshot.destinations, trimmed), places: placesFor(snapshot.destinations, trimmed),
      }));
    },

    openData: async () => cached(await current(), 'data', () => rendered(200, HTML, openDataPage(links))),
  };
}

/**
 * Each destination's revisions, read once per publication and shared by every language's pages: the
 * export renders every revision page twice (English and French), and each page needs the list of
 * revisions and the one before it, so reading them per page read the whole history O(n²) times.
 */
const histories = new WeakMap<SiteSnapshot, Map<string, Promise<StoredRevision[]>>>();

function historyIn(db: SiteContext['db'], snapshot: SiteSnapshot, code: string): Promise<StoredRevision[]> {
  let byCode = histories.get(snapshot);
  if (!byCode) histories.set(snapshot, byCode = new Map());
  let history = byCode.get(code);
  if (!history) byCode.set(code, history = revisionHistory(db, code));
  return history;
}

/** One destination's page, and its revisions compared. */
export function destinationPages({ db, links, current, cached, notFound }: SiteContext) {
  return {
    destination: async (slug: string) => {
      const destination = findBySlug(slug);
      if (!destination) return notFound('site.missing.destination', { slug });
      const snapshot = await current();
      // Other governments' advice changes without a publication of ours: its newest row is part of the key.
      const peers = await db.selectFrom('peer_advice').select((eb) => eb.fn.max('id').as('id')).where('code', '=', destination.code).executeTakeFirst();
      return cached(snapshot, `destination:${destination.code}:${String(peers?.id ?? 0)}`, async () => {
        // Active alerts are read when the page is built; the stamp changes at the next expiry, so it is rebuilt then.
        const alerts = await listAlerts(db, { destination: destination.code, active: true, publicOnly: true });
        const history = await historyIn(db, snapshot, destination.code);
        const current = history[0] ? freshness(history[0], snapshot.today, snapshot.showOverdueReviews) : null;
        const [comparison] = await comparisons(db, destination.code);
        return rendered(200, HTML, destinationPage(destination, history, links, { alerts, freshness: current, ...(comparison ? { comparison } : {}) }));
      });
    },

    /** Revision `number`, compared with `against` (default: the one before). Revisions run 1..current. */
    revision: async (slug: string, number: number, against?: number) => {
      const destination = findBySlug(slug);
      if (!destination) return notFound('site.missing.destination', { slug });
      const snapshot = await current();
      const latest = snapshot.byCode.get(destination.code)?.advisory?.revision ?? 0;
      if (!(number >= 1 && number <= latest)) return notFound('site.missing.revision', { name: destinationName(destination.code, links.tr.locale), number });
      if (against !== undefined && !(against >= 1 && against <= latest)) {
        return notFound('site.missing.against', { name: destinationName(destination.code, links.tr.locale), number: against });
      }
      const base = against ?? number - 1;
      const render = async () => {
        const history = await historyIn(db, snapshot, destination.code);
        const revision = history.find((r) => r.revision === number)!;
        const older = base >= 1 ? history.find((r) => r.revision === base) : undefined;
        const revisions = history.map((r) => r.revision);
        const comparison = older ? { against: older, changes: adviceChanges(diffRevisions(older, revision)) } : null;
        return rendered(200, HTML, revisionPage({ destination, revision, comparison, revisions }, links));
      };
      // Pages link to the comparison with the previous revision; other pairs (?diff=m) are many and
      // rarely asked for, so they are rendered per request rather than crowding the cache.
      return base === number - 1 ? cached(snapshot, `revision:${destination.code}:${number}`, render) : render();
    },
  };
}

function mapCountries(snapshot: SiteSnapshot, links: SiteLinks): MapCountry[] {
  return snapshot.destinations.map(({ destination, advisory, higherRegionLevel }) => ({
    code: destination.code,
    name: destinationName(destination.code, links.tr.locale),
    href: links.destination(destination.slug),
    level: advisory?.level ?? null,
    higherRegionLevel,
  }));
}

function mapAlerts(snapshot: SiteSnapshot, links: SiteLinks): MapAlert[] {
  return snapshot.activeAlerts.map((alert) => ({
    href: links.alert(alert.id),
    headline: alert.headline,
    severity: alert.severity,
    destinations: alert.destinations,
    regions: alert.regions,
    polygon: alert.area.polygon,
    circle: alert.area.circle,
  }));
}
