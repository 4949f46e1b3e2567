import type { RegionalAdvice } from '../../domain/advisory.ts';
import { normaliseName } from '../../domain/destinations.ts';
import { normaliseIndicators } from '../../domain/indicators.ts';
import type { Level } from '../../domain/levels.ts';
import { nameKeys, subdivisionsOf } from '../../enrolment/regions.ts';
import { textOf, type Block } from './html.ts';
import { indicatorFor, listedRisks } from './risks.ts';

/**
 * Regional exceptions in the State Department's words, in every form the feed writes them:
 * - a list intro ("Do Not Travel To:", "Reconsider travel to the following areas due to crime:")
 *   followed by a list, by the areas in the same paragraph, or by one paragraph per area;
 * - a sentence anywhere in the text ("Do not travel to Gaza due to terrorism and armed conflict.").
 * Advice for the country itself ("Do not travel to Belarus due to:") is not an area. Each area keeps
 * its reasons as indicators (the intro's, when the area gives none) and gets the ISO 3166-2 code of
 * the one subdivision its name matches; the others are reported as uncoded.
 */

export interface Place {
  code: string;
  level: Level;
  /** Names the advisory may use for the country itself (destination name, aliases, title). */
  names?: readonly string[];
}

/** An area that became a region without an ISO 3166-2 code, for the import report. */
export interface UncodedArea {
  name: string;
  level: Level;
}

/** Advice for an area inside a sentence: "Do not travel to Gaza due to …", "Exercise increased caution in X because of crime." */
const INLINE = /\b(do not travel\s+to|reconsider travel\s+to|exercise increased caution\s+in)\s+(.+?)\s+(?:due to|because of)\s+(.+)$/i;
/** A line that is only a level heading for the list after it: "Level 4: Do Not Travel". */
const LEVEL_LINE = /^level\s*([2-4])\s*:\s*(?:do not travel|reconsider travel|exercise increased caution)\s*:?$/i;
const REASON = /\b(?:due to|because of)\b/i;
/** "Do Not Travel To:" and its variants, possibly with the areas after the colon in the same paragraph. */
const INTRO = /^(do not travel|reconsider travel)\s+to\b([^:\n]*):(?:\s*\n([\s\S]*))?$/i;
/** "the following areas", "these locations": the intro announces areas rather than naming one. */
const ANNOUNCES = /^(?:[^,]*\b(?:following|below|these|those|listed)\b[^,]*|(?:certain|some)\b[^,]*)?$/i;
/** "Ituri province" → "ituri"; suffixes that name the kind of subdivision do not help matching. */
const KIND = /\b(?:province|provinces|state|states|region|regions|governorate|governorates|department|departments|district|districts|oblast|prefecture|county|municipality)\b/gi;
/** "The provinces of Sucumbios, Manabi, …": the words before a list of subdivision names. */
const LIST_PREFIX = /^(?:the\s+)?(?:provinces|regions|states|departments|districts|governorates|municipalities|counties|oblasts)\s+of\s+/i;
/** Longer than this, a paragraph after an intro is prose, not one area of a list. */
const MAX_AREA_WORDS = 40;

export function subdivisionCode(country: string, name: string): string | undefined {
  const key = normaliseName(name.replace(/\([^)]*\)/g, ' ').replace(KIND, ' '));
  if (!key) return undefined;
  const all = subdivisionsOf(country);
  const keysOf = (s: { name: string }) => nameKeys(s.name).map((k) => normaliseName(k.replace(KIND, ' ')));
  const exact = all.filter((s) => keysOf(s).includes(key));
  if (exact.length) return exact.length === 1 ? exact[0]!.code : undefined;
  // "Santo Domingo" for "Santo Domingo de los Tsáchilas": a unique whole-word prefix.
  const prefixed = all.filter((s) => keysOf(s).some((k) => k.startsWith(`${key} `)));
  return prefixed.length === 1 ? prefixed[0]!.code : undefined;
}

/** Whether a target names the country itself: "Russia", "the Russian Federation", "Haiti at this time". */
function isCountry(target: string, place: Place): boolean {
  const key = normaliseName(target.replace(/\([^)]*\)/g, ' ').replace(/^(?:or remain in\s+)?(?:the\s+)?/i, '').replace(/\s+(?:at this time|for any reason)$/i, ''));
  return !key || (place.names ?? []).some((name) => normaliseName(name.replace(/^the\s+/i, '')) === key);
}

/** "A, B, and C" → its names, but only when every one is a subdivision: "Guayaquil, south of …" stays whole. */
function splitByCode(country: string, name: string): { name: string; code: string }[] | undefined {
  const list = name.replace(LIST_PREFIX, '');
  const parts = list.split(/\s*,\s*(?:and\s+|or\s+)?|\s+and\s+(?=[^,]*$)/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2 || !list.includes(',')) return undefined;
  const coded = parts.map((part) => ({ name: part, code: subdivisionCode(country, part) }));
  return coded.every((p) => p.code) ? (coded as { name: string; code: string }[]) : undefined;
}

function listItems(block: Block): string[] {
  return [...block.inner.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!)).filter(Boolean);
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

