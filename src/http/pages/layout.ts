import { darkerShade } from '../../domain/contrast.ts';
import { DEFAULT_IDENTITY } from '../../domain/identity.ts';
import { tablesAsCards } from '../table-cards.ts';
import type { SiteBrand, SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';
import { searchForm } from './components.ts';

export type Section = 'map' | 'destinations' | 'levels' | 'indicators' | 'search' | 'data' | 'alerts' | null;

export interface PageOptions {
  links: SiteLinks;
  /** The page's own title; the site name is appended. */
  title: string;
  description: string;
  /** The page's own href, for the canonical link; null for pages that should not be indexed (404). */
  href: string | null;
  section: Section;
  main: SafeHtml;
  /** Extra feeds to announce in <head> (a destination's own Atom feed). */
  feeds?: { title: string; href: string }[];
  /** Loads the progressive-enhancement script (search filtering, the reader's own date); pages work without it. */
  script?: boolean;
}

const NAV: { section: Exclude<Section, null>; label: string; href: (links: SiteLinks) => string }[] = [
  { section: 'map', label: 'World map', href: (links) => links.home },
  { section: 'destinations', label: 'Destinations A–Z', href: (links) => links.destinations },
  { section: 'levels', label: 'Do Not Travel', href: (links) => links.level(4) },
  { section: 'alerts', label: 'Alerts', href: (links) => links.alerts },
  { section: 'data', label: 'Feeds and data', href: (links) => links.data },
];

/** The number beside "Alerts"; read as "Alerts, 2 active". */
function alertCount(count: number | null): SafeHtml | string {
  return count === null ? '' : html`<span class="visually-hidden">,</span> <span class="nav-count">${count}</span><span class="visually-hidden"> active</span>`;
}

/** The deployment's colour over the stylesheet's navy; the colour rule (src/domain/contrast.ts) keeps white text on it legible. */
function brandStyle({ identity }: SiteBrand): SafeHtml | string {
  if (identity.brandColour === DEFAULT_IDENTITY.brandColour) return '';
  // brandColour is validated as #rrggbb on the way in: nothing else can reach this <style>.
  return html`<style>:root{--brand:${identity.brandColour};--brand-2:${darkerShade(identity.brandColour)}}.brand-tag{color:#fff;border-left-color:currentColor}</style>`;
}

function brandMark({ logo }: SiteBrand): SafeHtml {
  // The name follows as text, so the logo is decoration (empty alt) rather than a second reading of it.
  return logo
    ? html`<img class="brand-logo" src="${logo.href}" alt="" height="40">`
    : html`<svg class="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 2l3 7 7 3-7 3-3 7-3-7-7-3 7-3z"/></svg>`;
}

/** Who publishes this site and how to reach them; "Waypost" stays only as the software's credit. */
function footerIdentity({ identity }: SiteBrand): SafeHtml {
  const contact = [
    identity.emergencyPhone ? html`<li>Emergencies abroad: <a href="tel:${identity.emergencyPhone.replace(/[^\d+]/g, '')}">${identity.emergencyPhone}</a></li>` : '',
    identity.contactUrl ? html`<li><a href="${identity.contactUrl}">Contact ${identity.authorityShortName}</a></li>` : '',
    ...identity.footerLinks.map((link) => html`<li><a href="${link.url}">${link.label}</a></li>`),
  ].filter(Boolean);
  return html`<div><p class="footer-brand">${identity.authorityName}</p><p>Travel advice from ${identity.authorityName}: levels, risks and regional advice for every destination, kept in every version.</p>
${contact.length ? html`<ul class="footer-contact">${contact}</ul>` : ''}
<p class="powered">Powered by Waypost, open-source travel advisories.</p></div>`;
}

/** The frame of every public page: skip link, header with search, main landmark, footer with credits. */
export function layout(options: PageOptions): string {
  const { links } = options;
  const brand = links.brand;
  const feeds = [
    { title: 'Travel advisory changes (Atom)', href: links.atom, type: 'application/atom+xml' },
    { title: 'Travel advisory changes (RSS)', href: links.rss, type: 'application/rss+xml' },
    ...(options.feeds ?? []).map((feed) => ({ ...feed, type: 'application/atom+xml' })),
  ];
  return `<!doctype html>\n${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${brand.identity.authorityShortName}</title>
<meta name="description" content="${options.description}">
${options.href ? html`<link rel="canonical" href="${links.absolute(options.href)}">` : html`<meta name="robots" content="noindex">`}
<link rel="stylesheet" href="${links.asset('site.css')}">
<link rel="stylesheet" href="${links.asset('narrow-and-print.css')}">
${feeds.map((feed) => html`<link rel="alternate" type="${feed.type}" title="${feed.title}" href="${feed.href}">`)}
${brandStyle(brand)}
${options.script ? html`<script src="${links.asset('site.js')}" defer></script>` : ''}
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
<div class="wrap header-row">
<a class="brand" href="${links.home}">${brandMark(brand)}<span class="brand-name">${brand.identity.authorityName}</span><span class="brand-tag">Travel advisories</span></a>
${searchForm(links, 'site-search')}
</div>
<nav class="site-nav" aria-label="Main"><ul class="wrap">${NAV.map((item) => html`<li><a href="${item.href(links)}"${item.section === options.section ? html` aria-current="page"` : ''}>${item.label}${item.section === 'alerts' ? alertCount(links.activeAlerts) : ''}</a></li>`)}${
  links.account ? html`<li class="nav-account"><a href="${links.account}">Alerts and trips</a></li>` : ''}</ul></nav>
</header>
<main id="main" class="wrap" tabindex="-1">
${tablesAsCards(options.main)}
</main>
<footer class="site-footer">
<div class="wrap footer-grid">
${footerIdentity(brand)}
<div><h2>Data sources</h2><ul>
<li>Advisory texts: as credited on each page; imported ones from the <a href="https://travel.state.gov/">U.S. Department of State</a>, public domain</li>
<li>Map outlines: <a href="https://www.naturalearthdata.com/">Natural Earth</a> via world-atlas, public domain</li>
<li>Country codes: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0) and i18n-iso-countries</li>
</ul></div>
<div><h2>Follow changes</h2><ul>
<li><a href="${links.atom}">Atom feed</a> · <a href="${links.rss}">RSS feed</a></li>
<li><a href="${links.geojson}">GeoJSON</a> · <a href="${links.csv}">CSV</a></li>
<li><a href="${links.alerts}">Active alerts</a> · <a href="${links.alertsAtom}">alerts in CAP (Atom)</a></li>
<li><a href="${links.data}">All feeds, exports and the API</a></li>
</ul></div>
</div>
</footer>
</body>
</html>`.value}\n`;
}
