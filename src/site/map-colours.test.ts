import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { difference, lab, simulate, type Vision } from '../../test/helpers/colour-vision.ts';
import { DESTINATIONS } from '../domain/destinations.ts';
import { LEVELS, type Level } from '../domain/levels.ts';
import { buildWorldMap } from './map.ts';

/**
 * The map's levels stay apart for readers with deuteranopia, protanopia and achromatopsia (issue
 * 16). The fills are read from the rendered SVG, seen through each simulated vision
 * (test/helpers/colour-vision.ts: Machado et al. 2009 at severity 1.0, luminance for
 * achromatopsia, in linear RGB) and compared with CIEDE2000.
 *
 * Threshold: ΔE2000 ≥ 10 between every pair of levels. One unit is about a just-noticeable
 * difference for large side-by-side patches; map fills are small, apart and read at a glance, and
 * Brychtová & Çöltekin (2016, "Calculating colour distance on choropleth maps with CIEDE2000",
 * The Cartographic Journal 53(3)) found map readers' discrimination of fills fell off sharply
 * below ΔE2000 ≈ 10. Lightness must also fall with every level in achromatopsia (by ≥ 10 L*), so
 * the order is still readable as "darker is worse" with no hue at all.
 *
 * The palette this replaced (#2a7fa8, #f2c84b, #ec8a3c, #a51d24) kept ΔE ≥ 10 but not the order:
 * Level 1's blue (L* 50) was darker than Levels 2 and 3, so in grey it read as "worse" than them.
 */

const MIN_DELTA_E = 10;
const MIN_LIGHTNESS_STEP = 10;
const VISIONS: Vision[] = ['normal', 'deuteranopia', 'protanopia', 'achromatopsia'];

/** The fill of each level's countries, as the rendered map paints them. */
function renderedFills(): Record<Level, string> {
  const levelOf = (code: string) => (LEVELS[code.charCodeAt(0) % 4]!);
  const svg = buildWorldMap(DESTINATIONS.map((d) => ({
    code: d.code, name: d.name, href: `/destinations/${d.slug}/`, level: levelOf(d.code), higherRegionLevel: null,
  }))).toString();
  const fills = new Map<number, Set<string>>();
  for (const [, level, fill] of svg.matchAll(/<path class="l(\d)" fill="([^"]+)"/g)) fills.set(Number(level), (fills.get(Number(level)) ?? new Set()).add(fill!));
  expect([...fills.keys()].sort()).toEqual([1, 2, 3, 4]);
  // One fill per level, a plain colour (patterns are tested apart).
  for (const set of fills.values()) expect(set.size).toBe(1);
  return Object.fromEntries([...fills].map(([level, set]) => [level, [...set][0]!])) as Record<Level, string>;
}

/** The smallest difference between two levels, and which, as seen with `vision`. */
function closestPair(fills: Record<Level, string>, vision: Vision): { a: Level; b: Level; deltaE: number } {
  let closest = { a: 1 as Level, b: 2 as Level, deltaE: Infinity };
  for (const a of LEVELS) {
    for (const b of LEVELS.filter((level) => level > a)) {
      const deltaE = difference(fills[a], fills[b], vision);
      if (deltaE < closest.deltaE) closest = { a, b, deltaE };
    }
  }
  return closest;
}

const lightness = (fills: Record<Level, string>) => LEVELS.map((level) => lab(simulate(fills[level], 'achromatopsia'))[0]);

describe('level colours for colour-blind readers', () => {
  const fills = renderedFills();

  it.each(VISIONS)('every pair of levels is at least ΔE2000 10 apart (%s vision)', (vision) => {
    const closest = closestPair(fills, vision);
    expect(closest.deltaE, `Level ${closest.a} and ${closest.b} as seen with ${vision}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
  });

  it('gets darker with every level when there is no hue at all (achromatopsia)', () => {
    const [l1, l2, l3, l4] = lightness(fills);
    expect(l1! - l2!).toBeGreaterThanOrEqual(MIN_LIGHTNESS_STEP);
    expect(l2! - l3!).toBeGreaterThanOrEqual(MIN_LIGHTNESS_STEP);
    expect(l3! - l4!).toBeGreaterThanOrEqual(MIN_LIGHTNESS_STEP);
  });

  it('would have caught the old palette: its Level 1 was darker than Levels 2 and 3', () => {
    const old = { 1: '#2a7fa8', 2: '#f2c84b', 3: '#ec8a3c', 4: '#a51d24' } as Record<Level, string>;
    const [l1, l2] = lightness(old);
    expect(l1! - l2!).toBeLessThan(MIN_LIGHTNESS_STEP);
  });

  it('paints "no advisory" with a dotted pattern, never a colour a level could be taken for', () => {
    const svg = buildWorldMap(DESTINATIONS.map((d) => ({ code: d.code, name: d.name, href: '/', level: null, higherRegionLevel: null }))).toString();
    expect(new Set([...svg.matchAll(/<path class="l0" fill="([^"]+)"/g)].map(([, fill]) => fill))).toEqual(new Set(['url(#l0)']));
    expect(svg).toMatch(/<pattern id="l0"[^>]*><rect[^>]*\/><circle[^>]*\/><\/pattern>/);
  });

  it('the legend and the rest of the site use the same colours (site.css --l1 … --l4)', () => {
    const css = readFileSync(new URL('../http/assets/site.css', import.meta.url), 'utf8');
    for (const level of LEVELS) expect(css).toContain(`--l${level}: ${fills[level]};`);
  });
});