class Collector {
  readonly regions: RegionalAdvice[] = [];
  readonly place: Place;
  constructor(place: Place) {
    this.place = place;
  }

  /** Adds the area(s) one text names ("X due to Y."), with the intro's reasons when it gives none. */
  add(text: string, level: Level, sharedReasons = ''): void {
    if (level < this.place.level) return;
    const clean = text.replace(/\s+/g, ' ').trim();
    const at = clean.search(REASON);
    const namePart = at >= 0 ? clean.slice(0, at) : clean.split(/(?<=\.)\s/)[0]!;
    const name = namePart.replace(/^(?:to|in|or remain in)\s+/i, '').replace(/[.:;,\s]+$/, '').trim();
    // A sentence, not an area: "Travel through Yeraskh village is allowed, stopping is not."
    if (!name || words(name) > 24 || isCountry(name, this.place)) return;
    const reasons = at >= 0 ? clean.slice(at).replace(REASON, '') : sharedReasons;
    const indicators = reasons.trim() ? normaliseIndicators(listedRisks(reasons).map(indicatorFor)) : [];
    const areas = splitByCode(this.place.code, name) ?? [{ name, code: subdivisionCode(this.place.code, name) }];
    for (const area of areas) this.put({ name: area.name, ...(area.code ? { code: area.code } : {}), level, indicators, summary: clean });
  }

  /** One region per area: the same area named twice (list and prose) keeps its higher level. */
  private put(region: RegionalAdvice): void {
    const key = normaliseName(region.name);
    const index = this.regions.findIndex((r) => normaliseName(r.name) === key);
    if (index < 0) this.regions.push(region);
    else if (region.level > this.regions[index]!.level) this.regions[index] = region;
  }
}

/** The sentences of a text, not split after abbreviations ("U.S."). */
function sentences(text: string): string[] {
  return text.split(/\n+|(?<!\b[A-Z]\.[A-Z]\.|\b(?:St|Mt)\.)(?<=[.!?])\s+(?=[A-Z“"(])/).map((s) => s.trim()).filter(Boolean);
}

function levelOf(words: string): Level {
  return /^do not/i.test(words) ? 4 : /^reconsider/i.test(words) ? 3 : 2;
}

/** Areas advised in a sentence of a paragraph or list item that is not a list intro. */
function readSentences(found: Collector, text: string): void {
  for (const sentence of sentences(text)) {
    const match = INLINE.exec(sentence);
    if (match) found.add(`${match[2]} due to ${match[3]}`, levelOf(match[1]!));
  }
}

/** The regions an advisory names, in its order, at their own level when it is at or above the country's. */
export function extractRegions(place: Place, blocks: readonly Block[]): { regions: RegionalAdvice[]; uncoded: UncodedArea[] } {
  const found = new Collector(place);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const next = blocks[i + 1];
    if (block.tag === 'ul' || block.tag === 'ol') {
      for (const item of listItems(block)) readSentences(found, item);
      continue;
    }
    if (block.tag !== 'p') continue;
    const text = textOf(block.inner);
    const intro = INTRO.exec(text);
    if (intro) {
      i = readIntro(found, intro, blocks, i);
      continue;
    }
    readSentences(found, text);
    // "… Read the entire Travel Advisory.\n\nLevel 4: Do Not Travel" and then the list of areas.
    const levelLine = LEVEL_LINE.exec(text.split('\n').at(-1)!.trim());
    if (levelLine && next && (next.tag === 'ul' || next.tag === 'ol')) {
      for (const item of listItems(next)) found.add(item, Number(levelLine[1]) as Level);
      i += 1;
    }
  }
  const uncoded = found.regions.filter((r) => !r.code).map((r) => ({ name: r.name, level: r.level }));
  return { regions: found.regions, uncoded };
}

/** Reads the areas after a list intro; returns the index of the last block it used. */
function readIntro(found: Collector, intro: RegExpExecArray, blocks: readonly Block[], index: number): number {
  const level = levelOf(intro[1]!);
  const [target = '', reasons = ''] = intro[2]!.trim().split(/\s*\bdue to\b\s*/i);
  const announces = ANNOUNCES.test(target.trim());
  // "Do not travel to Russia due to:" is the country's own advice; its list is reasons, not areas.
  if (!announces) {
    if (!isCountry(target, found.place)) found.add(`${target} due to ${reasons || listItems(blocks[index + 1] ?? { tag: 'p', inner: '' }).join(', ')}`, level);
    return index;
  }
  const inline = intro[3]?.trim();
  if (inline) {
    found.add(inline, level, reasons);
    return index;
  }
  const next = blocks[index + 1];
  if (next && (next.tag === 'ul' || next.tag === 'ol')) {
    for (const item of listItems(next)) found.add(item, level, reasons);
    return index + 1;
  }
  // A list written as paragraphs: one short paragraph per area, until the prose resumes.
  let last = index;
  for (let j = index + 1; j < blocks.length; j++) {
    const block = blocks[j]!;
    const text = textOf(block.inner);
    if (block.tag !== 'p' || INTRO.test(text) || words(text) > MAX_AREA_WORDS || !(REASON.test(text) || (reasons && words(text) <= 16))) break;
    found.add(text, level, reasons);
    last = j;
  }
  return last;
}
