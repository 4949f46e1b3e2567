import { describe, expect, it } from 'vitest';
import { checkBrandColour, contrastRatio, darkerShade, parseHexColour } from './contrast.ts';

describe('contrastRatio', () => {
  it.each([
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#777777', '#ffffff', 4.48],
    ['#767676', '#ffffff', 4.54],
    ['#0000ff', '#ffffff', 8.59],
  ] as const)('%s against %s is %s:1', (a, b, expected) => {
    expect(contrastRatio(parseHexColour(a)!, parseHexColour(b)!)).toBeCloseTo(expected, 2);
    expect(contrastRatio(parseHexColour(b)!, parseHexColour(a)!)).toBeCloseTo(expected, 2);
  });
});

describe('checkBrandColour', () => {
  it.each([
    // The default navy, a deep ministry blue, GOV.UK's near-black, a dark red.
    ['#0c2d48', true],
    ['#1d4f91', true],
    ['#1D4F91', true],
    ['#0b0c0c', true],
    ['#a51d24', true],
    // Just dark enough (4.54:1) and just too light (4.48:1): the line is AA's 4.5, unrounded.
    ['#767676', true],
    ['#777777', false],
    // Pale or bright colours white text cannot be read on.
    ['#ffffff', false],
    ['#ffe066', false],
    ['#ffff00', false],
    ['#1e90ff', false],
    ['#e8412c', false],
  ] as const)('%s → legible %s', (colour, legible) => {
    expect(checkBrandColour(colour)?.legible).toBe(legible);
  });

  it('gives both ratios for the refusal message', () => {
    expect(checkBrandColour('#ffe066')).toEqual({ legible: false, white: 1.3, black: 16.11 });
  });

  it.each(['', 'red', '#fff', '#12345g', '1d4f91', 'rgb(0,0,0)', '#1d4f9100', '#1d4f91;}'])('does not read %j as a colour', (input) => {
    expect(checkBrandColour(input)).toBeNull();
  });
});

describe('darkerShade', () => {
  it.each([
    ['#ffffff', '#bfbfbf'],
    ['#1d4f91', '#163b6d'],
    ['#000000', '#000000'],
  ] as const)('%s → %s', (colour, shade) => {
    expect(darkerShade(colour)).toBe(shade);
    expect(checkBrandColour(shade)!.white).toBeGreaterThanOrEqual(checkBrandColour(colour)!.white);
  });
});
