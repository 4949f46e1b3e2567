import { describe, expect, it } from 'vitest';
import type { FieldError } from './draft-fields.ts';
import { emptyQuickFacts, readQuickFacts } from './quick-facts.ts';

const read = (value: unknown) => {
  const errors: FieldError[] = [];
  return { facts: readQuickFacts(value, errors), errors: errors.map((e) => e.field) };
};

describe('quick facts from untrusted input', () => {
  it('reads the fields it knows and trims them', () => {
    expect(read({ visa: ' Required in advance. ', bankCardsWork: false, bankCardsNote: 'U.S. cards do not work.' }).facts).toEqual({
      ...emptyQuickFacts(), visa: 'Required in advance.', bankCardsWork: false, bankCardsNote: 'U.S. cards do not work.',
    });
  });

  const CASES: [string, unknown, ReturnType<typeof read>][] = [
    ['null clears them', null, { facts: null, errors: [] }],
    ['all empty is none', { visa: '', bankCardsWork: null }, { facts: null, errors: [] }],
    ['a list', [], { facts: undefined, errors: ['quickFacts'] }],
    ['an unknown fact', { taxes: 'none' }, { facts: undefined, errors: ['quickFacts.taxes'] }],
    ['bank cards as text', { bankCardsWork: 'no' }, { facts: undefined, errors: ['quickFacts.bankCardsWork'] }],
    ['a number for text', { visa: 3 }, { facts: undefined, errors: ['quickFacts.visa'] }],
    ['too long', { visa: 'x'.repeat(2001) }, { facts: undefined, errors: ['quickFacts.visa'] }],
  ];
  it.each(CASES)('%s', (_name, value, expected) => expect(read(value)).toEqual(expected));
});
