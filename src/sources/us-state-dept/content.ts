import { slugify, type RegionalAdvice, type Risk, type Section } from '../../domain/advisory.ts';
import type { Level } from '../../domain/levels.ts';
import type { Indicator } from '../../domain/indicators.ts';
import { splitChangeNote } from './change-note.ts';
import { blockHtml, cleanHtml, splitBlocks, textOf, toMarkdown, type Block } from './html.ts';
import { extractRegions, type UncodedArea } from './regions.ts';
import { extractRisks, urgesDeparture } from './risks.ts';

/** What one advisory's HTML says, apart from its level (which comes from the item's category). */
export interface ExtractedContent {
  summary: string;
  /** Areas the advisory puts at Level 3 or 4 ("Do Not Travel To:", "Reconsider travel to X due to…"); empty without `place`. */
  regions: RegionalAdvice[];
  /** Regions whose name matched no single ISO 3166-2 code. */
  uncoded: UncodedArea[];
  sections: Section[];
  indicators: Indicator[];
  risks: Risk[];
  departureUrged: boolean;
  /** The publisher's own note on what changed; kept as the change note, never used to judge the change. */
  changeNote: string;
}

/** Headings are short labels; anything longer, or a full sentence, is bold emphasis in the text. */
const MAX_HEADING_WORDS = 8;
/** Bold advice ("Do not travel to Russia due to:") is the advisory itself, never a heading. */
const ADVICE = /^(?:exercise|reconsider|do not travel)\b|\bdue to\b/i;
/** Lists of precautions are introduced by one of these, bold or not, and of any length. */
const PRECAUTIONS = /^if you (?:decide|choose)\b.*:$/i;

interface Heading {
  title: string;
  /** What followed the heading in its own paragraph ("<b>Heading<br></b>body…"). */
  rest: Block | undefined;
  /** 1–6 for <h1>–<h6>; bold-paragraph headings rank below every real heading. */
  rank: number;
}

/** Where bold-paragraph headings rank: under any <h1>–<h6> that is open, at the top otherwise. */
const BOLD_RANK = 7;

function isHeadingText(text: string): boolean {
  if (!text || text.includes('\n') || ADVICE.test(text)) return false;
  return text.split(/\s+/).length <= MAX_HEADING_WORDS && !/[.!?]$/.test(text);
}

/**
 * Recognises a section heading: an <h1>–<h6>, "<b>Title<br></b>body", a short all-bold paragraph, or
 * "If you decide to travel to X:".
 */
export function headingOf(block: Block): Heading | undefined {
  if (block.tag === 'h') {
    const title = textOf(block.inner).replace(/\s+/g, ' ').replace(/:$/, '').trim();
    return title ? { title, rest: undefined, rank: block.rank ?? 3 } : undefined;
  }
  if (block.tag !== 'p') return undefined;
  const text = textOf(block.inner);
  if (PRECAUTIONS.test(text)) return { title: text.replace(/:$/, '').trim(), rest: undefined, rank: BOLD_RANK };

  const lead = /^<(b|strong)>([\s\S]*?)(?:<br \/>\s*<\/\1>|<\/\1>\s*<br \/>)([\s\S]*)$/.exec(block.inner);
  if (lead) {
    const title = textOf(lead[2]!).replace(/:$/, '').trim();
    if (!isHeadingText(title)) return undefined;
    const rest = lead[3]!.trim();
    return { title, rest: textOf(rest) ? { tag: 'p', inner: rest } : undefined, rank: BOLD_RANK };
  }

  const allBold = !textOf(block.inner.replace(/<(b|strong)>[\s\S]*?<\/\1>/g, ''));
  const title = text.replace(/:$/, '').trim();
  return allBold && isHeadingText(title) ? { title, rest: undefined, rank: BOLD_RANK } : undefined;
}

/** Section slugs must be unique within an advisory: the second "Crime" becomes "crime-2". */
function uniqueSlug(title: string, used: Map<string, number>): string {
  const base = slugify(title) || 'section';
  const count = (used.get(base) ?? 0) + 1;
  used.set(base, count);
  return count === 1 ? base : `${base}-${count}`;
}

function markdown(blocks: readonly Block[]): string {
  return toMarkdown(blocks.map(blockHtml).join('\n'));
}

/** A heading inside a section: one level below the section title (### on the page), or deeper (####). */
function subHeading(title: string, depth: number): Block {
  return { tag: 'h', rank: depth > 1 ? 4 : 3, inner: escapeText(title) };
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Takes the change note off the first text block (after any leading headings), in place. */
function takeChangeNote(blocks: Block[]): string {
  const index = blocks.findIndex((block) => block.tag !== 'h');
  const split = index >= 0 ? splitChangeNote(blocks[index]!) : undefined;
  if (!split) return '';
  blocks.splice(index, 1, ...(split.rest ? [split.rest] : []));
  return split.changeNote;
}

interface Part {
  title: string;
  rank: number;
  blocks: Block[];
  /** Ranks of the sub-headings open inside the section, outermost first. */
  open: number[];
}

/**
 * Groups blocks under their headings. A heading opens a section unless it ranks below the open
 * section's heading (an <h4> under an <h3>): then it stays inside that section as a sub-heading, so
 * every heading keeps its own title and none is lost or glued to the text after it.
 */
function groupSections(blocks: readonly Block[]): { summary: Block[]; parts: Part[] } {
  const summary: Block[] = [];
  const parts: Part[] = [];
  for (const block of blocks) {
    const heading = headingOf(block);
    const current = parts.at(-1);
    if (heading && current && heading.rank > current.rank && !(heading.rank === BOLD_RANK && current.rank === BOLD_RANK)) {
      while (current.open.length && current.open.at(-1)! >= heading.rank) current.open.pop();
      current.open.push(heading.rank);
      current.blocks.push(subHeading(heading.title, current.open.length), ...(heading.rest ? [heading.rest] : []));
    } else if (heading) {
      parts.push({ title: heading.title, rank: heading.rank, blocks: heading.rest ? [heading.rest] : [], open: [] });
    } else {
      (current?.blocks ?? summary).push(block);
    }
  }
  return { summary, parts };
}

/**
 * Turns an advisory's HTML into summary, sections, change note, risks and the departure flag.
 * The change note is taken off first so that it is in neither the summary nor the risks.
 */
export function extractContent(html: string, place?: { code: string; level: Level; names?: readonly string[] }): ExtractedContent {
  const blocks = splitBlocks(cleanHtml(html));
  const changeNote = takeChangeNote(blocks);
  const { summary, parts } = groupSections(blocks);
  const used = new Map<string, number>();
  const sections = parts.map((part) => ({ slug: uniqueSlug(part.title, used), title: part.title, body: markdown(part.blocks) }));
  const text = blocks.filter((block) => block.tag !== 'h');
  const { indicators, risks } = extractRisks(text);
  const found = place ? extractRegions(place, text) : { regions: [], uncoded: [] };
  return {
    summary: markdown(summary),
    regions: found.regions,
    uncoded: found.uncoded,
    sections,
    indicators,
    risks,
    departureUrged: urgesDeparture(text.map((block) => textOf(block.inner)).join('\n')),
    changeNote,
  };
}
