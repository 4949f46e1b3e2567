import { normaliseName } from './destinations.ts';

/**
 * How a place typed by a person is compared with the gazetteer's names. Pure rules, no data:
 * case, accents and punctuation never matter ("Cancún" = "cancun", "St. Petersburg" = "Saint
 * Petersburg"), the usual romanisations of Cyrillic and Arabic fold together ("Nizhniy" =
 * "Nizhnij" = "Nizhny"), and a small typo is forgiven in names long enough to carry one.
 */

/** The exact key: what normaliseName keeps, with "Sankt"/"San"-style prefixes left alone. */
export function placeKey(name: string): string {
  return normaliseName(name).replace(/\bste\b/g, 'sainte');
}

/**
 * A looser key for spelling variants that romanisation produces: j/y, kh/h, w/v, ph/f, ck/k,
 * -iy/-ij/-yy endings, apostrophes (soft signs) and doubled letters all fold to one form.
 */
export function looseKey(name: string): string {
  return placeKey(name.replace(/['’ʹʼ`]/g, ''))
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/w/g, 'v')
    .replace(/j/g, 'y')
    .replace(/(?:iy|yy|iy|ii)\b/g, 'y')
    .replace(/([a-z])\1+/g, '$1');
}

/** How many edits a name of this length may carry and still be the place meant: none under 4 letters. */
export function typoBudget(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * Optimal-string-alignment distance (insert, delete, substitute, swap two neighbours), giving up
 * as soon as it must exceed `max` (then it returns max + 1): a typo scan over 150,000 names stays fast.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  // Three rows reused across calls: the scan compares one name with tens of thousands.
  if (rows.length < width * 3) rows = new Int32Array(width * 3 * 2);
  let before = 0;
  let previous = width;
  let current = width * 2;
  for (let j = 0; j < width; j += 1) rows[previous + j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    rows[current] = i;
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(rows[previous + j]! + 1, rows[current + j - 1]! + 1, rows[previous + j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) value = Math.min(value, rows[before + j - 2]! + 1);
      rows[current + j] = value;
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(rows[previous + b.length]!, max + 1);
}

let rows = new Int32Array(3 * 128);

/** How well a name answers what was typed: 0 exact, 1 same loose spelling, 2 prefix, 3 a typo; Infinity no match. */
export function matchRank(typed: { key: string; loose: string }, name: { key: string; loose: string }): number {
  if (!typed.key) return Infinity;
  if (name.key === typed.key) return 0;
  if (name.loose === typed.loose) return 1;
  if (typed.key.length >= 3 && name.key.startsWith(typed.key)) return 2;
  const budget = typoBudget(typed.loose.length);
  if (budget > 0 && editDistance(typed.loose, name.loose, budget) <= budget) return 3;
  return Infinity;
}
