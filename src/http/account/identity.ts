import type { Kysely } from 'kysely';
import { DEFAULT_IDENTITY, type Identity } from '../../domain/identity.ts';
import { readIdentity } from '../../identity/settings.ts';
import type { Database } from '../../store/schema.ts';

/**
 * The deployment identity the traveller pages are framed and worded in (docs/identity.md): their
 * header, title and footer, and the text that names who runs the service ("enrol with …"). Read
 * afresh before every account request (one small query), so a change shows on the next page.
 */
let current: Identity = DEFAULT_IDENTITY;

export async function refreshAccountIdentity(db: Kysely<Database>): Promise<void> {
  current = await readIdentity(db);
}

export function accountIdentity(): Identity {
  return current;
}
