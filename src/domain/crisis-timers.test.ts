import { describe, expect, it } from 'vitest';
import { askableContacts, contactAnswerFromCode, CONTACT_ANSWER_CODES, CONTACT_ANSWERS, followUpDueAt, hoursOf, isDue, personAnswerFromContact, readHours, silentSince } from './crisis-timers.ts';

describe('readHours', () => {
  const read = (value: unknown) => {
    const errors: string[] = [];
    const result = readHours({ every: value }, 'every', (field, message) => errors.push(`${field} ${message}`));
    return { result, errors };
  };
  it.each([
    [6, 360], [0.25, 15], [720, 43_200], ['24', 1440], ['1.5', 90], [null, null], ['', null], [undefined, undefined],
  ] as const)('%j → %j minutes', (value, minutes) => {
    expect(read(value)).toEqual({ result: minutes, errors: [] });
  });
  it.each([0, 0.1, 721, -1, 'six', '1e3', Number.NaN, Infinity, true, [6], { h: 6 }])('refuses %j', (value) => {
    const { result, errors } = read(value);
    expect(result).toBeUndefined();
    expect(errors[0]).toMatch(/^every must be a number of hours from 0.25 to 720/);
  });
  it('gives hours back', () => {
    expect([hoursOf(360), hoursOf(15), hoursOf(null), hoursOf(90)]).toEqual([6, 0.25, null, 1.5]);
  });
});

describe('followUpDueAt', () => {
  it.each([
    ['2026-03-01T10:00:00.000Z', 60, '2026-03-01T11:00:00.000Z'],
    ['2026-03-01T23:30:00.000Z', 90, '2026-03-02T01:00:00.000Z'],
    [null, 60, null],
    ['2026-03-01T10:00:00.000Z', null, null],
  ] as const)('last wave %s every %s min → %s', (last, every, due) => {
    expect(followUpDueAt(last, every)).toBe(due);
  });
  it('is due at and after its time, not before', () => {
    const due = '2026-03-01T11:00:00.000Z';
    expect(isDue(due, new Date('2026-03-01T10:59:59.999Z'))).toBe(false);
    expect(isDue(due, new Date(due))).toBe(true);
    expect(isDue(due, new Date('2026-03-05T00:00:00Z'))).toBe(true);
    expect(isDue(null, new Date())).toBe(false);
  });
  it('counts silence back from now', () => {
    expect(silentSince(new Date('2026-03-02T01:00:00Z'), 180)).toBe('2026-03-01T22:00:00.000Z');
  });
});

describe('askableContacts', () => {
  it('only contacts with consent and an address, keeping their place in the list', () => {
    const stored = JSON.stringify([
      { name: 'Ann', phone: '+44 1', relation: 'sister', email: 'ann@example.org', askInCrisis: true },
      { name: 'Bob', phone: '+44 2', relation: 'friend', email: 'bob@example.org', askInCrisis: false },
      { name: 'Cy', phone: '+44 3', relation: '', askInCrisis: true },
      { name: 'Di', phone: '+44 4', relation: '', email: 'not an address', askInCrisis: true },
      { name: 'Ed', phone: '+44 5', relation: '', email: 'ed@example.org', askInCrisis: 'yes' },
      { name: 'Flo', phone: '+44 6', relation: '', email: 'flo@example.net', askInCrisis: true },
    ]);
    expect(askableContacts(stored)).toEqual([{ index: 0, name: 'Ann', email: 'ann@example.org' }, { index: 5, name: 'Flo', email: 'flo@example.net' }]);
  });
  it.each(['', 'not json', '{}', 'null', '[null, 1, "x"]', '[]'])('asks nobody for %j', (stored) => {
    expect(askableContacts(stored)).toEqual([]);
  });
});

describe('contact answers', () => {
  it('round-trip through their codes', () => {
    for (const a of CONTACT_ANSWERS) expect(contactAnswerFromCode(CONTACT_ANSWER_CODES[a])).toBe(a);
    expect(contactAnswerFromCode('x')).toBeNull();
    expect(contactAnswerFromCode(undefined)).toBeNull();
  });
  it('record an answer for the person only when the contact has heard from them', () => {
    expect(CONTACT_ANSWERS.map(personAnswerFromContact)).toEqual(['safe', 'need_help', null]);
  });
});
