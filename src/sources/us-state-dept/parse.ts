import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { findByCode } from '../../domain/destinations.ts';
import type { Level } from '../../domain/levels.ts';
import { FeedError, type GroupApplication, type ParsedFeed, type UnmappedEntry } from '../imported.ts';
import { checkJsonShape, checkXmlShape, isHtmlPage } from '../input-limits.ts';
import { mergeCandidates, type Candidate } from '../merge.ts';
import { extractContent } from './content.ts';
import type { TerritoryGroup } from './groups.ts';
import { decodeEntities } from './html.ts';
import { subdivisionCode } from './regions.ts';
import { byWholeName, resolveDestination, titleName } from './resolve.ts';

/** The real feed is under 1 MB; past this the input is not the feed, and parsing it would only burn memory. */
export const MAX_FEED_CHARS = 50 * 1024 * 1024;

/** One advisory as both formats carry it, before any interpretation. */
interface RawItem {
  title: string;
  link: string;
  html: string;
  /** Country-Tag (FIPS 10-4). */
  tag: string | undefined;
  /** Threat-Level category, when the format has one. */
  levelText: string | undefined;
  published: string;
  updated: string | undefined;
}

/** Reads the State Department travel advisories, as the RSS feed or the Consular Affairs API JSON. */
export function parseUsStateDept(text: string): ParsedFeed {
  if (text.length > MAX_FEED_CHARS) throw new FeedError(`the feed is over ${MAX_FEED_CHARS / 1024 / 1024} MB; the State Department feed is far smaller`);
  const body = text.replace(/^\uFEFF/, '').trim();
  if (!body) throw new FeedError('the feed is empty');
  const json = body.startsWith('[') || body.startsWith('{');
  const items = json ? readJson(body) : readRss(body);
  return { format: json ? 'json' : 'rss', items: items.length, ...interpret(items, json) };
}

