import { describe, expect, it } from 'vitest';
import { editDistance, looseKey, matchRank, placeKey, typoBudget } from './place-names.ts';

const name = (text: string) => ({ key: placeKey(text), loose: looseKey(text) });

describe('place names', () => {
  it.each([
    ['St Petersburg', 'saint petersburg'], ['St. Petersburg', 'saint petersburg'], ['Saint-Petersburg', 'saint petersburg'],
    ['Cancún', 'cancun'], ['CANCUN', 'cancun'], ['Ste-Foy', 'sainte foy'], ['Nizhniy Novgorod', 'nizhniy novgorod'],
  ])('keys %j as %j', (input, key) => {
    expect(placeKey(input)).toBe(key);
  });

  it.each([
    ['Nizhniy Novgorod', 'Nizhnij Novgorod'], ['Nizhniy Novgorod', 'Nizhny Novgorod'], ['Kharkiv', 'Harkiv'],
    ['Arhangel\'sk', 'Arkhangelsk'], ['Yalta', 'Jalta'], ['Tallinn', 'Talin'],
  ])('folds the romanisations %j and %j together', (a, b) => {
    expect(looseKey(a)).toBe(looseKey(b));
  });

  it.each([
    ['moscow', 'moskow', 1], ['moscow', 'mosocw', 1], ['moscow', 'mscow', 1], ['moscow', 'moscow', 0], ['petersburg', 'petrsbrug', 2], ['abc', 'xyz', 2],
  ])('measures %j against %j as %i edits (at most 1 more than allowed)', (a, b, distance) => {
    expect(editDistance(a, b, 1)).toBe(Math.min(distance, 2));
    expect(editDistance(a, b, 3)).toBe(Math.min(distance, 4) === 2 && a === 'abc' ? 3 : distance);
  });

  it.each([[2, 0], [3, 0], [4, 1], [7, 1], [8, 2], [20, 2]])('allows a name of %i letters %i typos', (length, budget) => {
    expect(typoBudget(length)).toBe(budget);
  });

  it.each([
    ['St Petersburg', 'Saint Petersburg', 0], ['Cancun', 'Cancún', 0], ['Nizhnij Novgorod', 'Nizhniy Novgorod', 1],
    ['Mosc', 'Moscow', 2], ['Moskow', 'Moscow', 3], ['Moscwo', 'Moscow', 3], ['Mo', 'Moscow', Infinity], ['Paris', 'Moscow', Infinity], ['Rom', 'Rim', Infinity],
  ])('ranks %j against the name %j as %s', (typed, candidate, rank) => {
    expect(matchRank(name(typed), name(candidate))).toBe(rank);
  });
});
