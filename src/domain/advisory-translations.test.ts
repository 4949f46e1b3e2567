import { describe, expect, it } from 'vitest';
import { availableLanguages, checkTranslations, localiseText, readTranslations } from './advisory-translations.ts';
import { canonicalContent, contentFingerprint } from './advisory.ts';
import { diffRevisions } from './diff.ts';
import { approvalDigest, changedFields, changesContent, sameContent, type DraftFields, type FieldError } from './draft-fields.ts';

const read = (value: unknown) => {
  const errors: FieldError[] = [];
  return { translations: readTranslations(value, errors), errors: errors.map((e) => e.field) };
};

const SECTIONS = [
  { slug: 'entry', title: 'Entry and exit', body: 'You need a visa.' },
  { slug: 'health', title: 'Health', body: 'Drink bottled water.' },
];

describe('reading translations from untrusted input', () => {
  it('reads a summary and sections, short and long forms, trimmed', () => {
    expect(read({ fr: { summary: ' Résumé. ', sections: { entry: 'Visa requis.\r\n', health: { title: 'Santé', body: 'Eau en bouteille.' } } } })).toEqual({
      translations: { fr: { summary: 'Résumé.', sections: { entry: { body: 'Visa requis.' }, health: { title: 'Santé', body: 'Eau en bouteille.' } } } },
      errors: [],
    });
  });

  const CASES: [string, unknown, ReturnType<typeof read>][] = [
    ['null removes them all', null, { translations: {}, errors: [] }],
    ['a language set to null is removed', { fr: null }, { translations: {}, errors: [] }],
    ['an empty translation is none', { fr: { summary: '', sections: { entry: '' } } }, { translations: {}, errors: [] }],
    ['a list', [], { translations: undefined, errors: ['translations'] }],
    ['sections without a summary', { fr: { sections: { entry: 'Visa requis.' } } }, { translations: undefined, errors: ['translations.fr.summary'] }],
    ['an unknown language', { de: { summary: 'Zusammenfassung' } }, { translations: undefined, errors: ['translations.de'] }],
    ['a tag that is not ours', { 'fr-CA': { summary: 'x' } }, { translations: undefined, errors: ['translations.fr-CA'] }],
    ['the original language', { en: { summary: 'Summary' } }, { translations: undefined, errors: ['translations.en'] }],
    ['a summary that is not text', { fr: { summary: 3 } }, { translations: undefined, errors: ['translations.fr.summary'] }],
    ['sections as a list', { fr: { sections: ['x'] } }, { translations: undefined, errors: ['translations.fr.sections'] }],
    ['a section that is a number', { fr: { summary: 'x', sections: { entry: 1 } } }, { translations: undefined, errors: ['translations.fr.sections.entry'] }],
    ['an unknown field', { fr: { summary: 'x', title: 'y' } }, { translations: undefined, errors: ['translations.fr.title'] }],
    ['an unknown section field', { fr: { summary: 'x', sections: { entry: { body: 'x', slug: 'y' } } } }, { translations: undefined, errors: ['translations.fr.sections.entry.slug'] }],
    ['a summary too long', { fr: { summary: 'x'.repeat(20_001) } }, { translations: undefined, errors: ['translations.fr.summary'] }],
    ['a section title too long', { fr: { summary: 'x', sections: { entry: { title: 'x'.repeat(201), body: 'y' } } } }, { translations: undefined, errors: ['translations.fr.sections.entry.title'] }],
  ];
  it.each(CASES)('%s', (_name, value, expected) => expect(read(value)).toEqual(expected));
});

describe('checking translations against the original', () => {
  const CASES: [string, Parameters<typeof checkTranslations>[0], string[]][] = [
    ['sections of the original', { fr: { summary: 'x', sections: { entry: { body: 'x' } } } }, []],
    ['no translations', undefined, []],
    ['a section the original does not have', { fr: { summary: 'x', sections: { visas: { body: 'x' } } } }, ['translations.fr.sections.visas']],
  ];
  it.each(CASES)('%s', (_name, translations, fields) => expect(checkTranslations(translations, SECTIONS).map((e) => e.field)).toEqual(fields));
});

describe('the text in a reader\'s language', () => {
  const content = { summary: 'Reconsider travel.', sections: SECTIONS, translations: { fr: { summary: 'Reconsidérez.', sections: { health: { title: 'Santé', body: 'Eau en bouteille.' } } } } };

  it('gives the translation where there is one and the original, marked missing, where not', () => {
    const text = localiseText(content, 'fr');
    expect(text.summary).toEqual({ text: 'Reconsidérez.', lang: 'fr', missing: false });
    expect(text.sections.map((s) => [s.slug, s.title.text, s.body.lang, s.body.missing])).toEqual([
      ['entry', 'Entry and exit', 'en', true],
      ['health', 'Santé', 'fr', false],
    ]);
  });

  it('gives the original, not marked missing, to a reader of the original language', () => {
    const text = localiseText(content, 'en');
    expect([text.summary.text, text.summary.missing, text.sections[1]!.body.text]).toEqual(['Reconsider travel.', false, 'Drink bottled water.']);
  });

  it('marks everything missing when there is no translation at all', () => {
    const text = localiseText({ summary: 'S', sections: SECTIONS }, 'fr');
    expect([text.summary.missing, ...text.sections.map((s) => s.body.missing)]).toEqual([true, true, true]);
  });

  it('lists the languages available', () => {
    expect(availableLanguages(content.translations)).toEqual(['en', 'fr']);
    expect(availableLanguages({})).toEqual(['en']);
  });
});

describe('translations are content', () => {
  const fields: DraftFields = {
    level: 2, indicators: [], risks: [], regions: [], departureUrged: false, summary: 'S', sections: SECTIONS,
    missions: [], quickFacts: null, translations: {}, changeType: 'minor', changeNote: '', nextReviewDue: null,
  };
  const translated: DraftFields = { ...fields, translations: { fr: { summary: 'Résumé', sections: {} } } };

  it('a translation change is in the approved version and makes a contributor', () => {
    expect(approvalDigest(translated)).not.toBe(approvalDigest(fields));
    expect(changedFields(fields, translated)).toEqual(['translations']);
    expect(changesContent(changedFields(fields, translated))).toBe(true);
    expect(sameContent(fields, translated)).toBe(false);
  });

  it('advice without translations fingerprints as before, and an importer\'s comparison ignores them', () => {
    expect(canonicalContent(fields)).not.toHaveProperty('translations');
    expect(contentFingerprint(translated, 'n', '2026-01-01')).toBe(contentFingerprint(fields, 'n', '2026-01-01'));
  });

  it('the diff shows each translated text as a field of its own', () => {
    const revision = { ...fields, code: 'RU', revision: 1, changeType: 'minor' as const, publishedAt: '', reviewedAt: '', source: { authority: 'Waypost' } };
    const changes = diffRevisions(revision, { ...revision, translations: { fr: { summary: 'Résumé', sections: { health: { body: 'Eau.' } } } } });
    expect(changes.map((c) => c.field)).toEqual(['translations.fr.summary', 'translations.fr.sections.health']);
  });
});
