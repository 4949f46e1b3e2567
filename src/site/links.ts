import { DEFAULT_IDENTITY, type Identity } from '../domain/identity.ts';
import type { LogoType } from '../domain/logo.ts';
import { assetPath } from '../http/assets/assets.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';
import { translator, type Translator } from '../i18n/translator.ts';

/**
 * Where the public site is served from. `live` is the Waypost server itself; `static` is an
 * export (waypost export-site) on a plain file host, where query strings do nothing and JSON
 * needs a file extension to get its content type.
 */
export interface SiteLocation {
  mode: 'live' | 'static';
  /** Path or absolute URL every link starts with, ending in "/" ("/" on the live server). */
  base: string;
  /** Absolute URL the base resolves against, for feeds, exports and canonical links. */
  publicUrl: string;
}

/**
 * Every URL the pages link to. Pages are directory-style ("/destinations/russia/") so the same
 * links work on the live server (which ignores the trailing slash) and on any static host that
 * serves `index.html` for a directory, without a redirect.
 */
export interface SiteLinks {
  /** The base every language's pages hang from; a static export's French pages are under `${root}fr/`. */
  root: string;
  /** This language's home page: the root, or its language folder on a static copy. */
  home: string;
  destinations: string;
  search: string;
  data: string;
  destination(slug: string): string;
  revision(slug: string, revision: number, against?: number): string;
  level(level: number): string;
  indicator(code: string): string;
  searchFor(query: string): string;
  asset(name: string): string;
  rss: string;
  atom: string;
  destinationAtom(code: string): string;
  geojson: string;
  csv: string;
  /** Active alerts, one alert's page, the Atom index of CAP documents, one CAP document (docs/alerts.md). */
  alerts: string;
  alert(id: number): string;
  alertsAtom: string;
  alertCap(id: number): string;
  apiDestinations: string;
  apiAdvisory(code: string): string;
  /** API documentation, only on the live server. */
  apiDocs: string | null;
  /** Where travellers sign in to subscribe and enrol trips: the server's, so not on a static copy. */
  account: string | null;
  absolute(href: string): string;
  /** The uploaded logo, under a URL that changes with each upload (static hosts ignore query strings). */
  logo(version: string, type: LogoType): string;
  /**
   * The deployment identity every page's header and footer shows. The site sets it each time it
   * reads a new publication (the identity's version is part of the stamp, src/site/site.ts), so
   * whatever renders after `current()` shows the identity of that publication.
   */
  brand: SiteBrand;
  /**
   * How many public alerts are active, for the count beside "Alerts" in the main navigation; set
   * with `brand` at each publication (the stamp changes when an alert is issued or expires).
   * null where the page is built outside the site (account pages): the entry shows no count there.
   */
  activeAlerts: number | null;
  /** The language pages built with these links are written in (src/i18n); the default unless made by `inLocale`. */
  tr: Translator;
  /**
   * The live server reads `?lang=`; a static copy has a folder per language other than the default
   * (`/fr/…`), its page links staying in it, while assets, feeds, exports and JSON are shared at the root.
   */
  live: boolean;
}

export interface SiteBrand {
  identity: Identity;
  logo: { href: string; type: LogoType } | null;
}

export function siteLinks(location: SiteLocation): SiteLinks {
  const base = location.base.endsWith('/') ? location.base : `${location.base}/`;
  const live = location.mode === 'live';
  const json = live ? '' : '.json';
  const origin = new URL(base, `${location.publicUrl.replace(/\/+$/, '')}/`).href;
  return {
    root: base,
    ...pageLinks(base, live),
    asset: (name) => `${base}assets/${assetPath(name)}`,
    rss: `${base}feeds/advisories.rss`,
    atom: `${base}feeds/advisories.atom`,
    destinationAtom: (code) => `${base}feeds/advisories/${code}.atom`,
    geojson: `${base}exports/advisories.geojson`,
    csv: `${base}exports/advisories.csv`,
    alertsAtom: `${base}feeds/alerts.atom`,
    alertCap: (id) => `${base}feeds/alerts/${id}.cap`,
    apiDestinations: `${base}api/v1/destinations${json}`,
    apiAdvisory: (code) => `${base}api/v1/advisories/${code}${json}`,
    apiDocs: live ? `${base}api/docs` : null,
    account: live ? `${base}account/sign-in` : null,
    absolute: (href) => new URL(href, origin).href,
    logo: (version, type) => `${base}identity/logo-${version}.${type === 'image/png' ? 'png' : 'svg'}`,
    brand: { identity: DEFAULT_IDENTITY, logo: null },
    activeAlerts: null,
    tr: translator(DEFAULT_LOCALE),
    live,
  };
}

/** The links to pages (HTML in one language), as opposed to the shared assets, feeds and data files. */
function pageLinks(base: string, live: boolean) {
  return {
    home: base,
    destinations: `${base}destinations/`,
    search: `${base}search/`,
    data: `${base}data/`,
    destination: (slug: string) => `${base}destinations/${slug}/`,
    // A revision page compares with the one before unless told otherwise; a static host cannot
    // read ?diff, so the default comparison is what its links rely on.
    revision: (slug: string, revision: number, against?: number) =>
      `${base}destinations/${slug}/revisions/${revision}/${live && against !== undefined && against !== revision - 1 ? `?diff=${against}` : ''}`,
    level: (level: number) => `${base}levels/${level}/`,
    indicator: (code: string) => `${base}indicators/${code.toLowerCase()}/`,
    searchFor: (query: string) => `${base}search/?q=${encodeURIComponent(query)}`,
    alerts: `${base}alerts/`,
    alert: (id: number) => `${base}alerts/${id}/`,
  } satisfies Partial<SiteLinks>;
}

/** A static copy's folder for a language: none for the default, "fr/" for French. */
export function localeFolder(locale: Locale): string {
  return locale === DEFAULT_LOCALE ? '' : `${locale}/`;
}

/** The same page in another language: on a static copy, the same path under that language's folder. */
export function pageIn(links: SiteLinks, href: string, locale: Locale): string {
  const rest = href.startsWith(links.home) ? href.slice(links.home.length) : '';
  return `${links.root}${localeFolder(locale)}${rest}`;
}

const localized = new WeakMap<SiteLinks, Map<Locale, SiteLinks>>();

/**
 * The same links speaking another language. The copy inherits from the original (a prototype, not
 * a snapshot), so the brand and alert count the site sets on the original at each publication
 * show through; only `tr` (and, on a static copy, the page links) is its own. One copy per links object and locale.
 */
export function inLocale(links: SiteLinks, locale: Locale): SiteLinks {
  if (links.tr.locale === locale) return links;
  let copies = localized.get(links);
  if (!copies) localized.set(links, copies = new Map());
  let copy = copies.get(locale);
  // A static copy's pages in another language live in its folder ("/fr/…"); the live server's take ?lang= instead.
  const pages = links.live ? {} : pageLinks(`${links.root}${localeFolder(locale)}`, false);
  if (!copy) copies.set(locale, copy = Object.assign(Object.create(links) as SiteLinks, { tr: translator(locale) }, pages));
  return copy;
}
