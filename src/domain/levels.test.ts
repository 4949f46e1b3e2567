import { describe, expect, it } from 'vitest';
import { INDICATORS, INDICATOR_NAMES, isIndicator, normaliseIndicators } from './indicators.ts';
import { LEVELS, isLevel, levelLabel } from './levels.ts';

describe('levels', () => {
  it('has exactly four levels with the public labels', () => {
    expect(LEVELS.map((level) => `${level} ${levelLabel(level)}`)).toEqual([
      '1 Exercise Normal Precautions',
      '2 Exercise Increased Caution',
      '3 Reconsider Travel',
      '4 Do Not Travel',
    ]);
  });

  it('accepts only the integers 1 to 4', () => {
    expect([0, 1, 4, 5, 2.5, '3', null].map(isLevel)).toEqual([false, true, true, false, false, false, false]);
  });
});

describe('risk indicators', () => {
  it('are the nine letters in order with their names', () => {
    expect(INDICATORS.join('')).toBe('CTUHNEKDO');
    expect(INDICATOR_NAMES.D).toBe('Wrongful Detention');
    expect(INDICATOR_NAMES.K).toBe('Kidnapping or Hostage Taking');
    expect(INDICATOR_NAMES.E).toBe('Time-limited Event');
  });

  it('rejects unknown letters and inherited property names', () => {
    expect(isIndicator('D')).toBe(true);
    expect(isIndicator('X')).toBe(false);
    expect(isIndicator('toString')).toBe(false);
  });

  it('normalises to canonical order without duplicates', () => {
    expect(normaliseIndicators(['O', 'D', 'T', 'D', 'C'])).toEqual(['C', 'T', 'D', 'O']);
  });
});
