import { describe, expect, it } from 'vitest';
import { DESTINATIONS } from '../domain/destinations.ts';
import type { Level } from '../domain/levels.ts';
import { buildWorldMap, mapLabel, type MapCountry } from './map.ts';

const countries = (levels: Record<string, Level>, higher: Record<string, Level> = {}): MapCountry[] =>
  DESTINATIONS.map((d) => ({
    code: d.code, name: d.name, href: `/destinations/${d.slug}/`, level: levels[d.code] ?? null, higherRegionLevel: higher[d.code] ?? null,
  }));

describe('buildWorldMap', () => {
  const svg = buildWorldMap(countries({ RU: 4, MX: 2, FR: 1 }, { MX: 4 })).toString();

  it('draws every country with an outline as a named link, in order, without Antarctica', () => {
    const links = [...svg.matchAll(/<a href="([^"]+)" aria-label="([^"]+)">/g)];
    expect(links.length).toBeGreaterThanOrEqual(170);
    expect(svg).toContain('<a href="/destinations/russia/" aria-label="Russia: Level 4, Do Not Travel"><path class="l4" d="M');
    expect(svg).toContain('aria-label="Germany: no advisory"><path class="l0"');
    expect(svg).not.toContain('Antarctica');
    // Kosovo has no numeric code in world-atlas and is matched by name; Somaliland joins Somalia.
    expect(svg).toContain('aria-label="Kosovo: no advisory"');
    expect(links.filter(([, , label]) => label!.startsWith('Somalia:'))).toHaveLength(1);
    const names = links.map(([, , label]) => label!.split(':')[0]!);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('stripes a country with a higher-level region in that level\'s colour and says so', () => {
    expect(svg).toContain('aria-label="Mexico: Level 2, Exercise Increased Caution; some areas Level 4"><path class="l2h4"');
    expect(svg).toMatch(/<pattern id="l2h4"[^>]*><rect width="5" height="5" class="l2"\/><rect width="2" height="5" class="l4"\/><\/pattern>/);
    expect(svg.match(/<pattern /g)).toHaveLength(1);
  });

  it('stays small enough for a fast home page', () => {
    expect(svg.length).toBeLessThan(120_000);
  });

  it('escapes what it is given', () => {
    const hostile = buildWorldMap([{ code: 'FR', name: 'France"><script>', href: '/x"y', level: 1, higherRegionLevel: null }]).toString();
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('href="/x&quot;y"');
  });
});

describe('mapLabel', () => {
  it('says the level in words', () => {
    expect(mapLabel({ name: 'Russia', level: 4, higherRegionLevel: null })).toBe('Russia: Level 4, Do Not Travel');
    expect(mapLabel({ name: 'Greenland', level: null, higherRegionLevel: null })).toBe('Greenland: no advisory');
  });
});
