import type { AdvisoryContent, ChangeType, RegionalAdvice } from './advisory.ts';
import { INDICATOR_NAMES, normaliseIndicators, type Indicator } from './indicators.ts';
import { missionStatusChanges } from './missions.ts';

/**
 * Which changes to an advisory a traveller must always be told about. The change type is derived
 * from what changed, not only chosen: a change of level, of the departure directive, of the
 * indicator set, of any region (its level, its risks, or the area itself appearing, going or
 * being renamed), or a mission becoming suspended or closed is always major and always notifies. An editor may mark other changes major; no
 * one, and no path (console, staff API, scheduler, importer), can make these minor.
 */

export type MandatoryField = 'level' | 'departureUrged' | 'indicators' | 'regions' | 'missions';

export interface MandatoryChange {
  field: MandatoryField;
  /** What changed, in words an editor and the audit log can read: "level raised from 2 to 4". */
  message: string;
}

/** The changes from `before` to `after` that make a revision major (empty: the editor may choose). */
export function mandatoryChanges(before: AdvisoryContent | null, after: AdvisoryContent): MandatoryChange[] {
  if (!before) return [];
  const changes: MandatoryChange[] = [];
  if (before.level !== after.level) {
    const way = after.level > before.level ? 'raised' : 'lowered';
    changes.push({ field: 'level', message: `level ${way} from ${before.level} to ${after.level}` });
  }
  if (before.departureUrged !== after.departureUrged) {
    changes.push({ field: 'departureUrged', message: after.departureUrged ? 'citizens are now urged to leave' : 'the call to leave is lifted' });
  }
  const indicators = indicatorChange(before.indicators, after.indicators);
  if (indicators) changes.push({ field: 'indicators', message: `risk indicators ${indicators}` });
  const regions = regionChanges(before.regions, after.regions);
  if (regions.length) changes.push({ field: 'regions', message: regions.join('; ') });
  // A mission that stops helping (suspended, closed) changes where travellers can turn for help.
  const missions = missionStatusChanges(before.missions ?? [], after.missions ?? []);
  if (missions.length) changes.push({ field: 'missions', message: missions.join('; ') });
  return changes;
}

/**
 * The change type a revision gets: major for a destination's first advisory and whenever
 * `mandatoryChanges` finds anything; otherwise what was chosen (an importer passes its default).
 */
export function deriveChangeType(before: AdvisoryContent | null, after: AdvisoryContent, chosen: ChangeType): ChangeType {
  if (!before) return 'major';
  return mandatoryChanges(before, after).length > 0 ? 'major' : chosen;
}

/**
 * A public change note written from what changed, for a revision that must be major but came
 * without a note of its own: "Level raised from 2 to 4; citizens are now urged to leave."
 */
export function describeChanges(changes: readonly MandatoryChange[]): string {
  const text = changes.map((c) => c.message).join('; ');
  return text ? `${text[0]!.toUpperCase()}${text.slice(1)}.` : '';
}

/** "added K, D; removed C", or '' when the sets are equal. */
function indicatorChange(before: Indicator[], after: Indicator[]): string {
  const was = new Set(before);
  const now = new Set(after);
  const added = normaliseIndicators(after.filter((i) => !was.has(i)));
  const removed = normaliseIndicators(before.filter((i) => !now.has(i)));
  const named = (list: Indicator[]) => list.map((i) => `${i} (${INDICATOR_NAMES[i]})`).join(', ');
  return [added.length ? `added ${named(added)}` : '', removed.length ? `removed ${named(removed)}` : ''].filter(Boolean).join('; ');
}

/** A region is the same area when its ISO 3166-2 code matches, or, without codes, its name does. */
function regionKey(region: RegionalAdvice): string {
  return region.code ? `code:${region.code.toUpperCase()}` : `name:${region.name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

function regionChanges(before: RegionalAdvice[], after: RegionalAdvice[]): string[] {
  const was = new Map(before.map((r) => [regionKey(r), r]));
  const now = new Map(after.map((r) => [regionKey(r), r]));
  const changes: string[] = [];
  for (const [key, region] of now) {
    const old = was.get(key);
    if (!old) {
      changes.push(`region ${region.name} added at Level ${region.level}`);
      continue;
    }
    if (old.level !== region.level) changes.push(`region ${region.name} ${region.level > old.level ? 'raised' : 'lowered'} from Level ${old.level} to ${region.level}`);
    const indicators = indicatorChange(old.indicators, region.indicators);
    if (indicators) changes.push(`region ${region.name}: risk indicators ${indicators}`);
    // A renamed area with the same code is still a different description of where not to go.
    if (old.code && old.name.trim() !== region.name.trim()) changes.push(`region ${old.code} renamed from ${old.name} to ${region.name}`);
  }
  for (const [key, region] of was) {
    if (!now.has(key)) changes.push(`region ${region.name} (Level ${region.level}) removed`);
  }
  return changes;
}
