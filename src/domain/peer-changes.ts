import type { Section } from './advisory.ts';
import { departureDirective } from './peer-departure.ts';
import type { PeerRegion, PeerSource } from './peer-levels.ts';

/**
 * Which changes to another government's advice are worth telling travellers about
 * (docs/notifications.md, "Other governments' advice"): its native level (the label, or the level
 * it maps to), the level of any of its regions (one appearing, going or moving), or its departure
 * signal (it starts or stops telling people to leave). Text, dates and change notes alone are
 * churn: nothing is said. A first import is not a change either (there is nothing it changed).
 * The tables below are the whole rule.
 */

/** Each source as messages name it, before its native words. */
export const PEER_SOURCE_NAMES: Readonly<Record<string, string>> = {
  'us-state-dept': 'United States (State Department)',
  'uk-fcdo': 'United Kingdom (FCDO)',
  canada: 'Canada (Global Affairs)',
};

/** One source's advice for a destination, as the rule reads it. */
export interface PeerSnapshot {
  nativeLabel: string;
  level: number;
  regions: readonly Pick<PeerRegion, 'name' | 'code' | 'level'>[];
  sections: readonly Pick<Section, 'title' | 'body'>[];
}

export type PeerChangeField = 'level' | 'regions' | 'departure';

export interface PeerChange {
  field: PeerChangeField;
  /** What changed, in words a message can use: "level raised from 1 to 4". */
  message: string;
}

/** Whether the advice tells citizens to leave, by the same rule the comparison shows (src/domain/peer-departure.ts). */
export function departureSignal(source: PeerSource, sections: PeerSnapshot['sections']): boolean {
  return departureDirective(source, sections.flatMap((s) => [s.title, s.body])) !== null;
}

const same = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
const regionKey = (r: { name: string; code?: string }) => (r.code ?? r.name.trim().toLowerCase());

/** Each region that appeared, went or moved level, by code where it has one (a renamed area is not news). */
function regionChanges(before: PeerSnapshot['regions'], after: PeerSnapshot['regions']): string[] {
  const old = new Map(before.map((r) => [regionKey(r), r]));
  const now = new Map(after.map((r) => [regionKey(r), r]));
  const out: string[] = [];
  for (const [key, r] of now) {
    const was = old.get(key);
    if (!was) out.push(`${r.name} added at level ${r.level}`);
    else if (was.level !== r.level) out.push(`${r.name} ${r.level > was.level ? 'raised' : 'lowered'} from level ${was.level} to ${r.level}`);
  }
  for (const [key, r] of old) if (!now.has(key)) out.push(`${r.name} no longer singled out (was level ${r.level})`);
  return out;
}

/** The rules, in the order a message says them. */
const RULES: readonly { field: PeerChangeField; changes: (before: PeerSnapshot, after: PeerSnapshot, source: PeerSource) => string[] }[] = [
  {
    field: 'level',
    changes: (b, a) => {
      if (b.level !== a.level) return [`level ${a.level > b.level ? 'raised' : 'lowered'} from ${b.level} to ${a.level}`];
      return same(b.nativeLabel, a.nativeLabel) ? [] : [`now "${a.nativeLabel}" (was "${b.nativeLabel}")`];
    },
  },
  { field: 'regions', changes: (b, a) => regionChanges(b.regions, a.regions) },
  {
    field: 'departure',
    changes: (b, a, source) => {
      const was = departureSignal(source, b.sections);
      const is = departureSignal(source, a.sections);
      return was === is ? [] : [is ? 'now tells its citizens to leave' : 'no longer tells its citizens to leave'];
    },
  },
];

/** The changes from `before` to `after` worth telling (empty: nothing to say). */
export function peerChangesWorthTelling(source: PeerSource, before: PeerSnapshot | null, after: PeerSnapshot): PeerChange[] {
  if (!before) return [];
  return RULES.flatMap((rule) => {
    const found = rule.changes(before, after, source);
    return found.length ? [{ field: rule.field, message: found.join('; ') }] : [];
  });
}
