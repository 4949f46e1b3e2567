import { describe, expect, it } from 'vitest';
import { validateAccess, validateCasePatch, validateNewCase, validatePerson } from './case-input.ts';
import { accessState, compareCases, daysSetting, dualNationalOf, statusChangeRefusal, typeChangeRefusal, type ListedCase } from './cases.ts';
import type { StaffRole } from './roles.ts';

describe('who may designate wrongful detention', () => {
  it.each<[StaffRole | 'system', string | null, string | null, boolean]>([
    ['consular', null, 'arrest_detention', true],
    ['consular', 'arrest_detention', 'medical', true],
    ['consular', 'arrest_detention', 'wrongful_detention', false],
    ['consular', 'wrongful_detention', 'arrest_detention', false],
    ['consular', null, 'wrongful_detention', false],
    ['admin', 'arrest_detention', 'wrongful_detention', true],
    ['admin', 'wrongful_detention', null, true],
    ['system', 'arrest_detention', 'wrongful_detention', false],
    ['consular', 'wrongful_detention', 'wrongful_detention', true],
  ])('%s: %s → %s allowed %s', (role, from, to, allowed) => {
    const refusal = typeChangeRefusal(role, from, to);
    expect(refusal === null).toBe(allowed);
    if (refusal) expect(refusal.status).toBe(403);
  });
});

describe('status moves', () => {
  it.each([
    ['open', 'in_progress', null, null],
    ['in_progress', 'open', null, null],
    ['open', 'closed', 'Released', null],
    ['in_progress', 'closed', null, 'outcome'],
    ['closed', 'open', null, null],
    ['closed', 'in_progress', null, null],
    ['closed', 'closed', 'Again', 'status'],
    ['open', 'in_progress', 'Released', 'outcome'],
  ] as const)('%s → %s (outcome %s): refused on %s', (from, to, outcome, field) => {
    expect(statusChangeRefusal(from, to, outcome)?.field ?? null).toBe(field);
  });
});

describe('days since consular access', () => {
  const now = new Date('2026-03-20T23:30:00Z');
  it.each([
    ['medical', [], null],
    ['arrest_detention', [], { lastAccess: null, days: 19, overdue: true }],
    ['arrest_detention', [{ kind: 'requested', date: '2026-03-10' }], { lastAccess: null, days: 19, overdue: true }],
    ['arrest_detention', [{ kind: 'visit', date: '2026-03-06' }], { lastAccess: '2026-03-06', days: 14, overdue: false }],
    ['wrongful_detention', [{ kind: 'granted', date: '2026-03-05' }, { kind: 'denied', date: '2026-03-19' }], { lastAccess: '2026-03-05', days: 15, overdue: true }],
    ['arrest_detention', [{ kind: 'visit', date: '2026-03-19' }, { kind: 'visit', date: '2026-02-01' }], { lastAccess: '2026-03-19', days: 1, overdue: false }],
    ['arrest_detention', [{ kind: 'visit', date: '2026-03-21' }], { lastAccess: '2026-03-21', days: 0, overdue: false }],
  ] as const)('%s with %j', (type, entries, expected) => {
    expect(accessState(type, '2026-03-01T10:00:00.000Z', entries, now, 14)).toEqual(expected);
  });
});

describe('dual nationals', () => {
  it.each([
    ['RU', [['FR', 'RU']], true],
    ['RU', [['FR'], ['DE']], false],
    ['RU', [['FR'], ['RU']], true],
    ['RU', [], false],
  ] as const)('in %s, people %j: %s', (country, people, flagged) => {
    expect(dualNationalOf(country, people.map((citizenships) => ({ citizenships })))).toBe(flagged);
  });
});

describe('the console list order', () => {
  const base: ListedCase = { id: 1, status: 'open', priority: 'normal', needHelp: false, accessOverdue: false, dualNational: false };
  it('open before closed, need help, overdue access, priority, then oldest', () => {
    const cases: ListedCase[] = [
      { ...base, id: 1, status: 'closed', needHelp: true },
      { ...base, id: 2, priority: 'low' },
      { ...base, id: 3, priority: 'urgent' },
      { ...base, id: 4, accessOverdue: true, priority: 'low' },
      { ...base, id: 5, needHelp: true, priority: 'low' },
      { ...base, id: 6 },
    ];
    expect([...cases].sort(compareCases).map((c) => c.id)).toEqual([5, 4, 3, 6, 2, 1]);
  });
});

describe('case input', () => {
  const now = new Date('2026-03-20T12:00:00Z');
  it.each([
    [{ kind: 'visit', date: '2026-03-20' }, null],
    [{ kind: 'visit', date: '2026-03-21' }, null],
    [{ kind: 'visit', date: '2026-03-22' }, 'date'],
    [{ kind: 'visit', date: '2026-02-30' }, 'date'],
    [{ kind: 'visit', date: 20260320 }, 'date'],
    [{ kind: 'phoned', date: '2026-03-20' }, 'kind'],
    [{ kind: 'denied', date: '2026-03-01', note: 'x\u0000' }, 'note'],
  ])('access %j refused on %s', (input, field) => {
    const checked = validateAccess(input, now);
    expect(checked.ok ? null : checked.errors[0]!.field).toBe(field);
  });

  it.each([
    [{ title: 'Detained in Moscow', country: 'ru' }, null],
    [{ title: 'Detained', country: 'Russia', type: 'arrest_detention', priority: 'urgent' }, null],
    [{ country: 'RU' }, 'title'],
    [{ title: 'T', country: 'ZZ' }, 'country'],
    [{ title: 'T', country: 'RU', type: 'kidnap' }, 'type'],
    [{ title: 'T', country: 'RU', people: [{ name: 'A', relation: 'cousin' }] }, 'people.0.relation'],
    [{ title: 'T', country: 'RU', people: [{ name: 'A', relation: 'party_member', citizenships: ['RU', 'XX'] }] }, 'people.0.citizenships.1'],
    [{ title: 'T', country: 'RU', travellerId: -1 }, 'travellerId'],
  ])('new case %j refused on %s', (input, field) => {
    const checked = validateNewCase(input);
    expect(checked.ok ? null : checked.errors[0]!.field).toBe(field);
  });

  it('a patch names what it changes, and nothing is no change', () => {
    expect(validateCasePatch({ status: 'closed', outcome: ' Released ' })).toEqual({ ok: true, value: { status: 'closed', outcome: 'Released' } });
    expect(validateCasePatch({ type: null, assigneeId: null })).toEqual({ ok: true, value: { type: null, assigneeId: null } });
    expect(validateCasePatch({})).toMatchObject({ ok: false });
    expect(validateCasePatch({ priority: 'whenever' })).toMatchObject({ ok: false, errors: [{ field: 'priority' }] });
    expect(validatePerson({ name: 'Ana', relation: 'next_of_kin', consent: true, citizenships: ['fr', 'France'] })).toEqual({
      ok: true, value: { name: 'Ana', relation: 'next_of_kin', travellerId: null, consent: true, citizenships: ['FR'] },
    });
  });

  it('settings in days are bounded', () => {
    expect(daysSetting('X', undefined, 14)).toBe(14);
    expect(daysSetting('X', '30', 14)).toBe(30);
    expect(() => daysSetting('X', '0', 14)).toThrow(/X must be/);
    expect(() => daysSetting('X', 'soon', 14)).toThrow(/X must be/);
  });
});
