import { slugify, type Section } from '../../domain/advisory.ts';
import type { Level } from '../../domain/levels.ts';
import { ukLevel, ukPartLabel, type PeerRegion } from '../../domain/peer-levels.ts';
import { FeedError, type UnmappedEntry } from '../imported.ts';
import { checkJsonShape, isHtmlPage } from '../input-limits.ts';
import { cleanHtml, textOf, toMarkdown } from '../us-state-dept/html.ts';
import { areaRegions } from './areas.ts';
import { keepNewest, type PeerEntry, type PeerFeed } from './feed.ts';
import { ukCountryCode } from './uk-names.ts';

/**
 * The FCDO's travel advice from the GOV.UK Content API: the index `/api/content/foreign-travel-advice`
 * (a link to every country) and one `travel_advice` document per country. The level comes from
 * `details.alert_status`; the areas from the warnings the text gives ("advise against all travel to …").
 */

export const GOV_UK = 'https://www.gov.uk';
export const UK_INDEX_URL = `${GOV_UK}/api/content/foreign-travel-advice`;

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

export function readJson(body: string, what: string): Json {
  if (isHtmlPage(body) || /^\s*</.test(body)) throw new FeedError(`${what} is an HTML page, not JSON (a bot-challenge page?)`);
  checkJsonShape(body);
  try {
    return object(JSON.parse(body));
  } catch (error) {
    throw new FeedError(`${what} is not JSON (${(error as Error).message})`);
  }
}

/** The country documents an index links to, as absolute Content API URLs; null when the body is not the index. */
export function ukDocumentUrls(body: string, indexUrl: string): string[] | null {
  const json = readJson(body, indexUrl);
  if (json.document_type === 'travel_advice') return null;
  const children = object(json.links).children;
  if (!Array.isArray(children)) throw new FeedError(`${indexUrl} is neither the FCDO travel-advice index nor a country's travel advice`);
  return children.map((child) => object(child)).filter((child) => typeof child.api_path === 'string').map((child) => new URL(child.api_path as string, indexUrl).href);
}

/** "advise against all travel to X" / "… all but essential travel to:" and the list after it. */
const WARNING = /advises?\s+against\s+all\s+(but\s+essential\s+)?travel\s+to\s*(:|[^.:]*)/gi;

/** The areas the text warns against, per level; a warning about the whole country is not an area. */
export function ukWarnedAreas(html: string, countryName: string): { level: Level; area: string }[] {
  const found: { level: Level; area: string }[] = [];
  const clean = cleanHtml(html, GOV_UK);
  for (const match of clean.matchAll(WARNING)) {
    const level: Level = match[1] ? 3 : 4;
    if (match[2] === ':') {
      const after = clean.slice(match.index + match[0].length);
      const list = /^\s*(?:<\/p>)?\s*<ul>([\s\S]*?)<\/ul>/.exec(after);
      for (const item of list?.[1]?.matchAll(/<li>([\s\S]*?)<\/li>/g) ?? []) found.push({ level, area: textOf(item[1]!) });
      continue;
    }
    const target = textOf(match[2]!).trim();
    if (!target || new RegExp(`^(?:the\\s+)?(?:whole\\s+(?:of\\s+)?)?${countryName.replace(/[^\w\s]/g, '.')}\\b`, 'i').test(target)) continue;
    for (const area of target.split(/\s+and\s+to\s+/i)) found.push({ level, area });
  }
  return found;
}

function sectionsOf(parts: unknown): Section[] {
  if (!Array.isArray(parts)) return [];
  return parts.map((p) => object(p)).filter((p) => typeof p.title === 'string').map((p) => ({
    slug: typeof p.slug === 'string' && p.slug ? p.slug : slugify(p.title as string),
    title: p.title as string,
    body: typeof p.body === 'string' ? toMarkdown(cleanHtml(p.body, GOV_UK)) : '',
  }));
}

function iso(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** One country document → an entry, or why it cannot be one. */
export function parseUkDocument(json: Json, where: string): PeerEntry | UnmappedEntry {
  const details = object(json.details);
  const country = object(details.country);
  const title = typeof country.name === 'string' ? country.name : typeof json.title === 'string' ? json.title : where;
  if (json.document_type !== 'travel_advice' && json.schema_name !== 'travel_advice') return { title, reason: `not a travel_advice document (${where})` };
  if (object(json.withdrawn_notice).withdrawn_at) return { title, reason: `withdrawn by the FCDO on ${String(object(json.withdrawn_notice).withdrawn_at)}` };
  const code = ukCountryCode(country);
  if (!code) return { title, reason: `no ISO 3166-1 destination for GOV.UK country "${title}" (slug "${String(country.slug ?? '')}")` };
  const updatedAt = iso(json.public_updated_at) ?? iso(details.updated_at);
  if (!updatedAt) return { title, reason: 'no readable public_updated_at' };
  const statuses = Array.isArray(details.alert_status) ? details.alert_status.filter((s): s is string => typeof s === 'string') : [];
  const mapped = ukLevel(statuses);
  if (mapped.unknown.length) return { title, reason: `unknown alert_status ${mapped.unknown.join(', ')}` };
  const parts = Array.isArray(details.parts) ? details.parts.map((p) => object(p)) : [];
  // The warnings part names the areas; older documents give them in the summary.
  const warnings = parts.find((p) => /warnings/.test(String(p.slug))) ?? parts.find((p) => p.slug === 'summary');
  const uncoded: string[] = [];
  const regions: PeerRegion[] = [];
  for (const { level, area } of warnings && typeof warnings.body === 'string' ? ukWarnedAreas(warnings.body, title) : []) {
    if (level > mapped.level) regions.push(...areaRegions(code, area, level, ukPartLabel(level), uncoded));
  }
  // Parts named in the text but absent from alert_status still are the FCDO's words: the label says so.
  const partLevels = [...new Set([...mapped.partLevels, ...regions.map((r) => r.level)])].sort((a, b) => b - a);
  const nativeLabel = statuses.length || !partLevels.length ? mapped.nativeLabel : partLevels.map((l) => `${ukPartLabel(l)} to parts`).join('; ');
  const basePath = typeof json.base_path === 'string' ? json.base_path : `/foreign-travel-advice/${String(country.slug ?? '')}`;
  return {
    code, title, nativeLabel, level: mapped.level, regions, uncoded,
    sections: sectionsOf(details.parts),
    changeNote: typeof details.change_description === 'string' ? details.change_description.trim() : '',
    updatedAt,
    url: new URL(basePath, GOV_UK).href,
  };
}

/** Every document of a run: country documents become entries; the index, withdrawn and unmappable ones are reported. */
export function parseUkDocuments(documents: readonly { body: string; location: string }[]): PeerFeed {
  const entries: PeerEntry[] = [];
  const unmapped: UnmappedEntry[] = [];
  for (const { body, location } of documents) {
    const json = readJson(body, location);
    if (Array.isArray(object(json.links).children) && json.document_type !== 'travel_advice') {
      unmapped.push({ title: String(json.title ?? location), reason: 'the index lists countries but gives no advice; import the directory of country documents or the index URL' });
      continue;
    }
    const parsed = parseUkDocument(json, location);
    if ('reason' in parsed) unmapped.push(parsed);
    else entries.push(parsed);
  }
  return keepNewest('GOV.UK Content API (FCDO travel advice)', documents.length, entries, unmapped);
}
