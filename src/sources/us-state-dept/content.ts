import { slugify, type ChangeType, type RegionalAdvice, type Risk, type Section } from '../../domain/advisory.ts';
import type { Level } from '../../domain/levels.ts';
import type { Indicator } from '../../domain/indicators.ts';
import { classifyChange, splitChangeNote } from './change-note.ts';
import { blockHtml, cleanHtml, splitBlocks, textOf, toMarkdown, type Block } from './html.ts';
import { extractRegions } from './regions.ts';
import { extractRisks, urgesDeparture } from './risks.ts';

/** What one advisory's HTML says, apart from its level (which comes from the item's category). */
export interface ExtractedContent {
  summary: string;
  /** Areas listed under "Do Not Travel To:" / "Reconsider Travel To:" (empty without `place`). */
  regions: RegionalAdvice[];
  sections: Section[];
  indicators: Indicator[];
  risks: Risk[];
  departureUrged: boolean;
  changeNote: string;
  changeType: ChangeType;
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
}

function isHeadingText(text: string): boolean {
  if (!text || text.includes('\n') || ADVICE.test(text)) return false;
  return text.split(/\s+/).length <= MAX_HEADING_WORDS && !/[.!?]$/.test(text);
}

/** Recognises a section heading: "<b>Title<br></b>body", a short all-bold paragraph, or "If you decide to travel to X:". */
export function headingOf(block: Block): Heading | undefined {
  if (block.tag !== 'p') return undefined;
  const text = textOf(block.inner);
  if (PRECAUTIONS.test(text)) return { title: text.replace(/:$/, '').trim(), rest: undefined };

  const lead = /^<(b|strong)>([\s\S]*?)(?:<br \/>\s*<\/\1>|<\/\1>\s*<br \/>)([\s\S]*)$/.exec(block.inner);
  if (lead) {
    const title = textOf(lead[2]!).replace(/:$/, '').trim();
    if (!isHeadingText(title)) return undefined;
    const rest = lead[3]!.trim();
    return { title, rest: textOf(rest) ? { tag: 'p', inner: rest } : undefined };
  }

  const allBold = !textOf(block.inner.replace(/<(b|strong)>[\s\S]*?<\/\1>/g, ''));
  const title = text.replace(/:$/, '').trim();
  return allBold && isHeadingText(title) ? { title, rest: undefined } : undefined;
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

/**
 * Turns an advisory's HTML into summary, sections, change note, risks and the departure flag.
 * The change note is taken off first so that it is in neither the summary nor the risks.
 */
export function extractContent(html: string, place?: { code: string; level: Level }): ExtractedContent {
  const blocks = splitBlocks(cleanHtml(html));
  let changeNote = '';
  const first = blocks[0] ? splitChangeNote(blocks[0]) : undefined;
  if (first) {
    changeNote = first.changeNote;
    blocks.splice(0, 1, ...(first.rest ? [first.rest] : []));
  }

  const summary: Block[] = [];
  const parts: { title: string; blocks: Block[] }[] = [];
  for (const block of blocks) {
    const heading = headingOf(block);
    if (heading) parts.push({ title: heading.title, blocks: heading.rest ? [heading.rest] : [] });
    else (parts.at(-1)?.blocks ?? summary).push(block);
  }

  const used = new Map<string, number>();
  const sections = parts.map((part) => ({ slug: uniqueSlug(part.title, used), title: part.title, body: markdown(part.blocks) }));
  const { indicators, risks } = extractRisks(blocks);
  return {
    summary: markdown(summary),
    regions: place ? extractRegions(place.code, place.level, blocks) : [],
    sections,
    indicators,
    risks,
    departureUrged: urgesDeparture(blocks.map((block) => textOf(block.inner)).join('\n')),
    changeNote,
    changeType: classifyChange(changeNote),
  };
}
