import { findByCode } from '../domain/destinations.ts';
import { atomFeed, rssFeed, type FeedDescription } from '../feeds/advisories.ts';
import { advisoriesCsv } from '../feeds/csv.ts';
import { advisoriesGeoJson, type AdvisoryRecord } from '../feeds/geojson.ts';
import type { SiteLinks } from './links.ts';
import { publishedChanges, type PublishedChange } from './queries.ts';
import { TYPES, rendered, type Rendered, type SiteContext } from './rendered.ts';
import type { SiteSnapshot } from './snapshot.ts';

/** How many major changes the all-destinations feeds carry. */
const FEED_ENTRIES = 100;

/** The advisories as feeds and exports: RSS and Atom (all, and per destination), GeoJSON, CSV. */
export function feedResponses({ db, links, current, cached }: SiteContext) {
  const feedAbout = (title: string, description: string, selfUrl: string, pageUrl: string): FeedDescription => ({
    title,
    description,
    selfUrl: links.absolute(selfUrl),
    pageUrl: links.absolute(pageUrl),
    pageFor: (change: PublishedChange) => links.absolute(links.destination(change.slug)),
    revisionFor: (change: PublishedChange) => links.absolute(links.revision(change.slug, change.revision)),
    // Read when the feed is built, after current(): the identity of the publication it is cached under.
    get publisher() {
      return links.brand.identity.authorityName;
    },
  });
  const allChanges = () => publishedChanges(db, { majorOnly: true, limit: FEED_ENTRIES });
  const everyDestination = feedAbout('Travel advisories: major changes', 'Changes to travel advisory levels and advice, newest first.', links.atom, links.home);

  return {
    rss: async () => cached(await current(), 'rss', async () =>
      rendered(200, TYPES.rss, rssFeed({ ...everyDestination, selfUrl: links.absolute(links.rss) }, await allChanges()))),

    atom: async () => cached(await current(), 'atom', async () => rendered(200, TYPES.atom, atomFeed(everyDestination, await allChanges()))),

    /** One destination's Atom feed (its current revision and major changes); null when the code names no destination with an advisory. */
    destinationAtom: async (code: string): Promise<Rendered | null> => {
      const destination = findByCode(code);
      const snapshot = await current();
      if (!destination || !snapshot.byCode.get(destination.code)?.advisory) return null;
      return cached(snapshot, `atom:${destination.code}`, async () => {
        const about = feedAbout(`Travel advisory: ${destination.name}`, `The travel advisory for ${destination.name} as it stands, and its major changes.`,
          links.destinationAtom(destination.code), links.destination(destination.slug));
        // The current revision is always an entry, even a minor one (an import, a reissue): a reader subscribing now sees what holds.
        return rendered(200, TYPES.atom, atomFeed(about, await publishedChanges(db, { majorOnly: true, withCurrent: true, code: destination.code, limit: 1000 })));
      });
    },

    geojson: async () => {
      const snapshot = await current();
      return cached(snapshot, 'geojson', () => rendered(200, TYPES.geojson, advisoriesGeoJson(records(snapshot, links))));
    },

    csv: async () => {
      const snapshot = await current();
      return cached(snapshot, 'csv', () => rendered(200, TYPES.csv, advisoriesCsv(records(snapshot, links))));
    },
  };
}

function records(snapshot: SiteSnapshot, links: SiteLinks): AdvisoryRecord[] {
  return snapshot.advised.map(({ destination, advisory }) => ({
    code: destination.code,
    iso3: destination.iso3,
    name: destination.name,
    level: advisory!.level,
    indicators: advisory!.indicators,
    departureUrged: advisory!.departureUrged,
    updated: advisory!.publishedAt,
    url: links.absolute(links.destination(destination.slug)),
    quickFacts: advisory!.quickFacts,
  }));
}
