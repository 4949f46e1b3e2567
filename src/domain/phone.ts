/**
 * Mobile numbers as SMS needs them: E.164 (ITU-T), a `+`, a country code that does not start with
 * 0, and at most 15 digits in all. People type spaces, dots, dashes and brackets: they go; any
 * other character, a missing `+`, or a number too short to be one (fewer than 8 digits) is refused.
 */
export function e164(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const compact = input.trim().replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{7,14}$/.test(compact) ? compact : null;
}
