import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { AREAS } from '../../src/i18n/catalog.ts';
import type { Locale } from '../../src/i18n/locales.ts';

/** The literal text of a message, in the runs between its arguments (plural and select branches included). */
function literals(elements: MessageFormatElement[], into: string[] = []): string[] {
  for (const element of elements) {
    if (element.type === TYPE.literal) into.push(element.value);
    if ('options' in element) for (const option of Object.values(element.options)) literals(option.value, into);
    if (element.type === TYPE.tag) literals(element.children, into);
  }
  return into;
}

/**
 * Every run of three words or more that the given areas' messages say in `locale`: if one of them
 * shows on a page meant to be in the other language, that message was not translated there.
 */
export function catalogPhrases(areas: readonly (keyof typeof AREAS)[], locale: Locale): string[] {
  const phrases = new Set<string>();
  for (const area of areas) {
    for (const text of Object.values(AREAS[area][locale]) as string[]) {
      for (const run of literals(parse(text))) {
        // Punctuation joins an argument to its words ("{name}: no advisory"): keep only the words around it.
        const trimmed = run.replace(/^[\s:;,.()·–—«»“”]+|[\s:;,.()·–—«»“”]+$/g, '');
        if (trimmed.split(/\s+/).length >= 3) phrases.add(trimmed);
      }
    }
  }
  return [...phrases];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/** The page as text and attribute values, entities decoded, so a phrase matches wherever it shows. */
export function readable(body: string): string {
  return body.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity).replace(/\s+/g, ' ');
}

/** The phrases that show on the page, except those the advisory texts themselves say (not interface text). */
export function leaks(body: string, phrases: readonly string[], advisoryText: string): string[] {
  const page = readable(body);
  return phrases.filter((phrase) => page.includes(phrase) && !advisoryText.includes(phrase));
}
