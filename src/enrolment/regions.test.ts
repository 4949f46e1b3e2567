import { describe, expect, it } from 'vitest';
import { findByCode } from '../domain/destinations.ts';
import { regionLabel, resolveRegion } from './regions.ts';

const russia = findByCode('RU')!;

describe('regions', () => {
  it.each([
    ['', null], ['  ', null], ['RU-MOW', 'RU-MOW'], ['ru-spe', 'RU-SPE'], ['Moskva', 'RU-MOW'], ['Sankt-Peterburg', 'RU-SPE'],
    ['Adygeja', 'RU-AD'], ['Moscow', 'Moscow'], ['St Petersburg', 'RU-SPE'], ['Saint Petersburg', 'RU-SPE'], ['Moskow', 'RU-MOW'], ['Novosibirsk', 'RU-NVS'],
  ])('resolves %j in Russia to %j', (input, region) => {
    expect(resolveRegion(russia, input)).toEqual({ ok: true, region });
  });

  it('accepts areas the advisory names, in the advisory\'s spelling', () => {
    expect(resolveRegion(russia, 'north caucasus', ['North Caucasus'])).toEqual({ ok: true, region: 'North Caucasus' });
  });

  it.each(['Gothamville', 'US-CA', 'RU-XXX', 'Qwzrtplk', '<script>', 'x'.repeat(101)])('refuses %j as an unknown region with a hint', (input) => {
    const result = resolveRegion(russia, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^unknown region ".*" in Russia: we know no city or region of that name there; type a city, a region or an ISO 3166-2 code such as Moscow or RU-MOW/);
  });

  it('says where a place is when it is in another country, and never suggests an unrelated region', () => {
    const result = resolveRegion(russia, 'Crimea');
    expect(result).toEqual({ ok: false, reason: 'unknown region "Crimea" in Russia: we know it as Crimea (UA-43) in Ukraine; choose Ukraine as the destination, or check the spelling' });
    expect(resolveRegion(russia, 'Paris')).toMatchObject({ ok: false, reason: expect.stringMatching(/we know it as Paris \(FR-IDF\) in France; choose France/) });
    expect(resolveRegion(findByCode('UA')!, 'Crimea')).toEqual({ ok: true, region: 'UA-43' });
    expect(resolveRegion(findByCode('MX')!, 'Cancún')).toEqual({ ok: true, region: 'MX-ROO' });
    expect(resolveRegion(findByCode('MX')!, 'Cancun')).toEqual({ ok: true, region: 'MX-ROO' });
  });

  it('labels codes with their names', () => {
    expect(regionLabel('RU-MOW')).toBe('Moskva (RU-MOW)');
    expect(regionLabel('Moscow')).toBe('Moscow');
    expect(regionLabel(null)).toBeNull();
  });
});
