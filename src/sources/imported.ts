import type { AdvisoryContent } from '../domain/advisory.ts';
import type { Level } from '../domain/levels.ts';

/** One advisory read from another publisher's feed, resolved to an ISO destination. */
export interface ImportedAdvisory {
  /** ISO 3166-1 alpha-2 of the destination. */
  code: string;
  /** The publisher's own title, kept for reports. */
  title: string;
  content: AdvisoryContent;
  /** The publisher's own note on what changed. Kept as the change note; the change type is derived from the content. */
  changeNote: string;
  /** RFC 3339; the publisher's local date is kept (no shift to UTC). */
  publishedAt: string;
  reviewedAt: string;
  sourceUrl?: string;
  /** Regions named in the text that matched no single ISO 3166-2 code. */
  uncoded?: { name: string; level: Level }[];
  /** The title of the group item ("French West Indies") this advisory was applied from, if any. */
  fromGroup?: string;
}

/** An entry of a feed that could not be turned into an advisory, and why. */
export interface UnmappedEntry {
  title: string;
  reason: string;
}

/**
 * How two feed items for one destination became one advisory: the older of two items for the whole
 * destination is superseded; an item for a part of it becomes a region of it. Never silent.
 */
export interface MergeDecision {
  code: string;
  /** The item merged into the destination's advisory, or superseded by it. */
  title: string;
  /** The item whose advisory it is now part of, or that superseded it. */
  into: string;
  action: 'superseded' | 'region';
  /** What the report prints: "older than …", "region Gaza (Level 4)". */
  detail: string;
  /** Set when the item merged is a group item's copy for this destination, not an item of its own. */
  fromGroup?: string;
}

/** An item naming a group of territories, applied to each of them (src/sources/us-state-dept/groups.ts). */
export interface GroupApplication {
  title: string;
  /** The group's name ("French West Indies"). */
  group: string;
  /** Every destination the group covers. */
  covers: string[];
  /** Those that took the item as their advisory (the others have their own item in the feed). */
  applied: string[];
  /** What the report prints: "applied to GP, MQ, BL, MF". */
  detail: string;
}

export interface ParsedFeed {
  format: string;
  /**
   * Items read from the feed; every one is an entry, part of a merge, unmapped, or a group item (whose
   * copies, one per destination, are entries and merges marked `fromGroup`).
   */
  items: number;
  entries: ImportedAdvisory[];
  merges: MergeDecision[];
  unmapped: UnmappedEntry[];
  groups: GroupApplication[];
}

/** Thrown for input that is not a feed we can read at all; the message is one line for the user. */
export class FeedError extends Error {
  override name = 'FeedError';
}
