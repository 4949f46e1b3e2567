import { INDICATOR_NAMES, INDICATORS } from '../domain/indicators.ts';
import { MISSION_STATUSES, STATUS_LABELS } from '../domain/missions.ts';
import { destinationName } from '../i18n/destination-names.ts';
import type { Translator } from '../i18n/translator.ts';
import type { AdvisoryEvent } from './events.ts';

/**
 * An advisory change's subject and level lines in the reader's language. The change headlines are
 * stored in the event as English phrases (src/domain/change-headlines.ts, written at publishing);
 * each known phrase is read back here and said again in the reader's language. A phrase not
 * recognised is kept as written rather than dropped. Risk names and embassy statuses are said
 * in the reader's language; a section is named by its published translation's title where the
 * advisory has one in that language (the payload's sectionTitles), else as the original titles it.
 * A mission's name is the editors' text and stays as written.
 */

const LEAVE_NOW = 'leave now';

type Payload = AdvisoryEvent['payload'];

/** The destination's name: as published in English, from the shared list in other languages. */
export function advisoryName(tr: Translator, p: Pick<Payload, 'name' | 'code'>): string {
  return tr.locale === 'en' ? p.name || p.code : destinationName(p.code, tr.locale);
}

export function levelLabelIn(tr: Translator, level: number): string {
  return tr.t('mail.levelLabel', { level: String(level) });
}

const count = (names: string) => names.split(', ').length;

/** "Crime, Wrongful Detention" → "Criminalité, Détention arbitraire": the site's names for the risks. */
function riskNames(tr: Translator, names: string): string {
  const code = (name: string) => INDICATORS.find((c) => INDICATOR_NAMES[c] === name);
  return names.split(', ').map((name) => {
    const found = code(name);
    return found ? tr.t(`site.indicator.${found}`) : name;
  }).join(', ');
}

/** "reduced staff" (as a headline writes a status) → "personnel réduit". */
function missionStatus(tr: Translator, label: string): string {
  const status = MISSION_STATUSES.find((s) => STATUS_LABELS[s].toLowerCase() === label);
  return status ? tr.t(`mission.status.${status}`).toLowerCase() : label;
}

/** One stored English headline in the reader's language (English ones as they are). */
export function localHeadline(tr: Translator, headline: string, sectionTitles: Payload['sectionTitles'] = {}): string {
  if (tr.locale === 'en') return headline;
  const titles = sectionTitles[tr.locale] ?? {};
  const section = (title: string) => (Object.hasOwn(titles, title) ? titles[title]! : title);
  const label = (level: string) => levelLabelIn(tr, Number(level));
  let m: RegExpExecArray | null;
  if ((m = /^Level (\d) \(.*\)$/.exec(headline))) return tr.t('mailAdvisory.hLevel', { level: m[1], label: label(m[1]!) });
  if ((m = /^level (raised|lowered) to (\d) \(.*\)$/.exec(headline))) {
    return tr.t(m[1] === 'raised' ? 'mailAdvisory.hRaised' : 'mailAdvisory.hLowered', { level: m[2], label: label(m[2]!) });
  }
  if ((m = /^(\d+) embassies or consulates suspended or closed$/.exec(headline))) return tr.t('mailAdvisory.hMissionsClosed', { count: Number(m[1]) });
  if ((m = /^new risks?: (.+)$/.exec(headline))) return tr.t('mailAdvisory.hNewRisks', { count: count(m[1]!), names: riskNames(tr, m[1]!) });
  if ((m = /^risks? removed: (.+)$/.exec(headline))) return tr.t('mailAdvisory.hRisksRemoved', { count: count(m[1]!), names: riskNames(tr, m[1]!) });
  if ((m = /^new regional advice for (.+) \(Level (\d)\)$/.exec(headline))) return tr.t('mailAdvisory.hNewRegion', { name: m[1], level: m[2] });
  const fixed = FIXED_TEXT[headline];
  if (fixed) return tr.t(fixed);
  if ((m = /^(.+) changed from (.+) to (.+)$/.exec(headline))) return tr.t('mailAdvisory.hMissionChanged', { name: m[1], from: missionStatus(tr, m[2]!), to: missionStatus(tr, m[3]!) });
  if ((m = /^(.+) listed as (.+)$/.exec(headline))) return tr.t('mailAdvisory.hMissionListed', { name: m[1], status: missionStatus(tr, m[2]!) });
  if ((m = /^new section on (.+)$/.exec(headline))) return tr.t('mailAdvisory.hNewSection', { title: section(m[1]!) });
  if ((m = /^section on (.+) removed$/.exec(headline))) return tr.t('mailAdvisory.hSectionRemoved', { title: section(m[1]!) });
  if ((m = /^(.+) updated$/.exec(headline))) return tr.t('mailAdvisory.hSectionUpdated', { title: section(m[1]!) });
  return headline;
}

const FIXED = {
  [LEAVE_NOW]: 'mailAdvisory.hLeaveNow',
  'no longer urged to leave': 'mailAdvisory.hNoLongerLeave',
  'embassy and consulate details updated': 'mailAdvisory.hMissionsUpdated',
  'quick facts updated': 'mailAdvisory.hQuickFacts',
  'regional advice changed': 'mailAdvisory.hRegions',
  'summary updated': 'mailAdvisory.hSummary',
  'risks updated': 'mailAdvisory.hRisks',
  'advice reissued unchanged': 'mailAdvisory.hUnchanged',
  'translation updated': 'mailAdvisory.hTranslation',
} as const satisfies Record<string, Parameters<Translator['t']>[0]>;
const FIXED_TEXT: Record<string, (typeof FIXED)[keyof typeof FIXED] | undefined> = FIXED;

/**
 * "Russia: level raised to 4 (Do Not Travel) – leave now" / "Russie : niveau relevé à 4 (Ne pas
 * voyager) – partez maintenant": at most two changes, then "and N more". Where citizens are urged
 * to leave and that is not the news, the subject still says so (src/domain/change-headlines.ts).
 * Events written before headlines existed keep the old form, "Russia: Level 4 – Do Not Travel – …".
 */
export function advisorySubject(tr: Translator, p: Payload): string {
  const name = advisoryName(tr, p);
  if (!p.headlines?.length) {
    const tail = p.departureUrged ? tr.t('mailAdvisory.legacyLeave')
      : p.levelChanged && p.previousLevel ? tr.t('mailAdvisory.legacyWas', { previous: p.previousLevel }) : tr.t('mailAdvisory.legacyUpdated');
    return tr.t('mailAdvisory.legacy', { name, level: p.level, label: levelLabelIn(tr, p.level), tail });
  }
  const local = p.headlines.slice(0, 2).map((h) => localHeadline(tr, h, p.sectionTitles));
  // The dash between changes is punctuation, the same in every language.
  let changes = local.join(' – ');
  if (p.headlines.length > 2) changes = tr.t('mailAdvisory.more', { changes, more: p.headlines.length - 2 });
  const subject = tr.t('mailAdvisory.subject', { name, changes });
  return p.departureUrged && !p.headlines.includes(LEAVE_NOW) ? tr.t('mailAdvisory.stillLeave', { subject, level: p.level }) : subject;
}

/** "Gaza (PS-GZA): Level 4 – Do Not Travel": a part of the destination advised above its level. */
export function higherRegionLinesIn(tr: Translator, p: Payload): string[] {
  return (p.higherRegions ?? []).map((r) => tr.t('mailAdvisory.higherRegion', { name: `${r.name}${r.code ? ` (${r.code})` : ''}`, level: r.level, label: levelLabelIn(tr, r.level) }));
}
