import { findByCode, findByName, type Destination } from '../../domain/destinations.ts';
import { isoFromFips } from './fips.ts';
import { territoryGroup, type TerritoryGroup } from './groups.ts';

export interface ResolveInput {
  /** The place name from the title, already cleaned by titleName(). */
  name: string;
  /** The Country-Tag category (FIPS 10-4), if any. */
  tag?: string | undefined;
  /** The item's own link. */
  link?: string | undefined;
  /** The item's HTML, searched for links to travel.state.gov destination pages. */
  html?: string | undefined;
}

/** One destination, a group of them (groups.ts), or why neither. */
export type Resolution = { code: string } | { group: TerritoryGroup } | { reason: string };

/** Splits "Level N" and decoration off a title: "Mexico Travel Advisory - Level 2: …" → "Mexico". */
export function titleName(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .replace(/\s*-\s*Level\s*[1-4]\b.*$/i, '')
    .replace(/\s*-\s*See Summaries\s*$/i, '')
    .replace(/\s+Travel Advisory\s*$/i, '')
    .trim();
}

/** ISO alpha-3 codes named by links like …/destination.mex.html; the page for one country each. */
function destinationLinkCodes(text: string | undefined): Destination[] {
  const found = new Map<string, Destination>();
  for (const match of (text ?? '').matchAll(/\/destination\.([a-z]{3})\.html/gi)) {
    const destination = findByCode(match[1]!);
    if (destination) found.set(destination.code, destination);
  }
  return [...found.values()];
}

/** The destination the title names as a whole, ignoring a parenthetical: "Burma (Myanmar)" → MM. */
export function byWholeName(name: string): Destination | undefined {
  const bare = name.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
  const inParens = /\(([^)]+)\)/.exec(name)?.[1];
  return findByName(name) ?? findByName(bare) ?? (inParens ? findByName(inParens) : undefined);
}

/** For a title naming several places ("Mainland China, Hong Kong & Macau"), the first that is a destination. */
function byFirstNamedPlace(name: string): Destination | undefined {
  const parts = name.split(/\s*(?:,|&|\band\b)\s*/i).filter(Boolean);
  return parts.length > 1 ? findByName(parts[0]!) : undefined;
}

/**
 * Finds the ISO destination of an item: a destination-page link, else the FIPS country tag, else the
 * title's name. A code that disagrees with the title's own name loses to the name, because tags are
 * known to be reused (SR for Switzerland) and a wrong mapping would publish one country's advice
 * under another's flag.
 */
export function resolveDestination(input: ResolveInput): Resolution {
  const named = byWholeName(input.name);

  const ownLink = destinationLinkCodes(input.link);
  const inText = destinationLinkCodes(input.html);
  // A description may link to a neighbour's page; only an unambiguous link identifies the item.
  const linked = ownLink.length === 1 ? ownLink[0] : inText.length === 1 ? inText[0] : undefined;
  if (linked) return { code: named && named.code !== linked.code ? named.code : linked.code };

  const tag = input.tag?.trim();
  if (tag) {
    const iso = isoFromFips(tag);
    const tagged = iso ? findByCode(iso) : undefined;
    if (tagged) return { code: named && named.code !== tagged.code ? named.code : tagged.code };
  }

  if (named) return { code: named.code };
  const first = byFirstNamedPlace(input.name);
  if (first) return { code: first.code };

  const group = territoryGroup(input.name, tag);
  if (group) return { group };
  if (tag) return { reason: `unknown country tag "${tag}" and no destination named "${input.name}"` };
  return { reason: `no country tag and no destination named "${input.name}"` };
}
