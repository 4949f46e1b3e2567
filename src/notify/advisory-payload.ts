import type { RegionalAdvice } from '../domain/advisory.ts';
import { findByCode } from '../domain/destinations.ts';
import { levelLabel, type Level } from '../domain/levels.ts';
import type { Locale } from '../i18n/locales.ts';
import type { AdvisoryPublishedPayload } from './events.ts';

/** What publishing (the console, the API, the scheduler) and the importer know of a publication. */
export interface AdvisoryPublication {
  code: string;
  revision: number;
  level: Level;
  departureUrged: boolean;
  indicators: string[];
  /** The revision it replaces, if any. */
  previous: { revision: number; level: number } | null;
  changeType: 'major' | 'minor';
  changeNote: string;
  publishedAt: string;
  urgent: boolean;
  headlines: string[];
  sectionTitles?: Partial<Record<Locale, Record<string, string>>>;
  /** The advisory's regions; those above its level go in the payload. */
  regions?: readonly RegionalAdvice[];
  contacts?: string[];
}

/** The payload of an `advisory.published` event, the same from the console, the API, the scheduler and the importer. */
export function advisoryPublishedPayload(p: AdvisoryPublication): AdvisoryPublishedPayload {
  const destination = findByCode(p.code);
  return {
    code: p.code,
    name: destination?.name ?? p.code,
    slug: destination?.slug ?? p.code.toLowerCase(),
    revision: p.revision,
    previousRevision: p.previous?.revision ?? null,
    level: p.level,
    levelLabel: levelLabel(p.level),
    previousLevel: p.previous?.level ?? null,
    levelChanged: p.previous ? p.previous.level !== p.level : true,
    departureUrged: p.departureUrged,
    indicators: p.indicators,
    changeType: p.changeType,
    changeNote: p.changeNote,
    publishedAt: p.publishedAt,
    urgent: p.urgent,
    headlines: p.headlines,
    ...(p.sectionTitles && Object.keys(p.sectionTitles).length ? { sectionTitles: p.sectionTitles } : {}),
    higherRegions: (p.regions ?? []).filter((r) => r.level > p.level).map((r) => ({
      name: r.name, ...(r.code ? { code: r.code } : {}), level: r.level, levelLabel: levelLabel(r.level),
    })),
    ...(p.contacts?.length ? { contacts: p.contacts } : {}),
  };
}
