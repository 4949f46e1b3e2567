import type { Kysely } from 'kysely';
import type { Identity } from '../domain/identity.ts';
import type { LogoType } from '../domain/logo.ts';
import { readIdentity } from '../identity/settings.ts';
import { localPublicationCount } from '../publishing/revisions.ts';
import type { Database } from '../store/schema.ts';
import type { SiteBrand, SiteLinks } from './links.ts';
import { throttledPublicationStamp } from './queries.ts';
import { currentLogo } from './snapshot.ts';

/**
 * The deployment identity as a page frame shows it (docs/identity.md): the public site's header
 * and footer, and the traveller pages' that borrow the same frame.
 */

/** The identity and the logo's version and type, with the logo's URL on these links. */
export function brandOf(links: SiteLinks, identity: Identity, logo: { version: string; type: LogoType } | null): SiteBrand {
  return { identity, logo: logo && { href: links.logo(logo.version, logo.type), type: logo.type } };
}

/**
 * Reads the brand for pages rendered outside the public site (the account pages): again only when
 * the publication stamp moves (an identity change bumps it), as the site's own snapshot does.
 */
export function brandReader(db: Kysely<Database>, maxAgeMs: number): (links: SiteLinks) => Promise<SiteBrand> {
  const stamp = throttledPublicationStamp(db, maxAgeMs);
  let last: { stamp: string; brand: Promise<SiteBrand> } | undefined;
  return async (links) => {
    const value = `${localPublicationCount()}:${await stamp()}`;
    if (last?.stamp !== value) {
      const brand = Promise.all([readIdentity(db), currentLogo(db)]).then(([identity, logo]) => brandOf(links, identity, logo));
      last = { stamp: value, brand };
      brand.catch(() => last?.brand === brand && (last = undefined));
    }
    return last.brand;
  };
}
