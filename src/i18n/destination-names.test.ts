import { describe, expect, it } from 'vitest';
import { DESTINATIONS } from '../domain/destinations.ts';
import { destinationName } from './destination-names.ts';

describe('destinationName', () => {
  it('names destinations in French and English', () => {
    expect(destinationName('RU', 'fr')).toBe('Russie');
    expect(destinationName('DE', 'fr')).toBe('Allemagne');
    expect(destinationName('RU', 'en')).toBe('Russia');
  });

  it('has a French name for every destination', () => {
    const missing = DESTINATIONS.filter((d) => !destinationName(d.code, 'fr').trim()).map((d) => d.code);
    expect(missing).toEqual([]);
  });
});
