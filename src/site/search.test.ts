import { describe, expect, it } from 'vitest';
import { DESTINATIONS } from '../domain/destinations.ts';
import { searchDestinations, searchTerms } from './search.ts';

const views = DESTINATIONS.map((destination) => ({ destination }));
const names = (query: string) => searchDestinations(views, query).map((view) => view.destination.name);

describe('searchDestinations', () => {
  it('finds a destination by a former name or alias', () => {
    expect(names('Burma')[0]).toBe('Myanmar');
    expect(names('swaziland')[0]).toBe('Eswatini');
    expect(names('Turkey')[0]).toBe('Türkiye');
  });

  it('puts an exact ISO code first, then names that start with the query, then names containing it', () => {
    expect(names('rus')[0]).toBe('Russia');
    expect(names('RUS')).toContain('Belarus');
    expect(names('US')[0]).toBe('United States');
    expect(names('ger')[0]).toBe('Germany');
    expect(names('guinea').slice(0, 1)).toEqual(['Guinea']);
    expect(names('guinea')).toEqual(expect.arrayContaining(['Equatorial Guinea', 'Papua New Guinea', 'Guinea-Bissau']));
  });

  it('ignores case, accents and punctuation', () => {
    expect(names('COTE D IVOIRE')[0]).toBe("Côte d'Ivoire");
    expect(names('türkiye')[0]).toBe('Türkiye');
  });

  it('finds nothing for nothing', () => {
    expect(names('')).toEqual([]);
    expect(names('  ?! ')).toEqual([]);
    expect(names('zzzz')).toEqual([]);
  });

  it('gives the static page\'s script codes first, then names', () => {
    expect(searchTerms(DESTINATIONS.find((d) => d.code === 'MM')!).split('|').slice(0, 3)).toEqual(['mm', 'mmr', 'myanmar']);
  });
});
