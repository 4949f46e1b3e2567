import { describe, expect, it } from 'vitest';
import { urgentReasons, type TripNow } from './silenced-urgent.ts';

const russia = { name: 'Russia', level: 4, departureUrged: true };
const france = { name: 'France', level: 2, departureUrged: false };
const trip = (over: Partial<TripNow>): TripNow => ({ start: '2026-12-01', end: '2026-12-20', cancelled: false, destinations: [france], alerts: [], ...over });

describe('urgentReasons: what stopping all messages would silence', () => {
  it.each([
    ['a Level 4 destination under a leave-now directive', trip({ destinations: [russia] }), ['Russia: the advice is to leave now', 'Russia: Level 4 – Do Not Travel']],
    ['Level 4 alone', trip({ destinations: [{ ...russia, departureUrged: false }] }), ['Russia: Level 4 – Do Not Travel']],
    ['a directive below Level 4', trip({ destinations: [{ name: 'Lebanon', level: 3, departureUrged: true }] }), ['Lebanon: the advice is to leave now']],
    ['Level 3 without a directive: routine advice', trip({ destinations: [{ name: 'Mexico', level: 3, departureUrged: false }] }), []],
    ['a calm destination', trip({}), []],
    ['a Severe alert', trip({ alerts: [{ headline: 'Demonstrations in Paris', severity: 'Severe' }] }), ['Severe alert: Demonstrations in Paris']],
    ['an Extreme alert', trip({ alerts: [{ headline: 'Earthquake', severity: 'Extreme' }] }), ['Extreme alert: Earthquake']],
    ['a Moderate alert is not urgent', trip({ alerts: [{ headline: 'Strike', severity: 'Moderate' }] }), []],
    ['a trip over yesterday', trip({ destinations: [russia], end: '2026-11-30' }), []],
    ['a trip ending today still counts', trip({ destinations: [{ ...russia, departureUrged: false }], end: '2026-12-01' }), ['Russia: Level 4 – Do Not Travel']],
    ['a trip with no end date', trip({ destinations: [{ ...russia, departureUrged: false }], end: null }), ['Russia: Level 4 – Do Not Travel']],
    ['a future trip', trip({ destinations: [{ ...russia, departureUrged: false }], start: '2027-03-01', end: '2027-03-10' }), ['Russia: Level 4 – Do Not Travel']],
    ['a cancelled trip', trip({ destinations: [russia], cancelled: true }), []],
    ['no advisory yet', trip({ destinations: [{ name: 'Atlantis', level: null, departureUrged: false }] }), []],
  ])('%s', (_name, value, expected) => {
    expect(urgentReasons(value, '2026-12-01')).toEqual(expected);
  });
});
