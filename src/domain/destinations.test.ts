import { describe, expect, it } from 'vitest';
import { DESTINATIONS, findByCode, findByName, findBySlug } from './destinations.ts';

describe('destinations', () => {
  it('covers every ISO 3166-1 country and territory with unique codes and slugs', () => {
    expect(DESTINATIONS.length).toBeGreaterThanOrEqual(249);
    for (const key of ['code', 'iso3', 'slug'] as const) {
      expect(new Set(DESTINATIONS.map((d) => d[key])).size).toBe(DESTINATIONS.length);
    }
    for (const d of DESTINATIONS) {
      expect(d.code).toMatch(/^[A-Z]{2}$/);
      expect(d.iso3).toMatch(/^[A-Z]{3}$/);
      expect(d.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('uses the names travellers use, with ISO numbers', () => {
    expect(findByCode('RU')).toMatchObject({ name: 'Russia', iso3: 'RUS', numeric: '643', slug: 'russia' });
    expect(findByCode('ci')).toMatchObject({ name: "Côte d'Ivoire", slug: 'cote-d-ivoire' });
    expect(findBySlug('united-kingdom')?.code).toBe('GB');
  });

  it('finds alpha-2 and alpha-3 in any case and nothing else', () => {
    expect(findByCode('rus')?.code).toBe('RU');
    expect(findByCode('Ru')?.code).toBe('RU');
    expect(findByCode('XX')).toBeUndefined();
    expect(findByCode('RUSS')).toBeUndefined();
  });

  it.each([
    ['Burma', 'MM'], ['Myanmar', 'MM'], ['Czech Republic', 'CZ'], ['Czechia', 'CZ'], ['Turkey', 'TR'],
    ['Türkiye', 'TR'], ['Ivory Coast', 'CI'], ["Cote d'Ivoire", 'CI'], ['The Bahamas', 'BS'], ['St. Lucia', 'LC'],
    ['Russian Federation', 'RU'], ['Macau', 'MO'], ['Hong Kong', 'HK'], ['Kosovo', 'XK'],
  ])('resolves the alias %s', (name, code) => {
    expect(findByName(name)?.code).toBe(code);
  });

  it('refuses to guess between two countries with one name', () => {
    expect(findByName('Congo')).toBeUndefined();
  });
});
