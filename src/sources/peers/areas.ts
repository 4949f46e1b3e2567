import type { Level } from '../../domain/levels.ts';
import type { PeerRegion } from '../../domain/peer-levels.ts';
import { subdivisionCode } from '../us-state-dept/regions.ts';

/** "the provinces of Siirt, Tunceli and Hakkari": a list of subdivision names, one region each. */
const LIST_PREFIX = /^(?:the\s+)?(?:provinces|regions|states|departments|districts|governorates|municipalities|counties|oblasts)\s+of\s+/i;
/** "the city of Diyarbakir": the words before a place that do not help matching it. */
const PLACE_PREFIX = /^(?:the\s+)?(?:city|town|island|province|region|state|department|district|governorate)\s+of\s+/i;

/**
 * Turns one area a peer source names into regions: a list of subdivisions becomes one coded region
 * each; any other wording is kept whole, with the ISO 3166-2 code of the one subdivision it names
 * where there is one. `uncoded` collects the names that matched no code, for the report.
 */
export function areaRegions(country: string, area: string, level: Level, nativeLabel: string, uncoded: string[]): PeerRegion[] {
  const text = area.replace(/\s+/g, ' ').replace(/[.;:,\s]+$/, '').trim();
  if (!text) return [];
  const listed = LIST_PREFIX.exec(text);
  if (listed) {
    const names = text.slice(listed[0].length).split(/\s*,\s*|\s+and\s+/).map((n) => n.trim()).filter(Boolean);
    const coded = names.map((name) => ({ name, code: subdivisionCode(country, name) }));
    if (coded.every((c) => c.code)) return coded.map((c) => ({ name: c.name, code: c.code!, level, nativeLabel }));
  }
  const code = subdivisionCode(country, text.replace(PLACE_PREFIX, ''));
  if (!code) uncoded.push(`${text} (Level ${level})`);
  return [{ name: text, ...(code ? { code } : {}), level, nativeLabel }];
}
