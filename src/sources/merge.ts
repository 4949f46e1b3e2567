import type { RegionalAdvice } from '../domain/advisory.ts';
import { normaliseName } from '../domain/destinations.ts';
import type { ImportedAdvisory, MergeDecision } from './imported.ts';

/** A feed item resolved to a destination, before items for the same destination are merged. */
export interface Candidate extends ImportedAdvisory {
  /** Whether the item is for the destination as a whole ("France") or a part of it ("Gaza", "Saba"). */
  whole: boolean;
  /** The place the item's title names ("Gaza"). */
  place: string;
  /** The ISO 3166-2 code of that place, when it is one subdivision of the destination. */
  placeCode?: string | undefined;
  /** For a group item's copy for one of its destinations: the group item's title. */
  fromGroup?: string | undefined;
}

function time(at: string): number {
  return Date.parse(at);
}

/** Newest first; equal dates keep the feed's order (the feed is newest first). */
function byNewest(a: Candidate, b: Candidate): number {
  return time(b.publishedAt) - time(a.publishedAt);
}

/** The part's own text as a region summary: its summary, then each section under its title. */
function partText(part: Candidate): string {
  return [part.content.summary, ...part.content.sections.map((s) => `### ${s.title}\n\n${s.body}`)].filter((t) => t.trim()).join('\n\n');
}

function sameArea(a: RegionalAdvice, b: RegionalAdvice): boolean {
  return a.code && b.code ? a.code === b.code : a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
}

/**
 * One advisory per destination, with nothing dropped silently. Of several items for the whole
 * destination the newest wins and the others are reported as superseded. An item for a part of the
 * destination becomes a region of it at its own level, with its own risks and text; when no item is
 * for the whole, the part at the lowest level (then the newest) is the advisory and the rest are its
 * regions, so the higher-level area shows as an exception (the West Bank at Level 3, Gaza at 4).
 */
export function mergeCandidates(candidates: readonly Candidate[]): { entries: ImportedAdvisory[]; merges: MergeDecision[] } {
  const groups = new Map<string, Candidate[]>();
  for (const candidate of candidates) groups.set(candidate.code, [...(groups.get(candidate.code) ?? []), candidate]);
  const entries: ImportedAdvisory[] = [];
  const merges: MergeDecision[] = [];
  const supersede = (older: Candidate, newer: Candidate) => merges.push({
    code: newer.code, title: older.title, into: newer.title, action: 'superseded',
    detail: `same ${older.whole ? 'destination' : 'place'}, published ${older.publishedAt.slice(0, 10)}; the newer item of ${newer.publishedAt.slice(0, 10)} wins`,
    ...(older.fromGroup ? { fromGroup: older.fromGroup } : {}),
  });
  for (const all of groups.values()) {
    // A destination's own item is more specific than a group item covering it ("French West Indies"
    // for Martinique), whatever their dates: the group's copy yields, and the report says so.
    const own = all.filter((c) => !c.fromGroup);
    const group = own.length ? own : all;
    if (own.length) {
      for (const copy of all.filter((c) => c.fromGroup)) {
        merges.push({ code: copy.code, title: copy.title, into: own[0]!.title, action: 'superseded', detail: `group item, not applied to ${copy.code}: the destination has its own item`, fromGroup: copy.fromGroup });
      }
    }
    // The same place twice (or the whole destination under two names): the newest item wins.
    const latest = new Map<string, Candidate>();
    for (const candidate of [...group].sort(byNewest)) {
      const key = candidate.whole ? '' : normaliseName(candidate.place);
      const newer = latest.get(key);
      if (newer) supersede(candidate, newer);
      else latest.set(key, candidate);
    }
    const distinct = [...latest.values()];
    const parts = distinct.filter((c) => !c.whole).sort((a, b) => a.content.level - b.content.level || byNewest(a, b));
    const base = distinct.find((c) => c.whole) ?? parts.shift()!;
    const regions = [...base.content.regions];
    for (const part of parts) {
      const region: RegionalAdvice = {
        name: part.place,
        ...(part.placeCode ? { code: part.placeCode } : {}),
        level: part.content.level,
        indicators: part.content.indicators,
        summary: partText(part),
      };
      const existing = regions.findIndex((r) => sameArea(r, region));
      if (existing >= 0) regions.splice(existing, 1, region);
      else regions.push(region);
      merges.push({ code: base.code, title: part.title, into: base.title, action: 'region', detail: `region ${part.place}${part.placeCode ? ` (${part.placeCode})` : ''} at Level ${part.content.level}` });
    }
    const kept = [base, ...parts];
    const newest = [...kept].sort(byNewest)[0]!;
    const { whole: _whole, place: _place, placeCode: _placeCode, fromGroup, ...entry } = base;
    entries.push({
      ...entry,
      content: { ...base.content, regions },
      // A newer part is news about the destination: the advisory is as new as its newest item.
      publishedAt: newest.publishedAt,
      reviewedAt: [...kept].sort((a, b) => time(b.reviewedAt) - time(a.reviewedAt))[0]!.reviewedAt,
      changeNote: base.changeNote || newest.changeNote,
      uncoded: [...(base.uncoded ?? []), ...parts.filter((p) => !p.placeCode).map((p) => ({ name: p.place, level: p.content.level }))],
      ...(fromGroup ? { fromGroup } : {}),
    });
  }
  return { entries, merges };
}
