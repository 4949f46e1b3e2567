import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { US_STATE_DEPT } from './authorities.ts';
import { importFeed, type ImportReport } from './import.ts';
import { readFeedInput } from './read-input.ts';
import { parseUsStateDept } from './us-state-dept/parse.ts';

/** The State Department feed of 2025-10-08 shipped in data/ (public domain), so a new install has real advisories. */
export const BUNDLED_FEED = fileURLToPath(new URL('../../data/us-state-dept/travel-advisories-rss-2025-10-08.xml', import.meta.url));

/**
 * Imports the bundled feed when no destination has an advisory yet; returns what it did, or null if it
 * did nothing. Loading an empty database is installation, not news: it writes no notification events.
 */
export async function seedIfEmpty(db: Kysely<Database>): Promise<ImportReport | null> {
  const any = await db.selectFrom('destinations').select('code').where('current_revision_id', 'is not', null).limit(1).executeTakeFirst();
  if (any) return null;
  return importFeed(db, parseUsStateDept(await readFeedInput(BUNDLED_FEED)), { authority: US_STATE_DEPT, notify: false });
}
