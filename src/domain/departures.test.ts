import { describe, expect, it } from 'vitest';
import {
  assignment, boarding, capacityChange, requestChange, requestPriority, statusChange, unassignment, validateDeparture, validateDepartureRequest, validateMessage,
  type DepartureLoad, type DepartureStatus, type RequestPlace,
} from './departures.ts';

const NOW = new Date('2026-11-23T12:00:00Z');
const REQUEST = { partySize: 3, dependants: 1, citizenships: ['GB'], passports: ['gb', 'IRL'], location: 'Hotel Metropol, Moscow' };

describe('a request to be helped to leave', () => {
  const CASES: [string, Record<string, unknown>, string | null][] = [
    ['a family of three', {}, null],
    ['party as form digits', { partySize: '3', dependants: '0' }, null],
    ['alone', { partySize: 1, dependants: 0 }, null],
    ['no party size', { partySize: undefined }, 'partySize'],
    ['party of 0', { partySize: 0 }, 'partySize'],
    ['party of 51', { partySize: 51 }, 'partySize'],
    ['party of 2.5', { partySize: 2.5 }, 'partySize'],
    ['party as words', { partySize: 'three' }, 'partySize'],
    ['as many dependants as people', { dependants: 3 }, 'dependants'],
    ['negative dependants', { dependants: -1 }, 'dependants'],
    ['no citizenship', { citizenships: [] }, 'citizenships'],
    ['a citizenship that is no country', { citizenships: ['GB', 'XX'] }, 'citizenships.1'],
    ['a country name instead of a code', { citizenships: ['France'] }, 'citizenships.0'],
    ['citizenships as an object', { citizenships: { GB: true } }, 'citizenships'],
    ['eleven passports', { passports: ['GB', 'FR', 'DE', 'IT', 'ES', 'PT', 'NL', 'BE', 'AT', 'CH', 'SE'] }, 'passports'],
    ['no passport at all (lost)', { passports: [] }, null],
    ['no location', { location: '   ' }, 'location'],
    ['a location over 200 characters', { location: 'x'.repeat(201) }, 'location'],
    ['a location with a control character', { location: 'a\u0007b' }, 'location'],
    ['special needs over two lines', { specialNeeds: 'Wheelchair user.\nInsulin kept cold.' }, null],
    ['special needs too long', { specialNeeds: 'x'.repeat(1001) }, 'specialNeeds'],
    ['a phone number', { phone: '+7 (495) 123-45-67' }, null],
    ['a phone with letters', { phone: 'call me' }, 'phone'],
    ['a phone of three digits', { phone: '112' }, 'phone'],
  ];
  it.each(CASES)('%s', (_name, overrides, field) => {
    const checked = validateDepartureRequest({ ...REQUEST, ...overrides });
    if (field === null) expect(checked.ok, JSON.stringify(checked)).toBe(true);
    else {
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.errors.map((e) => e.field)).toContain(field);
    }
  });

  it('codes come back as ISO alpha-2, upper case, without repeats; text trimmed; blanks are null', () => {
    const checked = validateDepartureRequest({ ...REQUEST, citizenships: 'gb, GBR;fr', passports: ['gb', 'IRL'], specialNeeds: '  ', phone: '' });
    expect(checked).toEqual({ ok: true, value: { partySize: 3, dependants: 1, citizenships: ['GB', 'FR'], passports: ['GB', 'IE'], specialNeeds: null, location: 'Hotel Metropol, Moscow', phone: null } });
  });

  it('each refusal says what to give', () => {
    const checked = validateDepartureRequest({});
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.map((e) => `${e.field} ${e.message}`)).toEqual([
      'partySize is required: how many people leave with you, you included',
      'citizenships is required: at least one ISO 3166-1 code, e.g. GB',
      'location is required: where you are now (a town, a district, an address)',
    ]);
  });
});

