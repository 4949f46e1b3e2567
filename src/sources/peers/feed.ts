import type { Section } from '../../domain/advisory.ts';
import type { Level } from '../../domain/levels.ts';
import type { PeerRegion } from '../../domain/peer-levels.ts';
import type { MergeDecision, UnmappedEntry } from '../imported.ts';

/** One destination's advice as another government published it, mapped for comparison. */
export interface PeerEntry {
  code: string;
  /** The publisher's own name for the place, for reports. */
  title: string;
  nativeLabel: string;
  level: Level;
  regions: PeerRegion[];
  sections: Section[];
  changeNote: string;
  /** RFC 3339: when the publisher last changed it. */
  updatedAt: string;
  url: string;
  /** Region names that matched no ISO 3166-2 code (kept as regions, reported). */
  uncoded: string[];
}

/** A peer source's documents, read: every document is an entry, a merge (superseded) or unmapped. */
export interface PeerFeed {
  format: string;
  items: number;
  entries: PeerEntry[];
  merges: MergeDecision[];
  unmapped: UnmappedEntry[];
}

/** Two documents for one destination (a directory holding an old copy): the newest wins, reported. */
export function keepNewest(format: string, items: number, read: PeerEntry[], unmapped: UnmappedEntry[]): PeerFeed {
  const byCode = new Map<string, PeerEntry>();
  const merges: MergeDecision[] = [];
  for (const entry of read) {
    const other = byCode.get(entry.code);
    if (!other) {
      byCode.set(entry.code, entry);
      continue;
    }
    const [winner, loser] = entry.updatedAt > other.updatedAt ? [entry, other] : [other, entry];
    byCode.set(entry.code, winner);
    merges.push({ code: entry.code, title: loser.title, into: winner.title, action: 'superseded', detail: `not newer than the other document (${loser.updatedAt} ≤ ${winner.updatedAt})` });
  }
  return { format, items, entries: [...byCode.values()], merges, unmapped };
}
