import { describe, expect, it } from 'vitest';
import { canadaLabelLevel, canadaLevel, highestLevel, raisesAbove, spread, ukLevel } from './peer-levels.ts';

describe('Canada 0–3 → 1–4', () => {
  it.each([[0, 1], [1, 2], [2, 3], [3, 4]])('state %i is level %i', (state, level) => {
    expect(canadaLevel(state)?.level).toBe(level);
  });
  it('knows no state 4 or -1', () => {
    expect(canadaLevel(4)).toBeUndefined();
    expect(canadaLevel(-1)).toBeUndefined();
  });
  it('reads a regional heading in its own words', () => {
    expect(canadaLabelLevel('Regional Advisory - Avoid non-essential travel')).toEqual({ level: 3, label: 'Avoid non-essential travel' });
    expect(canadaLabelLevel('Regional Advisory - Avoid all travel')?.level).toBe(4);
    expect(canadaLabelLevel('Regional Advisory')).toBeUndefined();
  });
});

describe('UK alert statuses', () => {
  it('no warning is the baseline', () => {
    expect(ukLevel([])).toEqual({ level: 1, nativeLabel: 'No travel warning', partLevels: [], unknown: [] });
  });
  it('whole country against all travel is 4, all but essential is 3', () => {
    expect(ukLevel(['avoid_all_travel_to_whole_country']).level).toBe(4);
    expect(ukLevel(['avoid_all_but_essential_travel_to_whole_country']).level).toBe(3);
  });
  it('parts only keep the country at its baseline, the parts at 3 or 4', () => {
    const mapped = ukLevel(['avoid_all_but_essential_travel_to_parts', 'avoid_all_travel_to_parts']);
    expect(mapped.level).toBe(1);
    expect(mapped.partLevels).toEqual([4, 3]);
    expect(mapped.nativeLabel).toBe('Advise against all travel to parts; Advise against all but essential travel to parts');
  });
  it('the whole country and parts together: the country at its level, the native label names both', () => {
    const mapped = ukLevel(['avoid_all_travel_to_parts', 'avoid_all_but_essential_travel_to_whole_country']);
    expect(mapped.level).toBe(3);
    expect(mapped.nativeLabel).toBe('Advise against all but essential travel; Advise against all travel to parts');
  });
  it('reports a status it does not know instead of guessing', () => {
    expect(ukLevel(['avoid_some_travel']).unknown).toEqual(['avoid_some_travel']);
    expect(ukLevel(['avoid_some_travel']).level).toBe(1);
  });
});

describe('comparing', () => {
  it('spread is highest minus lowest, ignoring the missing', () => {
    expect(spread([1, 4, 2])).toBe(3);
    expect(spread([2, null, undefined])).toBe(0);
  });
  it('highest level counts regions', () => {
    expect(highestLevel({ level: 1, regions: [{ level: 4 }] })).toBe(4);
  });
  it('raises above only when we have a level and the peer is higher', () => {
    expect(raisesAbove(2, 3)).toBe(true);
    expect(raisesAbove(3, 3)).toBe(false);
    expect(raisesAbove(null, 4)).toBe(false);
  });
});
