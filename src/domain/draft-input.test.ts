import { describe, expect, it } from 'vitest';
import { russia } from '../../test/fixtures/drafts.ts';
import { checkDraft, parseDraftPatch, uniqueSlugs } from './draft-input.ts';

const context = { code: 'RU', subdivisions: (country: string) => (country === 'RU' ? ['RU-MOW', 'RU-SPE', 'RU-KDA'] : []) };

describe('draft fields', () => {
  it('reads a valid patch, normalising indicator order and line ends', () => {
    const { patch, errors } = parseDraftPatch({ level: 3, indicators: ['D', 'C', 'D'], summary: '  one\r\ntwo  ', departureUrged: false });
    expect(errors).toEqual([]);
    expect(patch).toEqual({ level: 3, indicators: ['C', 'D'], summary: 'one\ntwo', departureUrged: false });
  });

  it.each([
    [{ level: 5 }, 'level'],
    [{ level: 0 }, 'level'],
    [{ level: '4' }, 'level'],
    [{ indicators: ['Z'] }, 'indicators'],
    [{ indicators: 'C' }, 'indicators'],
    [{ departureUrged: 'yes' }, 'departureUrged'],
    [{ regions: [{ name: 'Moscow', level: 7, indicators: [], summary: '' }] }, 'regions.0.level'],
    [{ regions: [{ name: '', level: 2, indicators: [], summary: '' }] }, 'regions.0.name'],
    [{ regions: [{ name: 'X', level: 2, indicators: ['Q'], summary: '' }] }, 'regions.0.indicators'],
    [{ sections: [{ title: 'A', body: 'b', slug: 'Not A Slug' }] }, 'sections.0.slug'],
    [{ sections: [{ title: '', body: 'b' }] }, 'sections.0.title'],
    [{ changeType: 'huge' }, 'changeType'],
    [{ nextReviewDue: '2026-02-30' }, 'nextReviewDue'],
    [{ summary: 'x'.repeat(20_001) }, 'summary'],
    [{ risks: [{ indicator: 'Z', text: 'x' }] }, 'risks.0.indicator'],
    [{ levle: 3 }, 'levle'],
  ])('refuses %o at %s', (input, field) => {
    const { errors } = parseDraftPatch(input);
    expect(errors.map((e) => e.field)).toContain(field);
  });

  it('names the unknown indicator and the letters to use', () => {
    const { errors } = parseDraftPatch({ indicators: ['C', 'Z'] });
    expect(errors[0]!.message).toBe('unknown indicator "Z": use C, T, U, H, N, E, K, D, O');
  });

  it('refuses indicators that are not letters, whatever they are, without throwing', () => {
    const { errors } = parseDraftPatch(JSON.parse('{"indicators": [{"toString": 1}, null, 4, ["C"]]}'));
    expect(errors[0]!.message).toBe('unknown indicator an object, null, a number, a list: use C, T, U, H, N, E, K, D, O');
  });

  it('ignores read-only fields echoed back from a GET', () => {
    expect(parseDraftPatch({ id: 3, status: 'approved', version: 9, level: 2 })).toEqual({ patch: { level: 2 }, errors: [] });
  });

  it('refuses "__proto__" and "constructor" as fields instead of reading them with Object\'s', () => {
    const { patch, errors } = parseDraftPatch(JSON.parse('{"__proto__": 1, "constructor": 2, "level": 2}'));
    expect(errors.map((e) => e.field)).toEqual(['__proto__', 'constructor']);
    expect(patch).toEqual({ level: 2 });
  });

  it('gives a new section a unique slug from its title', () => {
    const sections = uniqueSlugs([
      { slug: 'dual-citizenship', title: 'Dual citizenship', body: '' },
      { slug: '', title: 'Dual citizenship', body: 'new' },
      { slug: '', title: '¡Money & cards!', body: '' },
    ]);
    expect(sections.map((s) => s.slug)).toEqual(['dual-citizenship', 'dual-citizenship-2', 'money-and-cards']);
  });

  it('accepts a valid Russian advisory', () => {
    expect(checkDraft(russia, context)).toEqual([]);
  });

  it('a major change needs a public change note', () => {
    expect(checkDraft({ ...russia, changeNote: '  ' }, context)).toEqual([
      { field: 'changeNote', message: expect.stringMatching(/major change needs a public change note/) },
    ]);
    expect(checkDraft({ ...russia, changeType: 'minor', changeNote: '' }, context)).toEqual([]);
  });

  it.each([
    ['RU-XXX', 'not a subdivision of Russia'],
    ['UA-43', 'another country'],
    ['moscow', 'not a code'],
  ])('refuses the region code %s (%s)', (code) => {
    const errors = checkDraft({ ...russia, regions: [{ ...russia.regions[0]!, code }] }, context);
    expect(errors).toEqual([{ field: 'regions.0.code', message: expect.stringMatching(/unknown region/) }]);
  });

  it('allows a named area without a code', () => {
    const { code: _, ...noCode } = russia.regions[0]!;
    expect(checkDraft({ ...russia, regions: [{ ...noCode, name: 'The border with Ukraine' }] }, context)).toEqual([]);
  });

  it('refuses duplicate slugs and risks of unticked indicators', () => {
    const errors = checkDraft({
      ...russia,
      sections: [...russia.sections, { ...russia.sections[0]! }],
      indicators: ['C'],
    }, context);
    expect(errors.map((e) => e.field)).toEqual(['sections.1.slug', 'risks.0.indicator']);
  });
});
