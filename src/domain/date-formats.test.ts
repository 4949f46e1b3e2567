import { describe, expect, it } from 'vitest';
import { formatDateIn, parseDateIn, readDateFormat } from './date-formats.ts';

describe('CSV date formats', () => {
  it.each([
    ['2027-04-03', 'YYYY-MM-DD', '2027-04-03'],
    ['03/04/2027', 'DD/MM/YYYY', '2027-04-03'],
    ['3/4/2027', 'DD/MM/YYYY', '2027-04-03'],
    ['03/04/2027', 'MM/DD/YYYY', '2027-03-04'],
    ['12/31/2027', 'MM/DD/YYYY', '2027-12-31'],
    ['29/02/2028', 'DD/MM/YYYY', '2028-02-29'],
  ] as const)('reads %s in %s as %s', (text, format, iso) => {
    expect(parseDateIn(text, format)).toBe(iso);
  });

  it.each([
    ['31/02/2027', 'DD/MM/YYYY'], ['31/12/2027', 'MM/DD/YYYY'], ['2027-04-03', 'DD/MM/YYYY'], ['03/04/2027', 'YYYY-MM-DD'],
    ['3/4/27', 'DD/MM/YYYY'], ['29/02/2027', 'DD/MM/YYYY'], ['2027-4-3', 'YYYY-MM-DD'], ['03.04.2027', 'DD/MM/YYYY'], ['', 'DD/MM/YYYY'],
  ] as const)('refuses %s in %s rather than read it another way', (text, format) => {
    expect(parseDateIn(text, format)).toBeNull();
  });

  it('reads the chosen format, defaulting to YYYY-MM-DD, and refuses others', () => {
    expect([readDateFormat(undefined), readDateFormat(''), readDateFormat('dd/mm/yyyy'), readDateFormat('DD.MM.YYYY')]).toEqual(['YYYY-MM-DD', 'YYYY-MM-DD', 'DD/MM/YYYY', null]);
  });

  it('writes the template\'s dates in the chosen format', () => {
    expect(['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'].map((f) => formatDateIn('2027-04-03', f as never))).toEqual(['2027-04-03', '03/04/2027', '04/03/2027']);
  });
});
