import { createHash } from 'node:crypto';
import { CAP_CONTENT_TYPE } from '../alerts/cap.ts';
import type { MessageId } from '../i18n/catalog.ts';
import type { MessageValues } from '../i18n/translator.ts';
import type { Store } from '../store/connect.ts';
import type { SiteLinks } from './links.ts';
import type { SiteSnapshot } from './snapshot.ts';

/** A response body ready to send, with its ETag computed once when it was built. */
export interface Rendered {
  status: number;
  type: string;
  body: Buffer;
  etag: string;
  /** Built once for the publication and kept: worth compressing once too (src/http/variants.ts). */
  shared?: true;
}

export const HTML = 'text/html; charset=utf-8';
export const TYPES = {
  atom: 'application/atom+xml; charset=utf-8',
  cap: CAP_CONTENT_TYPE,
  rss: 'application/rss+xml; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

export function rendered(status: number, type: string, text: string | Buffer): Rendered {
  const body = typeof text === 'string' ? Buffer.from(text) : text;
  return { status, type, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** What each part of the site (pages, alerts, feeds) renders with; createSite (site.ts) makes one. */
export interface SiteContext {
  db: Store['db'];
  links: SiteLinks;
  /** The current publication: its stamp and snapshot (read once per publication). */
  current(): Promise<SiteSnapshot>;
  /**
   * Builds a response once per publication for a key. Only responses for things that exist are
   * keyed: anything a URL can name without bound (bad slugs, queries) is rendered per request.
   */
  cached(snapshot: SiteSnapshot, key: string, build: () => Promise<Rendered> | Rendered): Promise<Rendered>;
  /** The 404 page, saying what is missing in the reader's language (a message of the site catalogue). */
  notFound(what?: MessageId, values?: MessageValues): Promise<Rendered>;
}
