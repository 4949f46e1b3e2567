import { cleanHtml, textOf, type Block } from './html.ts';

/**
 * How the State Department starts the line that says what changed. Newer items have no note of their
 * own: "Reissued with updates to crime information." opens the summary, and is taken off the same way.
 */
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

/**
 * Where advice starts after a complete note in the same paragraph, or -1: after a full stop or a line
 * break (the text before is trimmed, so the break is looked for in the HTML).
 */
function adviceStart(html: string): number {
  for (const match of html.matchAll(new RegExp(ADVICE_START.source, 'gi'))) {
    const raw = html.slice(0, match.index);
    const before = textOf(raw);
    const ended = /\.$/.test(before) || /<br \/>\s*(?:<\/?[a-z]+>\s*)*$/.test(raw);
    if (NOTE_START.test(before) && ended) return match.index;
  }
  return -1;
}

function tidyNote(text: string): string {
  return text.replace(/^last update:\s*/i, '').replace(/\s+/g, ' ').trim();
}
