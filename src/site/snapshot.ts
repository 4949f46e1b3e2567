import type { Kysely } from 'kysely';
import { listAlerts, type StoredAlert } from '../alerts/records.ts';
import { DESTINATIONS, type Destination } from '../domain/destinations.ts';
import type { Level } from '../domain/levels.ts';
import { currentAdvisories, type StoredRevision } from '../publishing/revisions.ts';
import type { Database } from '../store/schema.ts';
import type { Identity } from '../domain/identity.ts';
import type { LogoType } from '../domain/logo.ts';
import { logoVersion, readIdentity, readLogo } from '../identity/settings.ts';
import { publicReviewOverdue } from './freshness-setting.ts';
import { publishedChanges, type PublishedChange } from './queries.ts';

/** A destination as the public site shows it: its current advisory, if any. */
export interface DestinationView {
  destination: Destination;
  advisory: StoredRevision | undefined;
  /** The highest regional level above the country-wide one (Mexico: Level 2, some states Level 4). */
  higherRegionLevel: Level | null;
}

/** Everything most pages need about the current publication, read once per publication. */
export interface SiteSnapshot {
  stamp: string;
  /** Every destination, by name, with or without an advisory. */
  destinations: DestinationView[];
  bySlug: ReadonlyMap<string, DestinationView>;
  byCode: ReadonlyMap<string, DestinationView>;
  /** Destinations with an advisory, by name. */
  advised: DestinationView[];
  latestChanges: PublishedChange[];
  /** Publication time of the newest revision. */
  updatedAt: string | null;
  /** The day the snapshot was read (UTC, YYYY-MM-DD): pages say the advice is still current at it. */
  today: string;
  /** Whether pages tell readers an advisory is past its review date (docs/public-site.md, "Freshness"). */
  showOverdueReviews: boolean;
  /** Who publishes here (docs/identity.md), and the logo's version and type when there is one. */
  identity: Identity;
  logo: { version: string; type: LogoType } | null;
  /** Public alerts in force or still to come, newest first: on the home page, its map and the navigation. */
  activeAlerts: StoredAlert[];
}

const LATEST_CHANGES = 10;

export async function loadSnapshot(db: Kysely<Database>, stamp: string): Promise<SiteSnapshot> {
  const current = new Map((await currentAdvisories(db)).map((advisory) => [advisory.code, advisory]));
  const latestChanges = await publishedChanges(db, { limit: LATEST_CHANGES });
  const destinations = DESTINATIONS.map((destination): DestinationView => {
    const advisory = current.get(destination.code);
    return { destination, advisory, higherRegionLevel: advisory ? higherRegionLevel(advisory) : null };
  });
  return {
    stamp,
    destinations,
    bySlug: new Map(destinations.map((view) => [view.destination.slug, view])),
    byCode: new Map(destinations.map((view) => [view.destination.code, view])),
    advised: destinations.filter((view) => view.advisory),
    latestChanges,
    updatedAt: latestChanges[0]?.publishedAt ?? null,
    today: new Date().toISOString().slice(0, 10),
    showOverdueReviews: await publicReviewOverdue(db),
    identity: await readIdentity(db),
    logo: await currentLogo(db),
    activeAlerts: await listAlerts(db, { active: true, publicOnly: true, limit: 500 }),
  };
}

export async function currentLogo(db: Kysely<Database>): Promise<SiteSnapshot['logo']> {
  const [version, logo] = await Promise.all([logoVersion(db), readLogo(db)]);
  return version && logo ? { version, type: logo.type } : null;
}

function higherRegionLevel(advisory: StoredRevision): Level | null {
  const highest = Math.max(0, ...advisory.regions.map((region) => region.level));
  return highest > advisory.level ? (highest as Level) : null;
}
