import { darkerShade } from '../../domain/contrast.ts';
import { DEFAULT_IDENTITY } from '../../domain/identity.ts';
import { tablesAsCards } from '../table-cards.ts';
import { pageIn, type SiteBrand, type SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';
import { languageMenu, message } from '../html-messages.ts';
import type { MessageId } from '../../i18n/catalog.ts';
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
  /** Where the language menu's links point (the page with `?lang=`); `href`, or the home page, unless given. */
  menuHref?: string;
}

const NAV: { section: Exclude<Section, null>; label: MessageId; href: (links: SiteLinks) => string }[] = [
  { section: 'map', label: 'site.nav.map', href: (links) => links.home },
  { section: 'destinations', label: 'site.nav.destinations', href: (links) => links.destinations },
  { section: 'levels', label: 'site.nav.doNotTravel', href: (links) => links.level(4) },
  { section: 'alerts', label: 'site.nav.alerts', href: (links) => links.alerts },
  { section: 'data', label: 'site.nav.data', href: (links) => links.data },
];

/** The number beside "Alerts"; read as "Alerts, 2 active". */
function alertCount(links: SiteLinks): SafeHtml | string {
  const count = links.activeAlerts;
  return count === null ? '' : html`<span class="visually-hidden">,</span> <span class="nav-count">${links.tr.number(count)}</span><span class="visually-hidden"> ${links.tr.t('site.nav.activeCount')}</span>`;
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
function footerIdentity({ brand: { identity }, tr }: SiteLinks): SafeHtml {
  const contact = [
    identity.emergencyPhone ? html`<li>${message(tr, 'site.footer.emergencies', { phone: html`<a href="tel:${identity.emergencyPhone.replace(/[^\d+]/g, '')}">${identity.emergencyPhone}</a>` })}</li>` : '',
    identity.contactUrl ? html`<li><a href="${identity.contactUrl}">${tr.t('site.footer.contact', { authority: identity.authorityShortName })}</a></li>` : '',
    ...identity.footerLinks.map((link) => html`<li><a href="${link.url}">${link.label}</a></li>`),
  ].filter(Boolean);
  return html`<div><p class="footer-brand">${identity.authorityName}</p><p>${tr.t('site.footer.about', { authority: identity.authorityName })}</p>
${contact.length ? html`<ul class="footer-contact">${contact}</ul>` : ''}
<p class="powered">${tr.t('site.footer.powered')}</p></div>`;
}

/** The frame of every public page: skip link, header with search, main landmark, footer with credits. */
export function layout(options: PageOptions): string {
  const { links } = options;
  const { brand, tr } = links;
  const feeds = [
    { title: tr.t('site.feed.atom'), href: links.atom, type: 'application/atom+xml' },
    { title: tr.t('site.feed.rss'), href: links.rss, type: 'application/rss+xml' },
    ...(options.feeds ?? []).map((feed) => ({ ...feed, type: 'application/atom+xml' })),
  ];
  return `<!doctype html>\n${html`<html lang="${tr.locale}">
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
<a class="skip-link" href="#main">${tr.t('site.skipLink')}</a>
<header class="site-header">
<div class="wrap header-row">
<a class="brand" href="${links.home}">${brandMark(brand)}<span class="brand-name">${brand.identity.authorityName}</span><span class="brand-tag">${tr.t('site.tagline')}</span></a>
${searchForm(links, 'site-search')}
${links.live ? languageMenu(tr, options.menuHref ?? options.href ?? links.home) : languageMenu(tr, '', (locale) => pageIn(links, options.href ?? links.home, locale))}
</div>
<nav class="site-nav" aria-label="${tr.t('site.nav.label')}"><ul class="wrap">${NAV.map((item) => html`<li><a href="${item.href(links)}"${item.section === options.section ? html` aria-current="page"` : ''}>${tr.t(item.label)}${item.section === 'alerts' ? alertCount(links) : ''}</a></li>`)}${
  links.account ? html`<li class="nav-account"><a href="${links.account}">${tr.t('site.nav.account')}</a></li>` : ''}</ul></nav>
</header>
<main id="main" class="wrap" tabindex="-1">
${tablesAsCards(options.main)}
</main>
<footer class="site-footer">
<div class="wrap footer-grid">
${footerIdentity(links)}
<div><h2>${tr.t('site.footer.sources')}</h2><ul>
<li>${message(tr, 'site.footer.sourceTexts', { link: html`<a href="https://travel.state.gov/">${tr.t('site.footer.stateDept')}</a>` })}</li>
<li>${message(tr, 'site.footer.sourceMaps', { link: html`<a href="https://www.naturalearthdata.com/">Natural Earth</a>` })}</li>
<li>${message(tr, 'site.footer.sourceCodes', { link: html`<a href="https://www.geonames.org/">GeoNames</a>` })}</li>
</ul></div>
<div><h2>${tr.t('site.footer.follow')}</h2><ul>
<li><a href="${links.atom}">${tr.t('site.footer.atom')}</a> · <a href="${links.rss}">${tr.t('site.footer.rss')}</a></li>
<li><a href="${links.geojson}">GeoJSON</a> · <a href="${links.csv}">CSV</a></li>
<li><a href="${links.alerts}">${tr.t('site.footer.activeAlerts')}</a> · <a href="${links.alertsAtom}">${tr.t('site.footer.alertsCap')}</a></li>
<li><a href="${links.data}">${tr.t('site.footer.allData')}</a></li>
</ul></div>
</div>
</footer>
</body>
</html>`.value}\n`;
}
