import type { RegionalAdvice } from '../../domain/advisory.ts';
import { normaliseName } from '../../domain/destinations.ts';
import { normaliseIndicators } from '../../domain/indicators.ts';
import type { Level } from '../../domain/levels.ts';
import { nameKeys, subdivisionsOf } from '../../enrolment/regions.ts';
import { textOf, type Block } from './html.ts';
import { indicatorFor, listedRisks } from './risks.ts';

/**
 * Regional exceptions in the State Department's words: a "Do Not Travel To:" (Level 4) or
 * "Reconsider Travel To:" (Level 3) paragraph followed by a list of areas, each usually with its
 * reasons ("Ituri province due to crime, civil unrest, terrorism, armed conflict, and
 * kidnapping."). The paragraph that gives the country's own advice ("Do not travel to Belarus due
 * to:") names no areas and is not one of these. Areas whose name matches exactly one ISO 3166-2
 * subdivision get its code.
 */
const AREA_LIST = /^(do not travel|reconsider travel)\s+to\b([^:]*):$/i;

/** "Ituri province" → "ituri"; suffixes that name the kind of subdivision do not help matching. */
const KIND = /\b(?:province|provinces|state|region|governorate|department|district|oblast|prefecture|county|municipality)\b/gi;

function subdivisionCode(country: string, name: string): string | undefined {
  const key = normaliseName(name.replace(KIND, ' '));
  if (!key) return undefined;
  const matches = subdivisionsOf(country).filter((s) => nameKeys(s.name).some((k) => normaliseName(k.replace(KIND, ' ')) === key));
  return matches.length === 1 ? matches[0]!.code : undefined;
}

function listItems(block: Block): string[] {
  return [...block.inner.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!)).filter(Boolean);
}

function regionFrom(country: string, text: string, level: Level): RegionalAdvice | undefined {
  const clean = text.replace(/\s+/g, ' ').trim();
  const [namePart, reasons] = clean.split(/\s+due to\s+/i, 2) as [string, string | undefined];
  const name = namePart.replace(/[.:;,\s]+$/, '').trim();
  // A sentence, not an area: "Travel through Yeraskh village is allowed, stopping is not."
  if (!name || name.split(/\s+/).length > 16) return undefined;
  const indicators = reasons ? normaliseIndicators(listedRisks(reasons).map(indicatorFor)) : [];
  const code = subdivisionCode(country, name);
  return { name, ...(code ? { code } : {}), level, indicators, summary: clean };
}

/** The regions an advisory lists, in its order, at their own level when it is above the country's. */
export function extractRegions(country: string, countryLevel: Level, blocks: readonly Block[]): RegionalAdvice[] {
  const regions: RegionalAdvice[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.tag !== 'p') continue;
    const match = AREA_LIST.exec(textOf(block.inner));
    if (!match || /\bdue to\b/i.test(match[2]!)) continue;
    const level: Level = /^do not/i.test(match[1]!) ? 4 : 3;
    if (level < countryLevel) continue;
    const next = blocks[i + 1];
    const items = next && next.tag !== 'p' ? listItems(next) : [];
    for (const item of items) {
      const region = regionFrom(country, item, level);
      if (region && !regions.some((r) => r.name === region.name)) regions.push(region);
    }
  }
  return regions;
}
