import type { Level } from './levels.ts';

/**
 * How other governments' advice is put on our 1–4 scale, for comparison only: each source keeps
 * its native wording, shown next to the mapped level everywhere (docs/sources.md, "One comparable
 * scale"). The tables are the whole rule; nothing else maps a native level.
 */

export const PEER_SOURCES = ['us-state-dept', 'uk-fcdo', 'canada'] as const;
export type PeerSource = (typeof PEER_SOURCES)[number];

/** One area a source singles out, at its own level. */
export interface PeerRegion {
  name: string;
  /** ISO 3166-2 where the name matches exactly one subdivision. */
  code?: string;
  level: Level;
  nativeLabel: string;
}

/** Global Affairs Canada's `advisory-state` 0–3, with its own words. */
export const CANADA_STATES: Readonly<Record<0 | 1 | 2 | 3, { level: Level; label: string }>> = {
  0: { level: 1, label: 'Take normal security precautions' },
  1: { level: 2, label: 'Exercise a high degree of caution' },
  2: { level: 3, label: 'Avoid non-essential travel' },
  3: { level: 4, label: 'Avoid all travel' },
};

export function canadaLevel(state: number): { level: Level; label: string } | undefined {
  return CANADA_STATES[state as 0 | 1 | 2 | 3];
}

/** A regional advisory's heading ("Regional Advisory - Avoid non-essential travel") → its state's level. */
export function canadaLabelLevel(text: string): { level: Level; label: string } | undefined {
  const lower = text.toLowerCase();
  // Longest label first: "avoid all travel" is not inside "avoid non-essential travel", but order keeps it safe.
  const found = Object.values(CANADA_STATES).sort((a, b) => b.label.length - a.label.length).find((s) => lower.includes(s.label.toLowerCase()));
  return found;
}

/** The FCDO's `details.alert_status` values: what each says, and what it does to the country or to parts of it. */
export const UK_ALERT_STATUSES: Readonly<Record<string, { scope: 'country' | 'parts'; level: Level; label: string }>> = {
  avoid_all_travel_to_whole_country: { scope: 'country', level: 4, label: 'Advise against all travel' },
  avoid_all_but_essential_travel_to_whole_country: { scope: 'country', level: 3, label: 'Advise against all but essential travel' },
  avoid_all_travel_to_parts: { scope: 'parts', level: 4, label: 'Advise against all travel to parts' },
  avoid_all_but_essential_travel_to_parts: { scope: 'parts', level: 3, label: 'Advise against all but essential travel to parts' },
};

/** No FCDO warning: the country's baseline on our scale. */
export const UK_BASELINE = { level: 1 as Level, label: 'No travel warning' };

export interface UkMapping {
  level: Level;
  nativeLabel: string;
  /** Levels the warnings give to parts of the country (3, 4), highest first. */
  partLevels: Level[];
  /** Statuses this table does not know; reported, never guessed. */
  unknown: string[];
}

/**
 * Whole-country "against all travel" → 4, "all but essential" → 3; parts only → the country stays
 * at its baseline (1) and the parts are regions at 3 or 4. The native label joins the statuses in
 * the FCDO's order of severity.
 */
export function ukLevel(statuses: readonly string[]): UkMapping {
  const known = statuses.map((s) => UK_ALERT_STATUSES[s]).filter((s) => s !== undefined);
  const unknown = statuses.filter((s) => !UK_ALERT_STATUSES[s]);
  const country = known.filter((s) => s.scope === 'country').sort((a, b) => b.level - a.level)[0];
  const parts = known.filter((s) => s.scope === 'parts').sort((a, b) => b.level - a.level);
  const labels = [...(country ? [country] : []), ...parts].map((s) => s.label);
  return {
    level: country?.level ?? UK_BASELINE.level,
    nativeLabel: labels.length ? labels.join('; ') : UK_BASELINE.label,
    partLevels: [...new Set(parts.map((p) => p.level))],
    unknown,
  };
}

/** The UK's words for a part at a level: what the comparison shows next to the region. */
export function ukPartLabel(level: Level): string {
  return level === 4 ? 'Advise against all travel' : 'Advise against all but essential travel';
}

/** How far apart the levels are: the highest minus the lowest (0 when fewer than two). */
export function spread(levels: readonly (number | null | undefined)[]): number {
  const known = levels.filter((l): l is number => typeof l === 'number');
  return known.length < 2 ? 0 : Math.max(...known) - Math.min(...known);
}

/** The highest level a source gives anywhere in the destination: the country's or a region's. */
export function highestLevel(advice: { level: number; regions: readonly { level: number }[] }): number {
  return Math.max(advice.level, ...advice.regions.map((r) => r.level));
}

/** A peer raised the destination above our level: the signal the console shows editors. */
export function raisesAbove(ours: number | null, peer: number): boolean {
  return ours !== null && peer > ours;
}
