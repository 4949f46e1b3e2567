import type { Risk } from '../../domain/advisory.ts';
import { normaliseIndicators, type Indicator } from '../../domain/indicators.ts';
import { textOf, type Block } from './html.ts';

/**
 * Words that name each risk indicator, checked in this order so a risk naming two things gets the
 * more specific one ("kidnapping of criminals" is K, "wrongful detention by police" is D).
 */
const KEYWORDS: readonly [Indicator, RegExp][] = [
  ['D', /\bwrongful(?:ly)?\b|\bdetention\b|\bdetain/i],
  ['K', /\bkidnap|\bhostage/i],
  ['T', /\bterror/i],
  ['U', /\bunrest\b|\bprotests?\b|\bdemonstrations?\b|\briots?\b/i],
  ['H', /\bhealth\b|\bmedical\b|\bdiseases?\b|\boutbreaks?\b|\bepidemic|\bpandemic/i],
  ['N', /\bnatural disasters?\b|\bhurricanes?\b|\bearthquakes?\b|\bvolcan|\btyphoons?\b|\bcyclones?\b|\bfloods?\b|\bwildfires?\b|\btsunamis?\b|\benvironmental hazards?\b|\bextreme weather\b/i],
  ['E', /\btime-limited\b|\belections?\b/i],
  ['C', /\bcrimes?\b|\bcriminal|\bgangs?\b|\bbanditry\b|\brobber(?:y|ies)\b/i],
  // Named on their own they are still risks, but the State Department files them under Other.
  ['O', /\bwars?\b|\bconflict\b|\barbitrary\b|\blandmines?\b|\bland mines?\b|\bunexploded\b|\bmissiles?\b|\bdrones?\b|\bviolence\b|\bpiracy\b|\bemergency services\b/i],
];

/** The indicator for one risk in the publisher's words; anything unrecognised is Other. */
export function indicatorFor(risk: string): Indicator {
  return KEYWORDS.find(([, pattern]) => pattern.test(risk))?.[0] ?? 'O';
}

function isKnownRisk(text: string): boolean {
  return KEYWORDS.some(([, pattern]) => pattern.test(text));
}

/** Sentences, not split after abbreviations such as "U.S." or "St.". */
function sentences(text: string): string[] {
  return text.split(/(?<!\b[A-Z]\.[A-Z]\.|\b(?:St|Mt|etc|e\.g|i\.e)\.)(?<=[.!?])\s+(?=[A-Z“"(])/).map((s) => s.trim()).filter(Boolean);
}

/**
 * Splits "crime, civil unrest, and the risk of kidnapping" into its risks. A bare "and" splits only
 * when both halves name a risk, so "conflict between Transnistria and the central government" stays whole.
 */
export function listedRisks(phrase: string): string[] {
  const items: string[] = [];
  for (const raw of phrase.split(/\s*[,;]\s*/)) {
    const item = raw.replace(/^(?:and|or)\s+/i, '').replace(/[.:;\s]+$/, '').trim();
    if (!item) continue;
    // "…, including in relation to exit bans" qualifies the risk before it.
    if (/^(?:including|such as|especially|particularly|as well as)\b/i.test(item) && items.length) {
      items[items.length - 1] += `, ${item}`;
      continue;
    }
    const halves = item.split(/\s+and\s+/i);
    if (halves.length === 2 && halves.every(isKnownRisk)) items.push(...halves);
    else items.push(item);
  }
  return items;
}

export interface RiskSummary {
  indicators: Indicator[];
  risks: Risk[];
}

const ADVICE = /\b(?:exercise (?:normal|increased)|reconsider travel|do not travel)\b/i;
const DUE_TO = /\bdue to\b/i;

/**
 * The sentences of a paragraph that give the advisory's reasons: advice and "due to" in one sentence,
 * or "This is due to …" straight after the advice. Only these count: "avoid driving after dark due to
 * crime" deep in the text, or "Due to the risks, employees may not…", is not a risk indicator.
 */
function reasonSentences(paragraph: string): string[] {
  // A line break ends a sentence too: bold headings run into their text after a <br>.
  const all = paragraph.split('\n').flatMap(sentences);
  return all.filter((sentence, i) => DUE_TO.test(sentence) && (ADVICE.test(sentence) || (/^this is due to\b/i.test(sentence) && ADVICE.test(all[i - 1] ?? ''))));
}

/**
 * Reads the risks from the advisory's "due to …" sentences in the first paragraph that has them,
 * and when that paragraph ends "due to:", from the list that follows it.
 */
export function extractRisks(blocks: readonly Block[]): RiskSummary {
  const index = blocks.findIndex((block) => block.tag === 'p' && reasonSentences(textOf(block.inner)).length > 0);
  if (index < 0) return { indicators: [], risks: [] };
  const texts: string[] = [];
  for (const sentence of reasonSentences(textOf(blocks[index]!.inner))) {
    const phrase = sentence.slice(sentence.search(DUE_TO) + 'due to'.length).trim();
    if (phrase.replace(/[:.\s]/g, '')) texts.push(...listedRisks(phrase));
  }
  const next = blocks[index + 1];
  if (/\bdue to:\s*$/i.test(textOf(blocks[index]!.inner)) && next && next.tag !== 'p') {
    for (const item of next.inner.split(/<\/li>/)) {
      const text = textOf(item).replace(/\s+/g, ' ');
      if (text) texts.push(text);
    }
  }
  const risks = texts.map((text) => ({ indicator: indicatorFor(text), text }));
  return { indicators: normaliseIndicators(risks.map((risk) => risk.indicator)), risks };
}

/** Whether the advisory tells citizens to get out, not merely to stay away. */
export function urgesDeparture(text: string): boolean {
  return /\bshould leave (?:immediately|now)\b|\bleave (?:the country )?(?:immediately|now)\b|\bdepart\b[^.]{0,80}\bas soon as possible\b/i.test(text);
}
