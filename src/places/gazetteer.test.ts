import { describe, expect, it } from 'vitest';
import { findMajorPlace, findPlaceIn, searchPlaces } from './gazetteer.ts';

describe('gazetteer', () => {
  it.each([
    ['St Petersburg', 'Saint Petersburg', 'RU', 'RU-SPE'], ['st petersburg', 'Saint Petersburg', 'RU', 'RU-SPE'], ['Saint Petersburg', 'Saint Petersburg', 'RU', 'RU-SPE'],
    ['Sankt-Peterburg', 'Saint Petersburg', 'RU', 'RU-SPE'], ['Cancún', 'Cancún', 'MX', 'MX-ROO'], ['Cancun', 'Cancún', 'MX', 'MX-ROO'],
    ['Crimea', 'Crimea', 'UA', 'UA-43'], ['Sevastopol', 'Sevastopol', 'UA', 'UA-40'], ['moscow', 'Moscow', 'RU', 'RU-MOW'], ['Moskow', 'Moscow', 'RU', 'RU-MOW'],
    ['Moskva', 'Moscow', 'RU', 'RU-MOW'], ['Kiev', 'Kyiv', 'UA', 'UA-30'], ['Nizhnij Novgorod', 'Nizhniy Novgorod', 'RU', 'RU-NIZ'], ['Paris', 'Paris', 'FR', 'FR-IDF'],
  ])('finds %j first as %s (%s, %s)', (query, name, country, subdivision) => {
    const [first] = searchPlaces(query, 5);
    expect(first).toMatchObject({ name, country, subdivision });
    expect(first!.lat).toEqual(expect.any(Number));
    expect(first!.lon).toEqual(expect.any(Number));
  });

  it('places coordinates where the city is', () => {
    const [spb] = searchPlaces('St Petersburg', 1);
    expect(spb!.lat).toBeCloseTo(59.94, 1);
    expect(spb!.lon).toBeCloseTo(30.31, 1);
  });

  it('offers other places of the same name after the best, and at most the limit', () => {
    const results = searchPlaces('St Petersburg', 10);
    expect(results.map((p) => p.subdivision)).toContain('US-FL');
    expect(searchPlaces('san', 3)).toHaveLength(3);
  });

  it.each([['RU', 'St Petersburg', 'RU-SPE'], ['RU', 'Moskow', 'RU-MOW'], ['MX', 'cancun', 'MX-ROO'], ['UA', 'Crimea', 'UA-43']])('resolves %s %j to %s', (country, text, subdivision) => {
    expect(findPlaceIn(country, text)?.subdivision).toBe(subdivision);
  });

  it.each([['RU', 'Paris'], ['RU', 'Gotham'], ['RU', 'Crimea'], ['RU', 'Mos']])('finds no %s %j: neither a place elsewhere, a mere prefix nor a stranger', (country, text) => {
    expect(findPlaceIn(country, text)).toBeUndefined();
  });

  it('lets only well-known places stand in for a country', () => {
    expect(findMajorPlace('St Petersburg')).toMatchObject({ country: 'RU', subdivision: 'RU-SPE' });
    expect(findMajorPlace('Atlantis')).toBeUndefined();
    expect(findMajorPlace('Moskow')).toBeUndefined();
  });

  it('returns nothing for nothing', () => {
    expect(searchPlaces('  ', 5)).toEqual([]);
    expect(searchPlaces('!!!', 5)).toEqual([]);
  });
});
