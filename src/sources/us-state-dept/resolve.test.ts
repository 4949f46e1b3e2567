import { describe, expect, it } from 'vitest';
import { isoFromFips, parseGeonamesFips } from './fips.ts';
import { resolveDestination, titleName } from './resolve.ts';

describe('FIPS 10-4 table', () => {
  it('reads ISO and FIPS columns from the GeoNames format, skipping comments', () => {
    const table = parseGeonamesFips('#ISO\tISO3\tISO-Numeric\tfips\tCountry\nAT\tAUT\t040\tAU\tAustria\nAX\tALA\t248\t\tAland Islands\n\n');
    expect([...table]).toEqual([['AU', 'AT']]);
  });

  it.each([
    ['AS', 'AU'], ['AU', 'AT'], ['GM', 'DE'], ['UK', 'GB'], ['GB', 'GA'], ['NG', 'NE'], ['NI', 'NG'], ['SN', 'SG'],
    ['CH', 'CN'], ['EZ', 'CZ'], ['IV', 'CI'], ['SZ', 'CH'], ['SR', 'CH'], ['RS', 'RU'], ['KV', 'XK'], ['A1', 'BQ'], ['A2', 'GF'], ['ng', 'NE'],
  ])('%s → %s', (tag, iso) => expect(isoFromFips(tag)).toBe(iso));

  it('has no single destination for the French West Indies or unknown tags', () => {
    expect(isoFromFips('A3')).toBeUndefined();
    expect(isoFromFips('QQ')).toBeUndefined();
  });
});

describe('titleName', () => {
  it.each([
    ['Mexico Travel Advisory - Level 2: Exercise Increased Caution', 'Mexico'],
    ['Switzerland  - Level 1: Exercise Normal Precautions', 'Switzerland'],
    ['Mainland China, Hong Kong & Macau - See Summaries - Level 2: Exercise Increased Caution', 'Mainland China, Hong Kong & Macau'],
    ['Burma (Myanmar) - Level 4: Do Not Travel', 'Burma (Myanmar)'],
    ['Russia', 'Russia'],
  ])('%s → %s', (title, name) => expect(titleName(title)).toBe(name));
});

describe('resolveDestination', () => {
  it('takes the FIPS tag, never reading it as ISO', () => {
    expect(resolveDestination({ name: 'Austria', tag: 'AU' })).toEqual({ code: 'AT' });
    expect(resolveDestination({ name: 'Kingdom of Denmark', tag: 'DA' })).toEqual({ code: 'DK' });
  });

  it('prefers the title name when the tag names another country', () => {
    // SR is Switzerland in the feed and Suriname's ISO code: the name decides.
    expect(resolveDestination({ name: 'Switzerland', tag: 'SR' })).toEqual({ code: 'CH' });
    expect(resolveDestination({ name: 'Suriname', tag: 'SR' })).toEqual({ code: 'SR' });
    expect(resolveDestination({ name: 'Suriname', tag: 'NS' })).toEqual({ code: 'SR' });
  });

  it('takes a destination-page link first', () => {
    expect(resolveDestination({ name: 'Somewhere', tag: 'AS', html: '<a href="https://travel.state.gov/en/international-travel/travel-advisories/destination.mex.html">x</a>' })).toEqual({ code: 'MX' });
    expect(resolveDestination({ name: 'Somewhere', link: 'https://travel.state.gov/destination.ata.html' })).toEqual({ code: 'AQ' });
  });

  it('ignores description links naming several destinations, and links contradicting the title', () => {
    const html = '<a href="/destination.mex.html">Mexico</a> <a href="/destination.usa.html">US</a>';
    expect(resolveDestination({ name: 'Belize', tag: 'BH', html })).toEqual({ code: 'BZ' });
    expect(resolveDestination({ name: 'Canada', html: '<a href="/destination.usa.html">US</a>' })).toEqual({ code: 'CA' });
  });

  it('falls back to the name, then to the first place of several', () => {
    expect(resolveDestination({ name: 'Hong Kong' })).toEqual({ code: 'HK' });
    expect(resolveDestination({ name: 'Macau' })).toEqual({ code: 'MO' });
    expect(resolveDestination({ name: 'Burma (Myanmar)' })).toEqual({ code: 'MM' });
    expect(resolveDestination({ name: 'Mainland China, Hong Kong & Macau' })).toEqual({ code: 'CN' });
  });

  it('resolves a group item to its group, and explains what it cannot map', () => {
    expect(resolveDestination({ name: 'French West Indies', tag: 'A3' })).toEqual({ group: { name: 'French West Indies', codes: ['GP', 'MQ', 'BL', 'MF'] } });
    expect(resolveDestination({ name: 'French West Indies' })).toEqual({ group: expect.objectContaining({ codes: ['GP', 'MQ', 'BL', 'MF'] }) });
    expect(resolveDestination({ name: 'Atlantis', tag: 'QQ' })).toEqual({ reason: 'unknown country tag "QQ" and no destination named "Atlantis"' });
    expect(resolveDestination({ name: 'Atlantis' })).toEqual({ reason: 'no country tag and no destination named "Atlantis"' });
  });
});
