import type { PeerChange } from '../domain/peer-changes.ts';
import type { PeerRegion } from '../domain/peer-levels.ts';

/** The payload of a `peer.changed` event (src/notify/peer-events.ts writes it): another government's change worth telling. */
export interface PeerChangePayload {
  source: string;
  /** "United Kingdom (FCDO)". */
  sourceName: string;
  code: string;
  name: string;
  slug: string;
  /** The source's own words, and the level they map to on our comparison scale. */
  nativeLabel: string;
  level: number;
  previousNativeLabel: string;
  previousLevel: number;
  /** Its regions as they stand now. */
  regions: PeerRegion[];
  /** What changed, in the rule's order: level, regions, departure signal. */
  changes: PeerChange[];
  /** The source's own page. */
  url: string;
  updatedAt: string;
  urgent: false;
}
