import { describe, expect, it } from 'vitest';
import { checkCircle, checkPolygon } from './alert-area.ts';
import { validateAlert } from './alert-input.ts';
import { capDateTime, parseDateTime, utcSecond } from './alert-times.ts';
import { isUrgentAlert, type RegionResolver } from './alerts.ts';

const NOW = new Date('2026-11-23T10:00:00Z');
const resolveRegion: RegionResolver = (destinations, region) =>
  region === 'RU-MOW' && destinations.includes('RU') ? { ok: true, region, destination: 'RU' } : { ok: false, reason: `unknown region "${region}"` };

const VALID = {
  destinations: ['ru', 'BLR'], regions: ['RU-MOW'], category: 'Security', event: 'Demonstration', urgency: 'Expected', severity: 'Moderate',
  certainty: 'Likely', headline: 'Demonstration in Moscow', description: 'Line one\r\nline two', senderName: 'U.S. Embassy Moscow',
  effective: '2026-11-23T13:00:00+03:00', expires: '2026-11-24T22:30:00+03:00',
};

describe('alert validation', () => {
  it('normalises a valid alert: codes, UTC times to the second, line endings, default status and type, area description', () => {
    const result = validateAlert(VALID, { now: NOW, resolveRegion, regionLabel: (r) => `Moskva (${r})` });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.alert.content).toMatchObject({
      status: 'Actual', msgType: 'Alert', destinations: ['RU', 'BY'], regions: ['RU-MOW'], effective: '2026-11-23T10:00:00Z',
      expires: '2026-11-24T19:30:00Z', description: 'Line one\nline two', language: 'en', area: { areaDesc: 'Moskva (RU-MOW), Russia; Belarus', polygon: null, circle: null },
    });
    expect(result.alert.regionDestinations).toEqual(['RU']);
  });

  it('defaults effective to now and reports every wrong field at once', () => {
    const result = validateAlert({ ...VALID, effective: undefined, category: 'Weather', destinations: ['RU', 'QQ'], area: { polygon: '1,1 2,2 3,3', circle: '1,1 -2' } }, { now: NOW, resolveRegion });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['category', 'destinations.1', 'area.polygon', 'area.circle']);
  });

  it('checks polygons and circles in CAP syntax', () => {
    expect(checkPolygon('55.7,37.5  55.8,37.5 55.8,37.7 55.7,37.5 ')).toEqual({ ok: true, value: '55.7,37.5 55.8,37.5 55.8,37.7 55.7,37.5' });
    expect(checkPolygon('55.7,37.5 55.8,37.5 55.8,37.7 55.6,37.5')).toMatchObject({ ok: false, message: expect.stringContaining('not closed') });
    expect(checkPolygon('-90.1,0 1,1 2,2 -90.1,0')).toMatchObject({ ok: false, message: 'latitude -90.1 is outside -90…90' });
    expect(checkPolygon('1,1;2,2')).toMatchObject({ ok: false });
    expect(checkCircle('55.7558,37.6173 0')).toEqual({ ok: true, value: '55.7558,37.6173 0' });
    expect(checkCircle('55.7558,-180.5 2')).toMatchObject({ ok: false, message: 'longitude -180.5 is outside -180…180' });
    expect(checkCircle('55.7558,37.6173 -0.1')).toMatchObject({ ok: false, message: 'the radius cannot be negative' });
    expect(checkCircle('55.7558,37.6173')).toMatchObject({ ok: false });
  });

  it('reads RFC 3339 times with a zone only, and writes CAP times with an offset and no fraction', () => {
    expect(parseDateTime('2026-11-23T10:00:00.999+03:00')?.toISOString()).toBe('2026-11-23T07:00:00.999Z');
    expect(parseDateTime('2026-11-23T10:00')).toBeUndefined();
    expect(parseDateTime('2026-02-29T10:00:00Z')).toBeUndefined();
    expect(parseDateTime('2028-02-29T10:00:00Z')).toBeDefined();
    expect(parseDateTime('2026-11-23T24:00:00Z')).toBeUndefined();
    // An offset that carries the UTC year past four digits (or before 1970) would be stored malformed.
    expect(parseDateTime('9999-12-31T23:00:00-05:00')).toBeUndefined();
    expect(parseDateTime('0000-01-01T00:30:00+01:00')).toBeUndefined();
    expect(utcSecond(new Date('2026-11-23T10:00:00.750Z'))).toBe('2026-11-23T10:00:00Z');
    expect(capDateTime('2026-11-23T10:00:00Z')).toBe('2026-11-23T10:00:00+00:00');
  });

  it('refuses control characters in a reference (PostgreSQL cannot store a NUL)', () => {
    const result = validateAlert({ ...VALID, msgType: 'Update', references: ['a\u0000'] }, { now: NOW, resolveRegion });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toContain('references.0');
  });

  it('treats Severe and Extreme as urgent', () => {
    expect(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'].map((s) => isUrgentAlert(s as never))).toEqual([true, true, false, false, false]);
  });
});
