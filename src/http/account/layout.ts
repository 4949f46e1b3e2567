import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { DESTINATIONS } from '../../domain/destinations.ts';
import { destinationName } from '../../i18n/destination-names.ts';
import { translator, type Translator } from '../../i18n/translator.ts';
import { brandReader } from '../../site/brand.ts';
import { inLocale, siteLinks, type SiteBrand, type SiteLinks } from '../../site/links.ts';
import { STAMP_MAX_AGE_MS } from '../../site/site.ts';
import type { Database } from '../../store/schema.ts';
import { html, type SafeHtml } from '../html.ts';
import { requestLocale } from '../locale.ts';
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

/**
 * Who reads a page and where it is: the language it is written in and the address the language
 * menu links back to. A signed-in traveller's profile language counts after `?lang=` and the
 * cookie, before Accept-Language (src/i18n/negotiate.ts).
 */
export interface Reader {
  tr: Translator;
  /** This page's address for the language menu; a form's answer links to `/account` (a GET of a POST-only URL would be a 404). */
  here: string;
}

/** Pages not yet translated (organisations.ts) stay in English, the default. */
const ENGLISH: Reader = { tr: translator('en'), here: '/account' };

export function readerOf(request: FastifyRequest, profileLanguage?: string | null, here?: string): Reader {
  const locale = requestLocale(request, profileLanguage);
  // Content-Language (src/http/locale.ts) then names the language the page is really in.
  request.locale = locale;
  return { tr: translator(locale), here: here ?? (request.method === 'GET' ? request.url : '/account') };
}

/**
 * A traveller page in the public site's frame, in the reader's language (header, menu linking back
 * to this page, `<html lang>`); never indexed, never cached by shared caches.
 */
export function accountPage(publicUrl: string, title: string, main: SafeHtml, reader: Reader = ENGLISH): string {
  const { tr } = reader;
  const frame = inLocale(links(publicUrl), tr.locale);
  return layout({
    links: frame,
    title,
    description: tr.t('account.description', { authority: frame.brand.identity.authorityShortName }),
    href: null,
    section: null,
    menuHref: reader.here,
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

/** One list of every destination name in the reader's language, for the inputs that take a destination (works without JS). */
export function destinationList(tr: Translator): SafeHtml {
  return html`<datalist id="destination-names">${DESTINATIONS.map((d) => html`<option value="${destinationName(d.code, tr.locale)}">${d.code}</option>`)}</datalist>`;
}

/** "2 December 2026 – 9 December 2026", or residing abroad from a day. */
export function dates(start: string, end: string | null, tr: Translator = ENGLISH.tr): string {
  return end ? tr.t('account.dates', { start: tr.date(start), end: tr.date(end) }) : tr.t('account.datesResiding', { start: tr.date(start) });
}

const LEVEL_LABELS = { 1: 'account.level1', 2: 'account.level2', 3: 'account.level3', 4: 'account.level4' } as const;

/** A destination's level as the public site's badge (its class names), in the reader's words. */
export function badge(level: number | null, tr: Translator = ENGLISH.tr): SafeHtml {
  if (level === null || level < 1 || level > 4) return html`<span class="badge badge-0 badge-small">${tr.t('account.noAdvisory')}</span>`;
  return html`<span class="badge badge-${level} badge-small">${tr.t('account.levelBadge', { level, label: tr.t(LEVEL_LABELS[level as 1 | 2 | 3 | 4]) })}</span>`;
}

/** A short message in the account frame: signed out, not found, a link that does not work. */
export function messagePage(publicUrl: string, title: string, lines: (string | SafeHtml)[], extra?: SafeHtml, reader: Reader = ENGLISH): string {
  return accountPage(publicUrl, title, html`<div class="narrow"><h1>${title}</h1>${lines.map((l) => html`<p>${l}</p>`)}${extra ?? ''}</div>`, reader);
}
