import { describe, expect, it } from 'vitest';
import { goesBySms, type SmsReachEvent } from './sms-reach.ts';

describe('what goes by SMS', () => {
  it.each<[string, SmsReachEvent, boolean]>([
    ['a check-in wave', { kind: 'crisis.wave' }, true],
    ['a departure\'s message to its people', { kind: 'departure.message' }, true],
    ['Level 4', { kind: 'advisory.published', payload: { level: 4, departureUrged: false } }, true],
    ['Level 3', { kind: 'advisory.published', payload: { level: 3, departureUrged: false } }, true],
    ['Level 2', { kind: 'advisory.published', payload: { level: 2, departureUrged: false } }, false],
    ['Level 1 with an area at Level 4', { kind: 'advisory.published', payload: { level: 1, departureUrged: false, higherRegions: [{ name: 'Abkhazia', level: 4 }] } }, true],
    ['Level 1 with an area at Level 2', { kind: 'advisory.published', payload: { level: 1, departureUrged: false, higherRegions: [{ name: 'Somewhere', level: 2 }] } }, false],
    ['Level 2 with a departure directive', { kind: 'advisory.published', payload: { level: 2, departureUrged: true } }, true],
    ['an Extreme alert', { kind: 'alert.published', payload: { severity: 'Extreme' } }, true],
    ['a Severe alert', { kind: 'alert.published', payload: { severity: 'Severe' } }, true],
    ['a Moderate alert', { kind: 'alert.published', payload: { severity: 'Moderate' } }, false],
    ['a Minor alert', { kind: 'alert.published', payload: { severity: 'Minor' } }, false],
    ['a trip briefing', { kind: 'trip.briefing', payload: {} }, false],
  ])('%s: %s', (_label, event, expected) => {
    expect(goesBySms(event)).toBe(expected);
  });
});
