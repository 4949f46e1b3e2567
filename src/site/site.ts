import type { SafeHtml } from '../http/html.ts';
import { notFoundPage } from '../http/pages/not-found.ts';
import { readLogo } from '../identity/settings.ts';
import { localPublicationCount } from '../publishing/revisions.ts';
import type { Store } from '../store/connect.ts';
import { alertPages } from './alert-pages.ts';
import { brandOf } from './brand.ts';
import { feedResponses } from './feed-responses.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';
import { inLocale, siteLinks, type SiteLinks, type SiteLocation } from './links.ts';
import { buildWorldMap, type MapCountry, type WorldMapOptions } from './map.ts';
import { destinationPages, listingPages } from './pages.ts';
import { PublicationCache } from './publication-cache.ts';
import { throttledPublicationStamp } from './queries.ts';
import { HTML, rendered, type Rendered, type SiteContext } from './rendered.ts';
import { loadSnapshot, type SiteSnapshot } from './snapshot.ts';

export type { Rendered } from './rendered.ts';

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
  buildMap?: (countries: readonly MapCountry[], options?: WorldMapOptions) => SafeHtml;
}

export type Site = ReturnType<typeof createSite>;

/**
 * The public site: every page, feed and export, built from the current publication and kept
 * until the next one (see PublicationCache), so a request costs one cheap stamp query and a
 * lookup. The live server and the static exporter both render through it, so they agree.
 * Each part (pages.ts, alert-pages.ts, feed-responses.ts) renders through the same context.
 */
export function createSite(store: Store, options: SiteOptions) {
  const context = siteContext(store, options);
  const pagesIn = (localeContext: SiteContext) => ({
    ...listingPages(localeContext, options.buildMap ?? buildWorldMap),
    ...destinationPages(localeContext),
    ...alertPages(localeContext),
    notFound: localeContext.notFound,
  });
  const byLocale = new Map<Locale, ReturnType<typeof pagesIn>>();
  return {
    links: context.links,
    /** The current publication's data, for the exporter. */
    snapshot: context.current,
    ...pagesIn(context),
    /**
     * The pages in a reader's language. Each locale renders with its own translator and keeps its
     * own cached responses (keys prefixed with the locale), so a French reader never gets a page
     * built in English; the bodies differ, so do their ETags and compressed variants.
     */
    in(locale: Locale) {
      let pages = byLocale.get(locale);
      if (!pages) byLocale.set(locale, pages = pagesIn(localeContext(context, locale)));
      return pages;
    },
    ...feedResponses(context),
    /** The uploaded logo (docs/identity.md) when `version` is the current one; null otherwise. */
    logo: async (version: string): Promise<Rendered | null> => {
      const snapshot = await context.current();
      if (snapshot.logo?.version !== version) return null;
      return context.cached(snapshot, 'logo', async () => {
        const logo = await readLogo(store.db);
        return logo ? rendered(200, logo.type, logo.data) : context.notFound();
      });
    },
  };
}

/** The current publication, read once per publication, and the per-publication cache of responses. */
function siteContext(store: Store, options: SiteOptions): SiteContext {
  const { db } = store;
  const links = siteLinks(options.location);
  const cache = new PublicationCache();
  const stamp = throttledPublicationStamp(db, options.stampMaxAgeMs ?? STAMP_MAX_AGE_MS);

  async function current(): Promise<SiteSnapshot> {
    // This process's own publications (advisories, alerts) count at once, others' within STAMP_MAX_AGE_MS.
    const value = `${localPublicationCount()}:${await stamp()}`;
    return cache.get(value, 'snapshot', async () => {
      const snapshot = await loadSnapshot(db, value);
      links.brand = brandOf(links, snapshot.identity, snapshot.logo);
      links.activeAlerts = snapshot.activeAlerts.length;
      return snapshot;
    });
  }

  function cached(snapshot: SiteSnapshot, key: string, build: () => Promise<Rendered> | Rendered): Promise<Rendered> {
    return cache.get(snapshot.stamp, key, async (): Promise<Rendered> => ({ ...await build(), shared: true }));
  }

  const notFound = notFoundIn(links);
  return { db, links, current, cached, notFound };
}

/** The default-language context in another language: its own translator, its own cache keys. */
function localeContext(base: SiteContext, locale: Locale): SiteContext {
  if (locale === DEFAULT_LOCALE) return base;
  const links = inLocale(base.links, locale);
  return {
    ...base,
    links,
    cached: (snapshot, key, build) => base.cached(snapshot, `${locale}:${key}`, build),
    notFound: notFoundIn(links),
  };
}

function notFoundIn(links: SiteLinks): SiteContext['notFound'] {
  return async (what, values) => rendered(404, HTML, notFoundPage(links, what ? links.tr.t(what, values) : undefined));
}
