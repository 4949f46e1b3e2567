import type { PeerSource } from './peer-levels.ts';

/**
 * Whether another government tells its citizens to leave a destination (a departure directive),
 * read from its own text. None of the sources has a field for it: GOV.UK's `alert_status` and
 * Canada's `advisory-state` only say "against all travel", so the directive is a sentence. The
 * table is the whole rule; a sentence must both match a directive pattern and name no local
 * "leave the area" kind of place, so "leave the area if a demonstration develops" or "check the
 * rules before you leave" (both in the samples) are not directives (docs/sources.md).
 */

interface DirectivePattern {
  /** What the pattern recognises, for the docs and tests. */
  name: string;
  pattern: RegExp;
}

const TO_LEAVE = String.raw`(?:should|must|need to|are (?:strongly )?(?:advised|encouraged|urged|told) to)\s+leave`;

const COMMON: readonly DirectivePattern[] = [
  { name: 'if you are in the country, you should leave', pattern: new RegExp(String.raw`\bif you(?:'re|’re| are)(?: still)? in [^,.;]{2,60},?\s+(?:you\s+)?${TO_LEAVE}\b`, 'i') },
  { name: 'leave now / immediately', pattern: new RegExp(String.raw`\b${TO_LEAVE}(?: [a-z ]{0,40})? (?:now|immediately|without delay|as soon as possible)\b`, 'i') },
  { name: 'leave by commercial means', pattern: /\bleave\b[^.;]{0,60}\bby (?:any |all )?(?:available )?commercial (?:means|options|flights|routes)\b/i },
  { name: 'the government advises its citizens to leave', pattern: /\badvises? (?:all )?(?:british nationals|canadians|u\.s\. citizens|its citizens)(?: in [^,.;]{2,60})? to leave\b/i },
];

/** Per source: the citizens it names ("British nationals should leave") and the shared patterns. */
export const DEPARTURE_PATTERNS: Readonly<Record<PeerSource, readonly DirectivePattern[]>> = {
  'us-state-dept': [{ name: 'U.S. citizens should leave', pattern: new RegExp(String.raw`\bu\.s\. citizens\b[^.;]{0,60}\b${TO_LEAVE}\b`, 'i') }, ...COMMON],
  'uk-fcdo': [{ name: 'British nationals should leave', pattern: new RegExp(String.raw`\bbritish (?:nationals|citizens)\b[^.;]{0,60}\b${TO_LEAVE}\b`, 'i') }, ...COMMON],
  canada: [{ name: 'Canadians should leave', pattern: new RegExp(String.raw`\bcanadians\b[^.;]{0,60}\b${TO_LEAVE}\b`, 'i') }, ...COMMON],
};

/** "leave the area", "leave the building": a place nearby, not the country. */
const LOCAL_PLACE = /\bleave (?:the |a |any )?(?:area|vicinity|building|scene|site|venue|crowd|border crossing area)\b/i;

/** Sentences of plain or Markdown text (not split after "U.S."), at most 400 characters each (longer runs are split, never skipped). */
function sentences(text: string): string[] {
  return text.replace(/[*_`#>[\]]/g, '').split(/(?<=[\p{Ll}\d)”"’][.!?])\s+|\n+/u).flatMap((s) => s.match(/[\s\S]{1,400}/g) ?? []);
}

/** The first sentence in `texts` that tells citizens to leave, or null: the "departure directive" signal. */
export function departureDirective(source: PeerSource, texts: readonly string[]): string | null {
  const patterns = DEPARTURE_PATTERNS[source];
  for (const text of texts) {
    if (!/\bleave\b/i.test(text)) continue;
    for (const sentence of sentences(text)) {
      if (LOCAL_PLACE.test(sentence)) continue;
      if (patterns.some(({ pattern }) => pattern.test(sentence))) return sentence.trim().replace(/\s+/g, ' ');
    }
  }
  return null;
}