describe('a departure', () => {
  const DEPARTURE = { mode: 'bus', label: 'Bus 1 to Riga', capacity: 40, meetingPoint: 'Embassy car park', meetingAt: '2026-11-24T08:00:00+03:00' };
  const CASES: [string, Record<string, unknown>, string | null][] = [
    ['a bus tomorrow', {}, null],
    ['capacity as digits', { capacity: '40' }, null],
    ['a train', { mode: 'train' }, 'mode'],
    ['no label', { label: '' }, 'label'],
    ['capacity 0', { capacity: 0 }, 'capacity'],
    ['capacity 10,001', { capacity: 10_001 }, 'capacity'],
    ['no meeting point', { meetingPoint: undefined }, 'meetingPoint'],
    ['a meeting time without zone', { meetingAt: '2026-11-24T08:00:00' }, 'meetingAt'],
    ['a meeting time in 91 days', { meetingAt: '2027-02-22T13:00:00Z' }, 'meetingAt'],
    ['a meeting time three days ago', { meetingAt: '2026-11-20T11:00:00Z' }, 'meetingAt'],
    ['declared as departed', { status: 'departed' }, 'status'],
  ];
  it.each(CASES)('%s', (_name, overrides, field) => {
    const checked = validateDeparture({ ...DEPARTURE, ...overrides }, { now: NOW });
    if (field === null) {
      expect(checked.ok, JSON.stringify(checked)).toBe(true);
      if (checked.ok) expect(checked.value.status).toBe('planned');
    } else {
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.errors.map((e) => e.field)).toContain(field);
    }
  });

  it('a change names only what changes; meeting times are stored in UTC', () => {
    expect(validateDeparture({ status: 'boarding' }, { now: NOW, partial: true })).toEqual({ ok: true, value: { status: 'boarding' } });
    expect(validateDeparture({ meetingAt: '2026-11-24T08:00:00+03:00' }, { now: NOW, partial: true })).toEqual({ ok: true, value: { meetingAt: '2026-11-24T05:00:00.000Z' } });
    expect(validateDeparture({ status: 'gone' }, { now: NOW, partial: true }).ok).toBe(false);
  });

  it('a message is required text of at most 1,000 characters', () => {
    expect(validateMessage('  Meet at gate B.\nBring water. ')).toEqual({ ok: true, value: 'Meet at gate B.\nBring water.' });
    expect(validateMessage('').ok).toBe(false);
    expect(validateMessage(42).ok).toBe(false);
    expect(validateMessage('x'.repeat(1001)).ok).toBe(false);
  });
});

describe('statuses', () => {
  const CASES: [DepartureStatus, DepartureStatus, number, boolean][] = [
    ['planned', 'boarding', 0, true], ['boarding', 'planned', 0, true], ['boarding', 'departed', 5, true], ['planned', 'cancelled', 0, true],
    ['boarding', 'cancelled', 2, false], ['departed', 'planned', 0, false], ['cancelled', 'planned', 0, false], ['departed', 'departed', 3, true],
  ];
  it.each(CASES)('%s → %s with %i boarded: %s', (from, to, boarded, ok) => {
    expect(statusChange(from, to, boarded).ok).toBe(ok);
  });
});

describe('capacity, assignment and boarding', () => {
  const bus: DepartureLoad = { id: 1, status: 'planned', capacity: 10, assigned: 6 };
  const request = (id: number, partySize: number, departureId: number | null = null, boarded = false): RequestPlace => ({ id, partySize, departureId, boarded });
  const CASES: [string, DepartureLoad, RequestPlace[], boolean][] = [
    ['four persons into four places', bus, [request(1, 3), request(2, 1)], true],
    ['five persons into four places', bus, [request(1, 3), request(2, 2)], false],
    ['a request already on this departure adds nothing', { ...bus, assigned: 10 }, [request(1, 4, 1)], true],
    ['a request on another departure', bus, [request(1, 1, 2)], false],
    ['onto a departed bus', { ...bus, status: 'departed' }, [request(1, 1)], false],
    ['onto a cancelled bus', { ...bus, status: 'cancelled' }, [request(1, 1)], false],
    ['onto a boarding bus', { ...bus, status: 'boarding' }, [request(1, 4)], true],
  ];
  it.each(CASES)('%s', (_name, departure, requests, ok) => {
    expect(assignment(departure, requests).ok).toBe(ok);
  });

  it('says how much room is left when it refuses', () => {
    expect(assignment(bus, [request(1, 5)])).toEqual({ ok: false, message: 'Not enough room: these requests are 5 persons and 4 of 10 places are left. Nothing was assigned.' });
  });

  it('capacity never drops below the persons assigned', () => {
    expect(capacityChange(bus, 6).ok).toBe(true);
    expect(capacityChange(bus, 5).ok).toBe(false);
  });

  it('only the assigned board, and boarding is not undone by unassigning', () => {
    expect(boarding(bus, [request(1, 2, 1)]).ok).toBe(true);
    expect(boarding(bus, [request(1, 2, 1), request(2, 1, null)]).ok).toBe(false);
    expect(boarding({ ...bus, status: 'cancelled' }, [request(1, 2, 1)]).ok).toBe(false);
    expect(unassignment(request(1, 2, 1), 1).ok).toBe(true);
    expect(unassignment(request(1, 2, 1, true), 1).ok).toBe(false);
    expect(unassignment(request(1, 2, 2), 1).ok).toBe(false);
  });

  it('a person may grow their party only while it fits their departure, and not after boarding', () => {
    expect(requestChange(null, null, 50).ok).toBe(true);
    expect(requestChange(request(1, 2, 1), bus, 6).ok).toBe(true);
    expect(requestChange(request(1, 2, 1), bus, 7).ok).toBe(false);
    expect(requestChange(request(1, 2, 1, true), bus, 1).ok).toBe(false);
  });

  it('unassigned requests: special needs first, then the largest party, then the oldest', () => {
    const rows = [
      { id: 1, partySize: 2, specialNeeds: null }, { id: 2, partySize: 5, specialNeeds: null },
      { id: 3, partySize: 1, specialNeeds: 'wheelchair' }, { id: 4, partySize: 5, specialNeeds: null },
    ];
    expect(rows.sort(requestPriority).map((r) => r.id)).toEqual([3, 2, 4, 1]);
  });
});
