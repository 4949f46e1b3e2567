/**
 * WCAG 2.x contrast, as the brand colour rule needs it: a deployment's colour fills the public page
 * header, whose text is white; a colour on which white text falls short of AA for normal text
 * (4.5:1) would make the header illegible, so it is refused.
 */

/** WCAG AA for normal-size text. */
export const AA_NORMAL_TEXT = 4.5;

/** "#1d4f91" or "#1D4F91" (six hex digits, the form the console's colour picker sends); anything else is not a colour here. */
export function parseHexColour(input: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(input.trim());
  if (!match) return null;
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** Relative luminance (WCAG 2.2, "relative luminance"), 0 for black to 1 for white. */
export function relativeLuminance([r, g, b]: [number, number, number]): number {
  const linear = (channel: number) => {
    const s = channel / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** Contrast ratio between two colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export interface BrandColourCheck {
  /** Whether header text keeps AA contrast on the colour. */
  legible: boolean;
  /** Contrast of white text (the header's) and, for the refusal message, of black text on the colour, to two decimals. */
  white: number;
  black: number;
}

const WHITE: [number, number, number] = [255, 255, 255];
const BLACK: [number, number, number] = [0, 0, 0];
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Whether a brand colour keeps the header legible. The header, its navigation and the site's buttons
 * put white text on the brand colour, so white on it must reach 4.5:1. (Choosing white or black
 * per colour would refuse nothing: every colour gives at least 4.58:1 with one of the two, so such
 * a rule could not keep a pale colour out of a design whose header text is white.) Returns null
 * for something that is not a six-digit hex colour.
 */
export function checkBrandColour(input: string): BrandColourCheck | null {
  const colour = parseHexColour(input);
  if (!colour) return null;
  const white = contrastRatio(colour, WHITE);
  // Compared unrounded: 4.48 is not AA even where it would print as 4.5.
  return { legible: white >= AA_NORMAL_TEXT, white: round(white), black: round(contrastRatio(colour, BLACK)) };
}

/** The brand colour darkened (mixed with black) for the navigation bar under the header: more contrast, never less. */
export function darkerShade(input: string, amount = 0.25): string {
  const colour = parseHexColour(input);
  if (!colour) return input;
  return `#${colour.map((c) => Math.round(c * (1 - amount)).toString(16).padStart(2, '0')).join('')}`;
}
