import type { Level } from '../../domain/levels.ts';
import { findByCode } from '../../domain/destinations.ts';
import { canadaLabelLevel, canadaLevel, type PeerRegion } from '../../domain/peer-levels.ts';
import type { UnmappedEntry } from '../imported.ts';
import { cleanHtml, decodeEntities, textOf } from '../us-state-dept/html.ts';
import { extractContent } from '../us-state-dept/content.ts';
import { areaRegions } from './areas.ts';
import { parseFriendlyDate } from './canada-date.ts';
import { keepNewest, type PeerEntry, type PeerFeed } from './feed.ts';
import { readJson } from './uk-fcdo.ts';

/**
 * Global Affairs Canada's travel advice: one `cta-cap-{iso}.json` per country (level, regional
 * advisories, text) and the older all-countries index (`index-alpha-eng.json`: levels and dates).
 */

export const CANADA_ORIGIN = 'https://travel.gc.ca/';
export const CANADA_INDEX_URL = 'https://data.international.gc.ca/travel-voyage/index-alpha-eng.json';

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/** The per-country documents an index names, beside it (cta-cap-fr.json); null when the body is one country. */
export function canadaDocumentUrls(body: string, indexUrl: string): string[] | null {
  const data = object(readJson(body, indexUrl).data);
  if (typeof data['country-iso'] === 'string') return null;
  return Object.keys(data).filter((key) => /^[A-Z]{2}$/.test(key)).map((iso) => new URL(`cta-cap-${iso.toLowerCase()}.json`, indexUrl).href);
}

/** Regional advisories: one `div.AdvisoryContainer` each, its heading the level, its list (or sentence) the areas. */
export function canadaRegions(code: string, html: string, countryLevel: Level, uncoded: string[]): PeerRegion[] {
  const regions: PeerRegion[] = [];
  for (const block of html.matchAll(/<div\s+class="AdvisoryContainer\b([^"]*)"\s*>([\s\S]*?)<\/div>/g)) {
    if (!/\bRegionalAdv\b/.test(block[1]!)) continue;
    const heading = textOf(/<h3>([\s\S]*?)<\/h3>/.exec(block[2]!)?.[1] ?? '');
    const mapped = canadaLabelLevel(heading);
    if (!mapped || mapped.level <= countryLevel) continue;
    const items = [...block[2]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!));
    const areas = items.length ? items : [textOf(block[2]!.replace(/<h3>[\s\S]*?<\/h3>/, '')).replace(/^.*?\btravel\s+to\s+/i, '').replace(/\s+due to\b[\s\S]*$/i, '')];
    for (const area of areas) regions.push(...areaRegions(code, area, mapped.level, mapped.label, uncoded));
  }
  return regions;
}

/** One `cta-cap-{iso}.json` → an entry, or why it cannot be one. */
export function parseCanadaDocument(json: Json, where: string): PeerEntry | UnmappedEntry {
  const data = object(json.data);
  const eng = object(data.eng);
  const iso = typeof data['country-iso'] === 'string' ? data['country-iso'].toUpperCase() : '';
  const title = typeof eng.name === 'string' ? eng.name : iso || where;
  const destination = findByCode(iso);
  if (!destination) return { title, reason: `no ISO 3166-1 destination "${iso}" (${where})` };
  const mapped = canadaLevel(Number(data['advisory-state']));
  if (!mapped) return { title, reason: `unknown advisory-state ${String(data['advisory-state'])}` };
  const updatedAt = parseFriendlyDate(String(eng['friendly-date'] ?? ''));
  if (!updatedAt) return { title, reason: `unreadable friendly-date "${String(eng['friendly-date'] ?? '')}"` };
  const uncoded: string[] = [];
  const advisories = typeof eng.advisories === 'string' ? eng.advisories : '';
  const security = typeof eng.security === 'string' ? eng.security : '';
  return {
    code: destination.code,
    title,
    // Canada's own words for the level; its "(with regional advisories)" note is the regions below.
    nativeLabel: typeof eng['advisory-text'] === 'string' ? eng['advisory-text'].replace(/\s*\(with regional advisories\)\s*$/i, '') : mapped.label,
    level: mapped.level,
    regions: canadaRegions(destination.code, cleanAdvisories(advisories), mapped.level, uncoded),
    // The risk-level blocks come first, as on Canada's page: a "you should leave" written only
    // there is still the government's directive (src/domain/peer-departure.ts reads the sections).
    sections: [...extractContent(advisories).sections, ...extractContent(security).sections],
    changeNote: typeof eng['recent-updates'] === 'string' ? decodeEntities(eng['recent-updates']).trim() : '',
    updatedAt,
    url: new URL(`destinations/${typeof eng['url-slug'] === 'string' ? eng['url-slug'] : destination.slug}`, CANADA_ORIGIN).href,
    uncoded,
  };
}

