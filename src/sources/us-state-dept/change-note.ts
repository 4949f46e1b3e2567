import type { ChangeType } from '../../domain/advisory.ts';
import { cleanHtml, textOf, type Block } from './html.ts';

/** How the State Department starts the line that says what changed. */
const NOTE_START = /^(?:last update:\s*)?(?:reissued|updated|the advisory level|there (?:was|were) no change|the [^.]{0,40}risk indicator)/i;
/** Where the advice itself starts, when it shares a paragraph with the change note. */
const ADVICE_START = /(?:exercise (?:normal|increased)|reconsider travel|do not travel)/i;

export interface ChangeNoteSplit {
  changeNote: string;
  /** The first block without the note; undefined when the note was the whole block. */
  rest: Block | undefined;
}

/**
 * Takes the change note off the first block of an advisory. It is usually an italic paragraph, but
 * the feed also has it bold, plain, or sharing a paragraph with the advice after a line break.
 * Returns undefined when the block is not a change note (Honduras opens with advice in italics).
 */
export function splitChangeNote(block: Block): ChangeNoteSplit | undefined {
  if (block.tag !== 'p') return undefined;
  const text = textOf(block.inner);
  const wholeItalic = /^(?:<(?:b|strong|u)>\s*)*<(?:i|em)>[\s\S]*<\/(?:i|em)>(?:\s*<\/(?:b|strong|u)>)*\.?$/.test(block.inner);
  if (!NOTE_START.test(text) && !(wholeItalic && !ADVICE_START.test(text.slice(0, 40)))) return undefined;

  // The advice may follow the note in the same paragraph ("…minor edits.<br><br>Exercise …").
  const adviceAt = adviceStart(block.inner);
  if (adviceAt > 0) {
    // Re-cleaning closes the tags the cut left open.
    const rest = cleanHtml(block.inner.slice(adviceAt)).trim();
    return { changeNote: tidyNote(textOf(block.inner.slice(0, adviceAt))), rest: { tag: 'p', inner: rest } };
  }
  return { changeNote: tidyNote(text), rest: undefined };
}

/** Where advice starts after a complete note sentence in the same paragraph, or -1. */
function adviceStart(html: string): number {
  for (const match of html.matchAll(new RegExp(ADVICE_START.source, 'gi'))) {
    const before = textOf(html.slice(0, match.index));
    if (NOTE_START.test(before) && /[.\n]$/.test(before)) return match.index;
  }
  return -1;
}

function tidyNote(text: string): string {
  return text.replace(/^last update:\s*/i, '').replace(/\s+/g, ' ').trim();
}

/** Clauses that say what did *not* change; they name levels and indicators without changing them. */
const NO_CHANGE_CLAUSE = /there (?:was|were) no changes? to the [^.]*\.?/gi;

const MAJOR = [
  /\blevel\b[^.]{0,40}\b(?:increased|lowered|raised|decreased|reduced)\b/i,
  /\b(?:increas|lower|rais|decreas|reduc)\w*\b[^.]{0,40}\blevel\b/i,
  /\bchanges? (?:in|to|of) (?:the )?(?:overall )?(?:travel )?(?:advisory )?level\b/i,
  /\bindicators?\b[^.]{0,40}\b(?:added|removed|updated|changed)\b/i,
  /\b(?:add|added|adding|addition|remov\w*|includ\w*|chang\w*)\b[^.]{0,40}\bindicators?\b/i,
  /\bupdated information on\b/i,
  /\bdo not travel\b/i,
];

const MINOR = [
  /\breissued after periodic review\b/i,
  /\bno changes? to the advisory level\b/i,
  /\bminor (?:edits|changes)\b/i,
  /\b(?:without|with no) changes\b/i,
  /\bobsolete\b[^.]*\blinks? removed\b/i,
];

/**
 * Major changes notify subscribers; minor ones (periodic reissues, wording) do not. What the note does
 * not recognise counts as major: a missed alert is worse than an extra one.
 */
export function classifyChange(changeNote: string): ChangeType {
  if (!changeNote.trim()) return 'major';
  const withoutNoChange = changeNote.replace(NO_CHANGE_CLAUSE, ' ');
  if (MAJOR.some((pattern) => pattern.test(withoutNoChange))) return 'major';
  if (MINOR.some((pattern) => pattern.test(changeNote))) return 'minor';
  return 'major';
}
