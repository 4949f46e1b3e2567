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

  it('draws every country with an outline as a named link, in order, Antarctica as a marker', () => {
    const links = [...svg.matchAll(/<a href="([^"]+)" aria-label="([^"]+)">/g)];
    expect(links.length).toBeGreaterThanOrEqual(170);
    expect(svg).toContain('<a href="/destinations/russia/" aria-label="Russia: Level 4, Do Not Travel"><path class="l4" fill="#7a1620" d="M');
    expect(svg).toContain('aria-label="Germany: no advisory"><path class="l0" fill="url(#l0)"');
    // Antarctica is a marker at the map's foot, not an outline a fifth of the map's height.
    expect(svg).toMatch(/aria-label="Antarctica: no advisory">(<path class="leader"[^>]+>)?<circle class="target"/);
    // Kosovo has no numeric code in world-atlas and is matched by name; Somaliland joins Somalia.
    expect(svg).toContain('aria-label="Kosovo: no advisory"');
    expect(links.filter(([, , label]) => label!.startsWith('Somalia:'))).toHaveLength(1);
    // Outlines first, then the small destinations' markers: each group A–Z, the keyboard's order.
    for (const group of svg.split('<g class="small-destinations">')) {
      const names = [...group.matchAll(/aria-label="([^":]+):/g)].map(([, name]) => name!);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    }
  });

  it('stripes a country with a higher-level region in that level\'s colour and says so', () => {
    expect(svg).toContain('aria-label="Mexico: Level 2, Exercise Increased Caution; some areas Level 4"><path class="l2h4"');
    expect(svg).toMatch(/<pattern id="l2h4"[^>]*><rect width="5" height="5" class="l2" fill="#eba41f"\/><rect width="2" height="5" class="l4" fill="#7a1620"\/><\/pattern>/);
    // The stripes and the dotted "no advisory" pattern.
    expect(svg.match(/<pattern /g)).toHaveLength(2);
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

describe('small destinations', () => {
  const svg = buildWorldMap(countries({ MT: 1, SG: 2, BB: 1, PS: 3 })).toString();

  it('draws a circle with its level and a 24-unit target for a destination Natural Earth leaves out', () => {
    const malta = /<a href="\/destinations\/malta\/" aria-label="Malta: Level 1, Exercise Normal Precautions">(.*?)<\/a>/.exec(svg)![1]!;
    expect(malta).toMatch(/<circle class="target" cx="\d+" cy="\d+" r="12" fill="transparent"\/><circle class="marker l1" cx="\d+" cy="\d+" r="5" fill="#d6ecfa"\/>/);
    expect(svg).toMatch(/aria-label="Singapore: Level 2[^"]*">.*?<circle class="marker l2"/);
  });

  it('adds a marker to an outline too small to see (the West Bank) and keeps its colour', () => {
    expect(svg).toMatch(/aria-label="Palestinian Territories: Level 3[^"]*"><path class="l3" fill="#cf5516" d="M[^"]+"\/>(<path class="leader"[^>]+>)?<circle class="target"/);
  });

  it('keeps targets apart: no two markers closer than two target radii', () => {
    const centres = [...svg.matchAll(/<circle class="target" cx="(\d+)" cy="(\d+)"/g)].map(([, x, y]) => [Number(x), Number(y)] as const);
    expect(centres.length).toBeGreaterThan(50);
    for (const [i, a] of centres.entries()) for (const b of centres.slice(i + 1)) expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThanOrEqual(22);
  });
});

describe('active alerts on the map', () => {
  const alerts = [
    { href: '/alerts/7/', headline: 'Demonstration in Moscow', severity: 'Severe', destinations: ['RU'], polygon: null, circle: '55.75,37.62 50' },
    { href: '/alerts/8/', headline: 'Storm', severity: 'Moderate', destinations: ['FR'], polygon: null, circle: null },
    { href: '/alerts/9/', headline: 'Floods', severity: 'Minor', destinations: ['MT'], polygon: '35.8,14.3 35.9,14.6 36.0,14.3 35.8,14.3', circle: null },
  ];
  const svg = buildWorldMap(countries({ RU: 4 }), { alerts }).toString();

  it('draws each alert\'s area and a marker linking to the alert, named in words', () => {
    for (const alert of alerts) expect(svg).toContain(`<a class="map-alert" href="${alert.href}" aria-label="Alert (${alert.severity}): ${alert.headline}.`);
    const storm = /<a class="map-alert" href="\/alerts\/8\/"[^>]*>(.*?)<\/a>/.exec(svg)![1]!;
    // No polygon or circle: the destination's own outline, dashed.
    expect(storm).toMatch(/<path class="alert-area" d="M[^"]+" fill="none"/);
    expect(storm).toMatch(/<circle class="alert-target" cx="\d+" cy="\d+" r="12"/);
    expect(svg).toContain('aria-label="Alert (Severe): Demonstration in Moscow. Russia"');
  });

  it('draws a CAP polygon on the small side whatever its winding', () => {
    const floods = /<a class="map-alert" href="\/alerts\/9\/"[^>]*>.*?<path class="alert-area" d="([^"]+)"/.exec(svg)![1]!;
    expect(floods.length).toBeLessThan(100);
    const reversed = buildWorldMap([], { alerts: [{ ...alerts[2]!, polygon: '35.8,14.3 36.0,14.3 35.9,14.6 35.8,14.3' }] }).toString();
    expect(/<path class="alert-area" d="([^"]+)"/.exec(reversed)![1]!.length).toBeLessThan(100);
  });

  it('leaves the map as it was without alerts', () => {
    expect(buildWorldMap(countries({ RU: 4 })).toString()).not.toContain('map-alert');
  });
});

describe('mapLabel', () => {
  it('says the level in words', () => {
    expect(mapLabel({ name: 'Russia', level: 4, higherRegionLevel: null })).toBe('Russia: Level 4, Do Not Travel');
    expect(mapLabel({ name: 'Greenland', level: null, higherRegionLevel: null })).toBe('Greenland: no advisory');
  });
});
