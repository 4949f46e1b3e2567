import type { Kysely } from 'kysely';
import { US_STATE_DEPT } from '../../src/sources/authorities.ts';
import { BUNDLED_FEED } from '../../src/sources/bundled.ts';
import { importFeed } from '../../src/sources/import.ts';
import { readFeedInput } from '../../src/sources/read-input.ts';
import { parseUsStateDept } from '../../src/sources/us-state-dept/parse.ts';
import type { ParsedFeed } from '../../src/sources/imported.ts';
import type { Database } from '../../src/store/schema.ts';

let bundled: ParsedFeed | undefined;

/** The bundled 2025-10-08 State Department feed, parsed once per test file. */
export async function bundledFeed(): Promise<ParsedFeed> {
  if (!bundled) bundled = parseUsStateDept(await readFeedInput(BUNDLED_FEED));
  return bundled;
}

export async function importBundled(db: Kysely<Database>) {
  return importFeed(db, await bundledFeed(), { authority: US_STATE_DEPT, notify: false });
}