function readJson(body: string): RawItem[] {
  checkJsonShape(body);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new FeedError(`the feed is not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  if (!Array.isArray(data) || !data.every((item) => isRecord(item) && typeof item.Title === 'string')) {
    throw new FeedError('the JSON is not an array of advisories with a Title; is this the Consular Affairs API?');
  }
  if (data.length === 0) throw new FeedError('the JSON feed has no advisories');
  return (data as Record<string, unknown>[]).map((item) => {
    const categories = (Array.isArray(item.Category) ? item.Category : [item.Category]).filter((c): c is string => typeof c === 'string');
    return {
      title: item.Title as string,
      link: str(item.Link),
      html: str(item.Summary),
      tag: categories.find((c) => /^[A-Z0-9]{2}$/i.test(c.trim())),
      levelText: categories.find((c) => /\blevel\s*[1-4]\b/i.test(c)),
      published: str(item.Published),
      updated: typeof item.Updated === 'string' ? item.Updated : undefined,
    };
  });
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Entities are never expanded by the parser: that is what makes entity bombs harmless.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  cdataPropName: '#cdata',
  isArray: (name) => name === 'item' || name === 'category',
});

function readRss(body: string): RawItem[] {
  // Refused before any parser sees it, so a "billion laughs" costs two regex scans and nothing more.
  if (/<!DOCTYPE/i.test(body) && /<!ENTITY/i.test(body)) throw new FeedError('XML entity declarations are not allowed in a feed');
  if (isHtmlPage(body)) throw new FeedError('this is an HTML page, not the State Department feed (a bot-challenge page?)');
  if (!body.startsWith('<')) throw new FeedError('the input is neither RSS (XML) nor JSON');
  checkXmlShape(body);
  const valid = XMLValidator.validate(body);
  if (valid !== true) throw new FeedError(`the feed is not well-formed XML (line ${valid.err.line}: ${valid.err.msg.split('\n')[0]})`);
  const doc = xml.parse(body) as Record<string, unknown>;
  const channel = isRecord(doc.rss) ? doc.rss.channel : undefined;
  if (!isRecord(channel)) throw new FeedError('the XML is not an RSS 2.0 feed (no <rss><channel>)');
  const items = Array.isArray(channel.item) ? channel.item.filter(isRecord) : [];
  if (items.length === 0) throw new FeedError('the RSS feed has no items');
  return items.map((item) => {
    const categories = (Array.isArray(item.category) ? item.category : []).filter(isRecord);
    const category = (domain: string) => {
      const found = categories.find((c) => c['@_domain'] === domain);
      return found ? xmlText(found).trim() || undefined : undefined;
    };
    return {
      title: xmlText(item.title),
      link: xmlText(item.link).trim(),
      html: xmlText(item.description, true),
      tag: category('Country-Tag'),
      levelText: category('Threat-Level'),
      published: xmlText(item.pubDate).trim(),
      updated: undefined,
    };
  });
}

/**
 * Text of an XML element. CDATA is taken as is; escaped text is decoded, since the parser leaves
 * entities alone. A description in CDATA is HTML, whose own entities the sanitiser decodes.
 */
function xmlText(node: unknown, html = false): string {
  if (typeof node === 'string') return decodeEntities(node);
  if (!isRecord(node)) return '';
  const cdata = node['#cdata'];
  const cdataText = Array.isArray(cdata) ? cdata.map(String).join('') : typeof cdata === 'string' ? cdata : '';
  const plain = typeof node['#text'] === 'string' ? decodeEntities(node['#text']) : '';
  return html ? plain + cdataText : decodeEntities(plain + cdataText);
}

function interpret(items: RawItem[], json: boolean): Omit<ParsedFeed, 'format' | 'items'> {
  const candidates: Candidate[] = [];
  const unmapped: UnmappedEntry[] = [];
  const groupItems: { title: string; group: TerritoryGroup }[] = [];
  for (const item of items) {
    const title = decodeEntities(item.title).replace(/\s+/g, ' ').trim();
    const level = levelOf(item.levelText) ?? levelOf(title);
    if (!level) {
      unmapped.push({ title, reason: 'no advisory level in its category or title' });
      continue;
    }
    const name = titleName(title);
    const place = resolveDestination({ name, tag: item.tag, link: item.link, html: item.html });
    if ('reason' in place) {
      unmapped.push({ title, reason: place.reason });
      continue;
    }
    const publishedAt = json ? apiTimestamp(item.published) : rssDate(item.published);
    if (!publishedAt) {
      unmapped.push({ title, reason: `unreadable publication date "${item.published}"` });
      continue;
    }
    const reviewedAt = json && item.updated ? apiTimestamp(item.updated) : publishedAt;
    if (!reviewedAt) {
      unmapped.push({ title, reason: `unreadable update date "${item.updated}"` });
      continue;
    }
    // A group item ("French West Indies") is the advice for each of its destinations: one copy each,
    // every copy then decided on its own (created, updated, skipped as older…) like any other item.
    const codes = 'group' in place ? place.group.codes : [place.code];
    if ('group' in place) groupItems.push({ title, group: place.group });
    const groupNames = 'group' in place ? codes.flatMap((code) => destinationNames(code)) : [];
    for (const code of codes) {
      const { changeNote, uncoded, ...content } = extractContent(item.html, { code, level, names: [name, ...destinationNames(code), ...groupNames] });
      // "Gaza" or "Saba" names a part of a destination (an ISO 3166-2 subdivision, or a place other than
      // the destination's own name): it may be merged into another item as a region.
      const placeCode = 'group' in place ? undefined : subdivisionCode(code, name);
      const whole = 'group' in place || (!placeCode && byWholeName(name)?.code === code);
      candidates.push({
        code,
        title,
        whole,
        place: 'group' in place ? (findByCode(code)?.name ?? code) : name,
        placeCode,
        ...('group' in place ? { fromGroup: title } : {}),
        content: {
          level,
          indicators: content.indicators,
          risks: content.risks,
          regions: content.regions,
          departureUrged: content.departureUrged,
          summary: content.summary,
          sections: content.sections,
        },
        changeNote,
        publishedAt,
        reviewedAt,
        uncoded,
        ...(/^https?:\/\//i.test(item.link) ? { sourceUrl: item.link } : {}),
      });
    }
  }
  const merged = mergeCandidates(candidates);
  return { ...merged, unmapped, groups: groupItems.map(({ title, group }) => groupApplication(title, group, merged.entries.filter((e) => e.fromGroup === title).map((e) => e.code))) };
}

function destinationNames(code: string): string[] {
  const destination = findByCode(code);
  return destination ? [destination.name, ...destination.aliases] : [];
}

/** The report's line for a group item: where it applied, and where another item won (reported as superseded). */
function groupApplication(title: string, group: TerritoryGroup, applied: string[]): GroupApplication {
  const not = group.codes.filter((code) => !applied.includes(code));
  const detail = `${group.name} covers ${group.codes.join(', ')}: applied to ${applied.length ? applied.join(', ') : 'none'}${not.length ? ` (not to ${not.join(', ')}: superseded)` : ''}`;
  return { title, group: group.name, covers: [...group.codes], applied, detail };
}

function levelOf(text: string | undefined): Level | undefined {
  const match = /\blevel\s*([1-4])\b/i.exec(text ?? '');
  return match ? (Number(match[1]) as Level) : undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * RSS pubDate. The feed gives a bare date ("Wed, 08 Oct 2025"): that date is the advisory's date
 * wherever the reader is, so it becomes midnight UTC rather than being shifted by a local zone.
 */
export function rssDate(text: string): string | undefined {
  const match = /^(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})[a-z]*\s+(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(.*))?$/i.exec(text.trim());
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[2]!.toLowerCase());
  if (month < 0) return undefined;
  const day = match[1]!.padStart(2, '0');
  const date = `${match[3]}-${String(month + 1).padStart(2, '0')}-${day}`;
  if (!validDate(date)) return undefined;
  if (!match[4]) return `${date}T00:00:00Z`;
  const parsed = new Date(text.trim());
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString().replace(/\.000Z$/, 'Z');
}

/**
 * API timestamps keep the publisher's own date and offset ("2025-05-14T20:00:00-04:00" is not moved
 * to the 15th in UTC); only missing seconds are added to make them RFC 3339.
 */
export function apiTimestamp(text: string): string | undefined {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return validDate(value) ? `${value}T00:00:00Z` : undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$/.exec(value);
  if (!match || !validDate(match[1]!)) return undefined;
  const offset = match[4]!.toUpperCase() === 'Z' ? 'Z' : match[4]!.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return `${match[1]}T${match[2]}${match[3] ?? ':00'}${offset}`;
}

function validDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

