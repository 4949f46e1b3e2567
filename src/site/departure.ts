import type { AdvisoryContent } from '../domain/advisory.ts';
import { markdownToText } from '../http/markdown.ts';

const LEAVE = /\b(leave|depart|departure)\b/i;
/** A sentence ends after a lower-case word and a full stop, so "U.S. citizens" is not cut at "U.S.". */
const SENTENCE_END = /(?<=[a-z0-9)”"'][.!?])\s+(?=[A-Z“"])/;
const URGENCY = /\b(immediately|now|as soon as|without delay|while commercial)\b/i;

/**
 * The advisory's own sentence urging departure ("U.S. citizens in Russia should leave
 * immediately."), so the banner quotes the publisher instead of paraphrasing it; null when the
 * advisory does not urge departure or says it in no sentence we can find.
 */
export function departureStatement(advisory: AdvisoryContent): string | null {
  if (!advisory.departureUrged) return null;
  const texts = [advisory.summary, ...advisory.risks.map((risk) => risk.text), ...advisory.sections.map((section) => section.body)];
  for (const text of texts) {
    // Line by line: list items, paragraphs and hard breaks each end a sentence, whatever the markup.
    for (const line of text.split('\n')) {
      const plain = markdownToText(line).replace(/^[*_\s]+|[*_\s]+$/g, '');
      const sentence = plain.split(SENTENCE_END).find((candidate) => LEAVE.test(candidate) && URGENCY.test(candidate));
      if (sentence) return sentence.trim();
    }
  }
  return null;
}
