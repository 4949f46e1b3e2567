import type { AdvisoryContent, ChangeType } from '../domain/advisory.ts';

/** One advisory read from another publisher's feed, resolved to an ISO destination. */
export interface ImportedAdvisory {
  /** ISO 3166-1 alpha-2 of the destination. */
  code: string;
  /** The publisher's own title, kept for reports. */
  title: string;
  content: AdvisoryContent;
  changeType: ChangeType;
  changeNote: string;
  /** RFC 3339; the publisher's local date is kept (no shift to UTC). */
  publishedAt: string;
  reviewedAt: string;
  sourceUrl?: string;
}

/** An entry of a feed that could not be turned into an advisory, and why. */
export interface UnmappedEntry {
  title: string;
  reason: string;
}

export interface ParsedFeed {
  format: string;
  entries: ImportedAdvisory[];
  unmapped: UnmappedEntry[];
}

/** Thrown for input that is not a feed we can read at all; the message is one line for the user. */
export class FeedError extends Error {
  override name = 'FeedError';
}