/** Sanitises the advisories HTML but keeps the containers' classes, which say which block is regional. */
function cleanAdvisories(html: string): string {
  return html.split(/(?=<div\s+class="AdvisoryContainer)/).map((part) => {
    const open = /^<div\s+class="(AdvisoryContainer[^"]*)"\s*>/.exec(part);
    return open ? `<div class="${open[1]}">${cleanHtml(part.slice(open[0].length), CANADA_ORIGIN)}</div>` : cleanHtml(part, CANADA_ORIGIN);
  }).join('');
}

/** One entry of the all-countries index: the level and date, no regions or text. A subdivision (PT-20) is reported. */
function parseIndexEntry(key: string, value: Json): PeerEntry | UnmappedEntry {
  const eng = object(value.eng);
  const title = typeof eng.name === 'string' ? decodeEntities(eng.name) : key;
  if (!/^[A-Z]{2}$/.test(key)) return { title, reason: `"${key}" is a part of a country, not a destination; the index gives no region list to attach it to` };
  const destination = findByCode(key);
  if (!destination) return { title, reason: `no ISO 3166-1 destination "${key}"` };
  const mapped = canadaLevel(Number(value['advisory-state']));
  if (!mapped) return { title, reason: `unknown advisory-state ${String(value['advisory-state'])}` };
  // The index's friendly-date has no zone; its timestamp is exact.
  const stamp = Number(object(value['date-published']).timestamp);
  if (!Number.isFinite(stamp) || stamp <= 0) return { title, reason: 'no readable date-published' };
  return {
    code: destination.code, title, nativeLabel: mapped.label, level: mapped.level, regions: [], uncoded: [], sections: [],
    changeNote: typeof eng['recent-updates'] === 'string' ? decodeEntities(eng['recent-updates']).trim() : '',
    updatedAt: new Date(stamp * 1000).toISOString(),
    url: new URL(`destinations/${typeof eng['url-slug'] === 'string' ? eng['url-slug'] : destination.slug}`, CANADA_ORIGIN).href,
  };
}

/** Every document of a run (per-country documents or the index); each one, or each index entry, gets a decision. */
export function parseCanadaDocuments(documents: readonly { body: string; location: string }[]): PeerFeed {
  const entries: PeerEntry[] = [];
  const unmapped: UnmappedEntry[] = [];
  let items = 0;
  for (const { body, location } of documents) {
    const json = readJson(body, location);
    const data = object(json.data);
    const parsed = typeof data['country-iso'] === 'string'
      ? [parseCanadaDocument(json, location)]
      : Object.entries(data).map(([key, value]) => parseIndexEntry(key, object(value)));
    if (!parsed.length) unmapped.push({ title: location, reason: 'neither a cta-cap country document nor the all-countries index' });
    items += Math.max(parsed.length, 1);
    for (const p of parsed) {
      if ('reason' in p) unmapped.push(p);
      else entries.push(p);
    }
  }
  return keepNewest('Global Affairs Canada travel advice (JSON)', items, entries, unmapped);
}
