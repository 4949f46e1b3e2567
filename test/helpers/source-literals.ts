import { readFileSync } from 'node:fs';

/**
 * The string and template literals a source file writes right after `lead` (a call, an assignment):
 * the texts users read, for tests that check each has a translation. A template literal's quoted
 * parts read as "1" (a digit matches both a number and a text in the translation patterns); a
 * template with no words of its own (it only relays another text, checked where that is written) is left out.
 */
export function literalsAfter(file: URL, lead: RegExp): string[] {
  const source = readFileSync(file, 'utf8');
  const literal = new RegExp(`(?:${lead.source})\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\`((?:[^\`\\\\]|\\\\.)*)\`)`, 'g');
  return [...source.matchAll(literal)]
    .map((m) => (m[1] !== undefined ? m[1].replace(/\\'/g, '\'') : m[2]!.replace(/\$\{[^}]*\}/g, '1')))
    .filter((text) => /[a-z]{2}/i.test(text));
}
