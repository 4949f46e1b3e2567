import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, pickLocale } from './negotiate.ts';
import { translator } from './translator.ts';

describe('pickLocale', () => {
  it.each([
    [{ query: 'fr', cookie: 'en', acceptLanguage: 'en' }, 'fr'],
    [{ query: 'xx', cookie: 'fr' }, 'fr'],
    [{ cookie: 'en', acceptLanguage: 'fr' }, 'en'],
    [{ profile: 'fr', acceptLanguage: 'en' }, 'fr'],
    [{ acceptLanguage: 'de-DE,fr-CA;q=0.8,en;q=0.5' }, 'fr'],
    [{ acceptLanguage: 'en;q=0.2, FR;q=0.9' }, 'fr'],
    [{ acceptLanguage: 'fr;q=0, en' }, 'en'],
    [{ acceptLanguage: 'de, *;q=0.1' }, 'en'],
    [{ query: ['fr', 'en'] }, 'en'],
    [{}, 'en'],
  ])('%j → %s', (sources, expected) => {
    expect(pickLocale(sources)).toBe(expected);
  });

  it('ignores malformed Accept-Language', () => {
    expect(fromAcceptLanguage(';;;q=abc,,')).toBeNull();
  });
});

describe('translator', () => {
  it('speaks each language, with its own dates, numbers and lists', () => {
    const fr = translator('fr-CA');
    expect(fr.locale).toBe('fr');
    expect(fr.t('common.level', { level: 4 })).toBe('Niveau 4');
    expect(fr.date('2026-12-02')).toBe('2 décembre 2026');
    expect(fr.list(['Russie', 'Biélorussie', 'Ukraine'])).toBe('Russie, Biélorussie et Ukraine');
    expect(fr.number(12500)).toMatch(/^12\s500$/u);
    const en = translator('xx');
    expect(en.locale).toBe('en');
    expect(en.date('2026-12-02')).toBe('2 December 2026');
    expect(en.dateTime('2026-12-02T09:30:00Z', 'Europe/Moscow')).toBe('2 December 2026 at 12:30 (Europe/Moscow)');
  });

  it('returns rich arguments in place', () => {
    const link = { href: '/x' };
    expect(translator('en').parts('common.level', { level: link })).toEqual(['Level ', link]);
  });
});
