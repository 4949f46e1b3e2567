import type { Level } from '../domain/levels.ts';

/**
 * The map's level colours (docs/public-site.md, "Colours"). Light blue, amber, burnt orange and
 * dark red: each level is darker than the one below, so the order survives when hue does not
 * (achromatopsia), and every pair stays at least ΔE2000 10 apart as seen with deuteranopia and
 * protanopia too (src/site/map-colours.test.ts). site.css carries the same values as --l1 … --l4.
 */
export const LEVEL_FILLS: Record<Level, string> = { 1: '#d6ecfa', 2: '#eba41f', 3: '#cf5516', 4: '#7a1620' };

/** No advisory: pale grey with dots, a pattern rather than one more colour, so no level is mistaken for it. */
export const NO_ADVISORY = { id: 'l0', ground: '#eef0f2', dot: '#8a96a3' } as const;

export const fillOf = (level: Level | null): string => (level === null ? `url(#${NO_ADVISORY.id})` : LEVEL_FILLS[level]);

export function noAdvisoryPattern(): string {
  return `<pattern id="${NO_ADVISORY.id}" width="4" height="4" patternUnits="userSpaceOnUse">`
    + `<rect width="4" height="4" fill="${NO_ADVISORY.ground}"/><circle cx="2" cy="2" r="0.6" fill="${NO_ADVISORY.dot}"/></pattern>`;
}
