import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { AREAS, CATALOGS } from './catalog.ts';
import { LOCALES } from './locales.ts';

/** The argument names a message uses, with nested plural/select branches. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type !== TYPE.literal && element.type !== TYPE.pound && 'value' in element) into.add(String(element.value));
    if ('options' in element) for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    if (element.type === TYPE.tag) { into.add(element.value); argumentsOf(element.children, into); }
  }
  return into;
}

describe('message catalogues', () => {
  it('no two areas define the same message id', () => {
    const seen = new Map<string, string>();
    for (const [area, catalogue] of Object.entries(AREAS)) {
      for (const id of Object.keys(catalogue.en)) {
        expect(seen.get(id), `${id} in ${area}`).toBeUndefined();
        seen.set(id, area);
      }
    }
    expect(seen.size).toBeGreaterThan(0);
  });

  it('every language has every English message, and no other', () => {
    const english = Object.keys(CATALOGS.en).sort();
    for (const locale of LOCALES) expect(Object.keys(CATALOGS[locale]).sort(), locale).toEqual(english);
  });

  it('every message parses as ICU MessageFormat and uses the same arguments as the English one', () => {
    for (const [id, english] of Object.entries(CATALOGS.en)) {
      const expected = [...argumentsOf(parse(english))].sort();
      for (const locale of LOCALES) {
        const text = CATALOGS[locale][id as keyof typeof CATALOGS.en];
        expect(text.trim(), `${locale} ${id} is empty`).not.toBe('');
        expect([...argumentsOf(parse(text))].sort(), `${locale} ${id}`).toEqual(expected);
      }
    }
  });

  it('a translation is not left as the English text, except where the words are the same', () => {
    // Names and codes read the same in both languages; anything longer than a word must differ.
    const same = Object.entries(CATALOGS.en).filter(([id, english]) => english.includes(' ') && CATALOGS.fr[id as keyof typeof CATALOGS.en] === english);
    expect(same.map(([id]) => id)).toEqual([]);
  });
});
