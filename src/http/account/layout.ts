import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { siteLinks, type SiteLinks } from '../../site/links.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout } from '../pages/layout.ts';

/** The account stylesheet, served under a content-hashed URL beside the public site's. */
export const ACCOUNT_CSS = readFileSync(new URL('./account.css', import.meta.url));
export const ACCOUNT_CSS_PATH = `/account/assets/account.${createHash('sha256').update(ACCOUNT_CSS).digest('hex').slice(0, 10)}.css`;

let cached: { publicUrl: string; links: SiteLinks } | undefined;

function links(publicUrl: string): SiteLinks {
  if (cached?.publicUrl !== publicUrl) cached = { publicUrl, links: siteLinks({ mode: 'live', base: '/', publicUrl }) };
  return cached.links;
}

/** A traveller page in the public site's frame; never indexed, never cached by shared caches. */
export function accountPage(publicUrl: string, title: string, main: SafeHtml): string {
  return layout({
    links: links(publicUrl),
    title,
    description: 'Your Waypost account: trips, subscriptions and how we reach you.',
    href: null,
    section: null,
    main: html`<link rel="stylesheet" href="${ACCOUNT_CSS_PATH}">${main}`,
  });
}
