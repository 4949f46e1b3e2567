import { describe, expect, it } from 'vitest';
import { subdivisionCentre } from '../places/subdivision-centres.ts';
import { countryShapes } from './geo.ts';
import { alertLayer, type MapAlert } from './map-alerts.ts';
import { projectedOutlines } from './map-projection.ts';

/** An alert given only by destinations and ISO 3166-2 regions gets its marker at those regions (issue 16). */
const regional = (regions: string[], destinations = ['RU']): MapAlert => ({
  href: '/alerts/3/', headline: 'Demonstration', severity: 'Severe', destinations, regions, polygon: null, circle: null,
});

/** The centres of the drawn markers' click targets, map units. */
const markers = (alert: MapAlert) => [...alertLayer([alert], (code) => code).toString().matchAll(/<circle class="alert-target" cx="(-?\d+)" cy="(-?\d+)"/g)]
  .map(([, x, y]) => [Number(x), Number(y)] as const);

const projected = (lonLat: [number, number]) => projectedOutlines().projection(lonLat)!;
const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!);

describe('subdivisionCentre', () => {
  it('places an ISO 3166-2 subdivision from the bundled gazetteer, and nothing else', () => {
    const [lon, lat] = subdivisionCentre('RU-MOW')!;
    expect(lat).toBeCloseTo(55.75, 0);
    expect(lon).toBeCloseTo(37.62, 0);
    expect(subdivisionCentre('RU-SPE')![1]).toBeCloseTo(59.9, 0);
    expect(subdivisionCentre('RU-XXX')).toBeUndefined();
    expect(subdivisionCentre('Moscow')).toBeUndefined();
  });
});

describe('alert markers at region level', () => {
  it('puts the marker of an alert for Moscow at Moscow, not at Russia\'s centre, under Russia\'s outline', () => {
    const at = markers(regional(['RU-MOW']));
    expect(at).toHaveLength(1);
    const moscow = projected([37.62, 55.75]);
    const russia = projected(countryShapes().get('RU')!.centroid);
    expect(distance(at[0]!, moscow)).toBeLessThan(2);
    expect(distance(at[0]!, russia)).toBeGreaterThan(50);
    expect(alertLayer([regional(['RU-MOW'])], (code) => code).toString()).toMatch(/<path class="alert-area" d="M[^"]+" fill="none"/);
  });

  it('marks each region of an alert once, and falls back to the destination for names it cannot place', () => {
    expect(markers(regional(['RU-MOW', 'RU-SPE']))).toHaveLength(2);
    expect(markers(regional(['RU-MOW', 'RU-MOW']))).toHaveLength(1);
    const russia = projected(countryShapes().get('RU')!.centroid);
    for (const regions of [[], ['Chechnya'], ['RU-XXX']]) {
      const at = markers(regional(regions));
      expect(at).toHaveLength(1);
      expect(distance(at[0]!, russia)).toBeLessThan(2);
    }
  });

  it('keeps a CAP circle or polygon ahead of the regions', () => {
    const circle = markers({ ...regional(['RU-SPE']), circle: '55.75,37.62 5' });
    expect(circle).toHaveLength(1);
    expect(distance(circle[0]!, projected([37.62, 55.75]))).toBeLessThan(2);
  });
});
