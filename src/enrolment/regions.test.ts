import { describe, expect, it } from 'vitest';
import { findByCode } from '../domain/destinations.ts';
import { regionLabel, resolveRegion } from './regions.ts';

const russia = findByCode('RU')!;

describe('regions', () => {
  it.each([
    ['', null], ['  ', null], ['RU-MOW', 'RU-MOW'], ['ru-spe', 'RU-SPE'], ['Moskva', 'RU-MOW'], ['Sankt-Peterburg', 'RU-SPE'],
    ['Adygeja', 'RU-AD'], ['Moscow', 'Moscow'],
  ])('resolves %j in Russia to %j', (input, region) => {
    expect(resolveRegion(russia, input)).toEqual({ ok: true, region });
  });

  it('accepts areas the advisory names, in the advisory\'s spelling', () => {
    expect(resolveRegion(russia, 'north caucasus', ['North Caucasus'])).toEqual({ ok: true, region: 'North Caucasus' });
  });

  it.each(['Gotham', 'US-CA', 'RU-XXX', 'Paris', '<script>', 'x'.repeat(101)])('refuses %j as an unknown region with a hint', (input) => {
    const result = resolveRegion(russia, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^unknown region ".*" in Russia: give an ISO 3166-2 code or a region name such as RU-\w+/);
  });

  it('labels codes with their names', () => {
    expect(regionLabel('RU-MOW')).toBe('Moskva (RU-MOW)');
    expect(regionLabel('Moscow')).toBe('Moscow');
    expect(regionLabel(null)).toBeNull();
  });
});
