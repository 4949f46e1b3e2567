import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { DESTINATIONS } from '../../domain/destinations.ts';
import type { Level } from '../../domain/levels.ts';
import { brandReader } from '../../site/brand.ts';
import { siteLinks, type SiteBrand, type SiteLinks } from '../../site/links.ts';
import { STAMP_MAX_AGE_MS } from '../../site/site.ts';
import type { Database } from '../../store/schema.ts';
import { html, type SafeHtml } from '../html.ts';
import { formatDate, levelBadge } from '../pages/components.ts';
import { layout } from '../pages/layout.ts';
import { DEFAULT_IDENTITY, type Identity } from '../../domain/identity.ts';

/** The account stylesheet, served under a content-hashed URL beside the public site's. */
export const ACCOUNT_CSS = readFileSync(new URL('./account.css', import.meta.url));
export const ACCOUNT_CSS_PATH = `/account/assets/account.${createHash('sha256').update(ACCOUNT_CSS).digest('hex').slice(0, 10)}.css`;

/** The trip form's place suggestions (progressive enhancement), likewise content-hashed. */
export const PLACES_JS = readFileSync(new URL('./places.js', import.meta.url));
export const PLACES_JS_PATH = `/account/assets/places.${createHash('sha256').update(PLACES_JS).digest('hex').slice(0, 10)}.js`;

let cached: { publicUrl: string; links: SiteLinks } | undefined;
/** The deployment identity the header shows, as keepAccountBrand last read it. */
let brand: SiteBrand | undefined;

function links(publicUrl: string): SiteLinks {
  if (cached?.publicUrl !== publicUrl) cached = { publicUrl, links: siteLinks({ mode: 'live', base: '/', publicUrl }) };
  if (brand) cached.links.brand = brand;
  return cached.links;
}

/**
 * An onRequest hook that keeps these pages' header (authority name, logo, brand colour) the public
 * site's: the identity is read again whenever the publication stamp moves, as the site does.
 */
export function keepAccountBrand(db: Kysely<Database>, publicUrl: string): () => Promise<void> {
  const read = brandReader(db, STAMP_MAX_AGE_MS);
  return async () => {
    brand = await read(links(publicUrl));
  };
}

/**
 * Who runs the service, for the account pages' own words ("enrol with …"): the identity the
 * header shows, as keepAccountBrand last read it (one deployment, one identity).
 */
export function accountIdentity(): Identity {
  return brand?.identity ?? DEFAULT_IDENTITY;
}

/** A traveller page in the public site's frame; never indexed, never cached by shared caches. */
export function accountPage(publicUrl: string, title: string, main: SafeHtml): string {
  const frame = links(publicUrl);
  return layout({
    links: frame,
    title,
    description: `Your ${frame.brand.identity.authorityShortName} account: trips, subscriptions and how we reach you.`,
    href: null,
    section: null,
    main: html`<link rel="stylesheet" href="${ACCOUNT_CSS_PATH}"><script src="${PLACES_JS_PATH}" defer></script>${main}`,
  });
}

// ---- Small pieces the account pages share ----

export interface Flash {
  notice?: string | undefined;
  problem?: string | undefined;
  /** What a traveller typed into the trip form that was refused: shown again, never cleared. */
  draft?: TripDraft | undefined;
}

export interface TripDraft {
  destinations: string[];
  regions: string[];
  start: string;
  end: string;
  residing: boolean;
}

export function flash({ notice, problem }: Flash): SafeHtml {
  return html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}${problem ? html`<p class="problem" role="alert">${problem}</p>` : ''}`;
}

export const csrfField = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}">`;

/** One list of every destination name, for the inputs that take a destination (works without JS). */
export const destinationList = html`<datalist id="destination-names">${DESTINATIONS.map((d) => html`<option value="${d.name}">${d.code}</option>`)}</datalist>`;

export function dates(start: string, end: string | null): string {
  return end ? `${formatDate(start)} – ${formatDate(end)}` : `from ${formatDate(start)}, residing abroad`;
}

export function badge(level: number | null): SafeHtml {
  return levelBadge(level === null ? null : (level as Level));
}

/** A short message in the account frame: signed out, not found, a link that does not work. */
export function messagePage(publicUrl: string, title: string, lines: (string | SafeHtml)[], extra?: SafeHtml): string {
  return accountPage(publicUrl, title, html`<div class="narrow"><h1>${title}</h1>${lines.map((l) => html`<p>${l}</p>`)}${extra ?? ''}</div>`);
}
