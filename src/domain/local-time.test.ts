import { describe, expect, it } from 'vitest';
import { isTimeZone, localFromUtc, mainZone, offsetLabel, utcFromLocal, zonesOf } from './local-time.ts';

describe('local times in a destination’s zone', () => {
  it.each([
    ['2026-11-23T22:00', 'Europe/Moscow', '2026-11-23T19:00:00.000Z', false],
    ['2026-07-01T12:00', 'America/New_York', '2026-07-01T16:00:00.000Z', false],
    ['2026-01-15T12:00', 'America/New_York', '2026-01-15T17:00:00.000Z', false],
    ['2026-11-23T10:00', 'UTC', '2026-11-23T10:00:00.000Z', false],
    ['2026-11-23T10:00', 'Asia/Kolkata', '2026-11-23T04:30:00.000Z', false],
    ['2026-11-23T10:00:30', 'Europe/Paris', '2026-11-23T09:00:30.000Z', false],
    // Clocks go back at 02:00 on 1 November 2026 in New York: 01:30 happens twice; the first is taken.
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T05:30:00.000Z', true],
  ])('%s in %s is %s UTC', (local, zone, utc, ambiguous) => {
    const result = utcFromLocal(local, zone);
    expect(result).toEqual({ ok: true, utc: new Date(utc), ambiguous });
  });

  it.each([
    ['2026-03-08T02:30', 'America/New_York', 'does not exist in America/New_York'],
    ['2026-03-29T02:30', 'Europe/Paris', 'does not exist in Europe/Paris'],
    ['2026-02-30T12:00', 'UTC', 'is not a date and time that exists'],
    ['2026-11-23T24:00', 'UTC', 'is not a date and time that exists'],
    ['23/11/2026 10:00', 'UTC', 'must be a date and time'],
    ['', 'UTC', 'must be a date and time'],
  ])('%s in %s is refused: %s', (local, zone, reason) => {
    const result = utcFromLocal(local, zone);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('reads a stored UTC time back as the wall clock of the zone', () => {
    expect(localFromUtc(new Date('2026-11-23T19:00:00Z'), 'Europe/Moscow')).toBe('2026-11-23T22:00');
    expect(localFromUtc(new Date('2026-11-01T06:30:00Z'), 'America/New_York')).toBe('2026-11-01T01:30');
  });

  it('names offsets the way a reader expects', () => {
    expect(offsetLabel(new Date('2026-11-23T00:00:00Z'), 'Europe/Moscow')).toBe('UTC+3');
    expect(offsetLabel(new Date('2026-11-23T00:00:00Z'), 'Asia/Kolkata')).toBe('UTC+5:30');
    expect(offsetLabel(new Date('2026-07-01T00:00:00Z'), 'America/St_Johns')).toBe('UTC−2:30');
    expect(offsetLabel(new Date('2026-07-01T00:00:00Z'), 'UTC')).toBe('UTC');
  });

  it.each([
    ['RU', 'Europe/Moscow'], ['US', 'America/New_York'], ['FR', 'Europe/Paris'], ['fr', 'Europe/Paris'],
    ['XK', 'Europe/Belgrade'], ['AQ', 'UTC'], ['BV', 'UTC'],
  ])('the main zone of %s is %s', (code, zone) => {
    expect(mainZone(code)).toBe(zone);
  });

  it('every main zone is a zone of its country that ICU knows', () => {
    for (const code of ['AR', 'AU', 'BR', 'CA', 'CD', 'CL', 'CN', 'CY', 'DE', 'EC', 'ES', 'FM', 'GL', 'ID', 'KI', 'KZ', 'MH', 'MN', 'MX', 'MY', 'NZ', 'PF', 'PG', 'PS', 'PT', 'RU', 'UA', 'UM', 'US', 'UZ']) {
      expect(isTimeZone(mainZone(code)), code).toBe(true);
      expect(zonesOf(code).length, code).toBeGreaterThan(1);
    }
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
