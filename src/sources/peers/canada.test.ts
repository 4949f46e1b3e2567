import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canadaDocumentUrls, canadaRegions, parseCanadaDocument, parseCanadaDocuments } from './canada.ts';
import { parseFriendlyDate } from './canada-date.ts';
import { departureDirective } from '../../domain/peer-departure.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/canada/${name}`, import.meta.url), 'utf8');

function canadaDocument(state: number, advisories = '', date = 'March 3, 2026 09:15 EST'): Record<string, unknown> {
  return { data: { 'country-iso': 'KE', 'advisory-state': state, eng: { name: 'Kenya', 'url-slug': 'kenya', 'friendly-date': date, 'advisory-text': 'x', 'recent-updates': 'Safety and security updated', advisories, security: '<h3>Crime</h3><p>Crime occurs.</p>' } } };
}

describe('the Global Affairs Canada samples', () => {
  it('reads France at state 1 (Level 2) with its own words and date', () => {
    const feed = parseCanadaDocuments([{ body: fixture('cta-cap-fr-2026-10-05.json'), location: 'fr' }]);
    expect(feed.entries[0]).toMatchObject({ code: 'FR', level: 2, nativeLabel: 'Exercise a high degree of caution', updatedAt: '2026-10-05T11:02:00.000Z', url: 'https://travel.gc.ca/destinations/france', regions: [] });
    expect(feed.entries[0]!.sections.map((s) => s.slug).slice(0, 4)).toEqual(['france-exercise-a-high-degree-of-caution', 'terrorism', 'crime', 'victims-of-crime']);
    expect(feed.entries[0]!.sections[0]!.body).toBe('Exercise a high degree of caution in France due to the threat of terrorism.');
  });

  it('keeps a departure directive written only in the risk-level block', () => {
    const block = '<div class="AdvisoryContainer AvoidAll"><h3>Kenya - AVOID ALL TRAVEL</h3><p>Avoid all travel to Kenya. If you are in Kenya, you should leave by commercial means while they are available.</p></div>';
    const entry = parseCanadaDocument(canadaDocument(3, block), 'ke');
    if (!('code' in entry)) throw new Error(entry.reason);
    const texts = entry.sections.map((s) => s.body);
    expect(departureDirective('canada', texts)).toBe('If you are in Kenya, you should leave by commercial means while they are available.');
    expect(departureDirective('canada', texts.slice(1))).toBeNull();
  });

  it('reads Trinidad and Tobago\'s regional advisory as five Level 3 areas', () => {
    const [tt] = parseCanadaDocuments([{ body: fixture('cta-cap-tt-2026-09-24.json'), location: 'tt' }]).entries;
    expect(tt!.nativeLabel).toBe('Exercise a high degree of caution');
    expect(tt!.regions.map((r) => [r.name, r.level, r.nativeLabel])).toEqual([
      ['Beetham Estate Gardens', 3, 'Avoid non-essential travel'],
      ['Cocorite (north of Western Main Road)', 3, 'Avoid non-essential travel'],
      ['Downtown Port of Spain (east of Charlotte street, south and west of Picadilly street, and north of Independence Square)', 3, 'Avoid non-essential travel'],
      ['Laventille', 3, 'Avoid non-essential travel'],
      ['Sea Lots', 3, 'Avoid non-essential travel'],
    ]);
  });

  it('reads the older index: every country, a part of one (the Azores) reported, and newer documents win', () => {
    const feed = parseCanadaDocuments(['index-alpha-eng-2014-03-02-excerpt.json', 'cta-cap-fr-2026-10-05.json'].map((name) => ({ body: fixture(name), location: name })));
    expect(feed.items).toBe(11);
    expect(feed.entries.find((e) => e.code === 'AF')).toMatchObject({ level: 4, nativeLabel: 'Avoid all travel', updatedAt: '2014-02-26T13:25:38.000Z' });
    expect(feed.entries.find((e) => e.code === 'FR')!.updatedAt).toBe('2026-10-05T11:02:00.000Z');
    expect(feed.merges.map((m) => m.code)).toEqual(['FR']);
    expect(feed.unmapped).toEqual([{ title: 'Azores', reason: expect.stringMatching(/PT-20/) }]);
    expect(feed.entries.length + feed.merges.length + feed.unmapped.length).toBe(feed.items);
  });

  it('follows the index to each country\'s document beside it', () => {
    expect(canadaDocumentUrls(fixture('index-alpha-eng-2014-03-02-excerpt.json'), 'http://127.0.0.1:9/travel-voyage/index-alpha-eng.json')).toContain('http://127.0.0.1:9/travel-voyage/cta-cap-af.json');
    expect(canadaDocumentUrls(fixture('cta-cap-fr-2026-10-05.json'), 'http://x/')).toBeNull();
  });
});

describe('Canada rules, by hand-made documents', () => {
  it.each([[0, 1], [1, 2], [2, 3], [3, 4]])('advisory-state %i is Level %i', (state, level) => {
    expect(parseCanadaDocument(canadaDocument(state), 'x')).toMatchObject({ code: 'KE', level });
  });

  it('reports an advisory-state outside 0–3', () => {
    expect(parseCanadaDocument(canadaDocument(5), 'x')).toEqual({ title: 'Kenya', reason: 'unknown advisory-state 5' });
  });

  it('reads a regional advisory without a list from its sentence, coded when it names a county', () => {
    const html = '<div class="AdvisoryContainer RegionalAdv"><h3>Regional Advisory - Avoid all travel</h3><p>Avoid all travel to Mandera County due to terrorism.</p></div>';
    expect(canadaRegions('KE', html, 2, [])).toEqual([{ name: 'Mandera County', code: 'KE-24', level: 4, nativeLabel: 'Avoid all travel' }]);
  });

  it('ignores a regional block no higher than the country', () => {
    const html = '<div class="AdvisoryContainer RegionalAdv"><h3>Regional Advisory - Exercise a high degree of caution</h3><ul><li>Nairobi</li></ul></div>';
    expect(canadaRegions('KE', html, 2, [])).toEqual([]);
  });

  it('parses friendly dates in EDT and EST, and refuses a date without a known zone', () => {
    expect(parseFriendlyDate('September 24, 2026 08:53 EDT')).toBe('2026-09-24T12:53:00.000Z');
    expect(parseFriendlyDate('March 3, 2026 09:15 EST')).toBe('2026-03-03T14:15:00.000Z');
    expect(parseFriendlyDate('February 26, 2014 14:25 ')).toBeUndefined();
    expect(parseFriendlyDate('February 26, 2014 14:25 XYZ')).toBeUndefined();
    expect(parseCanadaDocument(canadaDocument(1, '', 'sometime'), 'x')).toMatchObject({ reason: 'unreadable friendly-date "sometime"' });
  });
});
