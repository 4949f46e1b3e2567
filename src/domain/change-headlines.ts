import type { Locale } from '../i18n/locales.ts';
import type { AdvisoryContent } from './advisory.ts';
import type { AdvisoryTranslation } from './translation-types.ts';
import { INDICATOR_NAMES } from './indicators.ts';
import { levelLabel } from './levels.ts';
import { missionStatusChanges } from './missions.ts';

/**
 * What a published revision changed, as short phrases for a subject line, most important first:
 * "level raised to 4 (Do Not Travel)", "leave now", "new section on air travel". A traveller
 * reading only the subject learns what is new; two changes never share one fixed subject.
 * A destination's first advisory has no "before": its level (and a call to leave) is the news.
 */
export function changeHeadlines(before: AdvisoryContent | null, after: AdvisoryContent): string[] {
  const label = `${after.level} (${levelLabel(after.level)})`;
  if (!before) return [`Level ${label}`, ...(after.departureUrged ? ['leave now'] : [])];
  const headlines: string[] = [];
  if (after.level !== before.level) headlines.push(`level ${after.level > before.level ? 'raised' : 'lowered'} to ${label}`);
  if (after.departureUrged !== before.departureUrged) headlines.push(after.departureUrged ? 'leave now' : 'no longer urged to leave');
  const missions = missionStatusChanges(before.missions ?? [], after.missions ?? []);
  if (missions.length === 1) headlines.push(missions[0]!);
  else if (missions.length > 1) headlines.push(`${missions.length} embassies or consulates suspended or closed`);
  else if (JSON.stringify(before.missions ?? []) !== JSON.stringify(after.missions ?? [])) headlines.push('embassy and consulate details updated');
  if (JSON.stringify(before.quickFacts ?? null) !== JSON.stringify(after.quickFacts ?? null)) headlines.push('quick facts updated');
  const added = after.indicators.filter((i) => !before.indicators.includes(i));
  const removed = before.indicators.filter((i) => !after.indicators.includes(i));
  if (added.length) headlines.push(`new risk${added.length > 1 ? 's' : ''}: ${added.map((i) => INDICATOR_NAMES[i]).join(', ')}`);
  if (removed.length) headlines.push(`risk${removed.length > 1 ? 's' : ''} removed: ${removed.map((i) => INDICATOR_NAMES[i]).join(', ')}`);
  if (JSON.stringify(before.regions) !== JSON.stringify(after.regions)) headlines.push(regionHeadline(before, after));
  headlines.push(...sectionHeadlines(before, after));
  if (before.summary !== after.summary) headlines.push('summary updated');
  if (JSON.stringify(before.risks) !== JSON.stringify(after.risks)) headlines.push('risks updated');
  if (JSON.stringify(before.translations ?? {}) !== JSON.stringify(after.translations ?? {})) headlines.push('translation updated');
  return headlines.length ? headlines : ['advice reissued unchanged'];
}

function regionHeadline(before: AdvisoryContent, after: AdvisoryContent): string {
  const names = new Set(before.regions.map((r) => r.name));
  const fresh = after.regions.filter((r) => !names.has(r.name));
  if (fresh.length === 1) return `new regional advice for ${fresh[0]!.name} (Level ${fresh[0]!.level})`;
  return 'regional advice changed';
}

/** A title as a headline says it mid-phrase: "Air travel" → "air travel", "COVID-19" stays. */
const lower = (title: string) => title.replace(/^\p{Lu}(?!\p{Lu})/u, (c) => c.toLowerCase());

/**
 * The section titles the headlines name ("new section on air travel"), per language with a
 * published translation that titles the section: the message in that language names the section as
 * its readers see it on the page. Keyed by the title as the headline spells it; the previous
 * revision's translations count too (a removed section is named as it was).
 */
export function translatedSectionTitles(before: AdvisoryContent | null, after: AdvisoryContent): Partial<Record<Locale, Record<string, string>>> {
  const titles: Partial<Record<Locale, Record<string, string>>> = {};
  for (const content of [before, after]) {
    for (const [locale, translation] of Object.entries(content?.translations ?? {}) as [Locale, AdvisoryTranslation | undefined][]) {
      for (const section of content!.sections) {
        const title = translation?.sections[section.slug]?.title;
        if (title) (titles[locale] ??= {})[lower(section.title)] = title;
      }
    }
  }
  return titles;
}

function sectionHeadlines(before: AdvisoryContent, after: AdvisoryContent): string[] {
  const old = new Map(before.sections.map((s) => [s.slug, s]));
  const now = new Set(after.sections.map((s) => s.slug));
  const headlines: string[] = [];
  for (const section of after.sections) {
    const was = old.get(section.slug);
    if (!was) headlines.push(`new section on ${lower(section.title)}`);
    else if (was.body !== section.body || was.title !== section.title) headlines.push(`${lower(section.title)} updated`);
  }
  for (const section of before.sections) if (!now.has(section.slug)) headlines.push(`section on ${lower(section.title)} removed`);
  return headlines;
}

/**
 * The subject of an advisory change: "Russia: level raised to 4 (Do Not Travel) – leave now". At
 * most two changes, then "and N more". Where citizens are urged to leave and that is not the news,
 * the subject still says so ("Russia: summary updated – Level 4, leave now"): someone who reads
 * only subjects must never be left thinking a leave-now destination is business as usual.
 */
export function changeSubject(name: string, headlines: readonly string[], now: { level: number; departureUrged: boolean }): string {
  const shown = headlines.slice(0, 2).join(' – ');
  const more = headlines.length - 2;
  const stillLeave = now.departureUrged && !headlines.includes('leave now') ? ` – Level ${now.level}, leave now` : '';
  return `${name}: ${shown}${more > 0 ? ` and ${more} more change${more > 1 ? 's' : ''}` : ''}${stillLeave}`;
}
