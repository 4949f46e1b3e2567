import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedError } from '../imported.ts';
import type { PeerEntry } from './feed.ts';
import { parseUkDocument, parseUkDocuments, ukDocumentUrls, ukWarnedAreas } from './uk-fcdo.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/uk-fcdo/${name}`, import.meta.url), 'utf8');

/** A minimal travel_advice document in the Content API's shape. */
function ukDocument(over: { slug?: string; name?: string; alert?: string[]; warnings?: string; updated?: string } = {}): Record<string, unknown> {
  const slug = over.slug ?? 'narnia';
  return {
    base_path: `/foreign-travel-advice/${slug}`, document_type: 'travel_advice', schema_name: 'travel_advice',
    public_updated_at: over.updated ?? '2026-09-01T10:00:00+01:00', withdrawn_notice: {},
    details: {
      country: { slug, name: over.name ?? 'Narnia', synonyms: [] }, alert_status: over.alert ?? [], change_description: 'Latest update: test',
      parts: [{ slug: 'warnings-and-insurance', title: 'Warnings and insurance', body: over.warnings ?? '<p>No warnings.</p>' }],
    },
  };
}

function entry(json: Record<string, unknown>): PeerEntry {
  const parsed = parseUkDocument(json, 'test');
  if ('reason' in parsed) throw new Error(parsed.reason);
  return parsed;
}

describe('the GOV.UK samples', () => {
  const names = ['example-full-country.json', 'example-alt-country.json', 'example-no-parts.json', 'example-travel-advice-index.json', 'example-withdrawn-full-country.json'];
  const feed = parseUkDocuments(names.map((name) => ({ body: fixture(name), location: name })));

  it('reads every document: three countries, the index and the withdrawn Albania reported, none dropped', () => {
    expect(feed.items).toBe(5);
    expect(feed.entries.map((e) => [e.code, e.level, e.nativeLabel]).sort()).toEqual([
      ['AL', 1, 'No travel warning'],
      ['AQ', 1, 'No travel warning'],
      ['TR', 1, 'Advise against all travel to parts; Advise against all but essential travel to parts'],
    ]);
    expect(feed.unmapped.map((u) => u.title)).toEqual(['Foreign travel advice', 'Albania']);
    expect(feed.unmapped[1]!.reason).toMatch(/withdrawn/);
  });

  it('keeps each part as a Markdown section, with links made absolute to GOV.UK', () => {
    const albania = feed.entries.find((e) => e.code === 'AL')!;
    expect(albania.sections.map((s) => s.slug)).toContain('safety-and-security');
    expect(albania.sections.find((s) => s.slug === 'safety-and-security')!.body).toMatch(/^### Crime\n\nPublic security/);
    expect(albania.url).toBe('https://www.gov.uk/foreign-travel-advice/albania');
    expect(albania.updatedAt).toBe('2017-02-14T15:42:21.000Z');
    expect(JSON.stringify(albania.sections)).not.toMatch(/<script|<h3/);
  });

  it('finds Turkey\'s warned areas as regions at 4 and 3, coded where the name is one province', () => {
    const turkey = feed.entries.find((e) => e.code === 'TR')!;
    expect(turkey.regions.filter((r) => r.level === 4).map((r) => r.name)).toEqual(['within 10 km of the border with Syria', 'the city of Diyarbakir']);
    expect(turkey.regions.filter((r) => r.code).map((r) => [r.name, r.code, r.level])).toEqual([['Siirt', 'TR-56', 3], ['Tunceli', 'TR-62', 3], ['Hakkari', 'TR-30', 3]]);
    expect(turkey.uncoded).toHaveLength(3);
  });

  it('lists the index\'s country documents as Content API URLs', () => {
    expect(ukDocumentUrls(fixture('example-travel-advice-index.json'), 'http://127.0.0.1:9/api/content/foreign-travel-advice')).toEqual(
      ['afghanistan', 'austria', 'finland', 'india', 'malaysia', 'sao-tome-and-principe', 'spain'].map((s) => `http://127.0.0.1:9/api/content/foreign-travel-advice/${s}`));
    expect(ukDocumentUrls(fixture('example-full-country.json'), 'http://x/')).toBeNull();
  });
});

describe('UK rules, by hand-made documents', () => {
  it('whole country against all travel is Level 4, in the FCDO\'s words', () => {
    expect(entry(ukDocument({ slug: 'syria', name: 'Syria', alert: ['avoid_all_travel_to_whole_country'] }))).toMatchObject({ code: 'SY', level: 4, nativeLabel: 'Advise against all travel' });
  });

  it('all but essential to the whole country is 3, with parts against all travel as Level 4 regions', () => {
    const e = entry(ukDocument({
      slug: 'ukraine', name: 'Ukraine', alert: ['avoid_all_but_essential_travel_to_whole_country', 'avoid_all_travel_to_parts'],
      warnings: '<p>FCDO advises against all travel to:</p><ul><li>Donetsk</li><li>Luhansk</li></ul><p>FCDO advises against all but essential travel to the rest of Ukraine.</p>',
    }));
    expect(e).toMatchObject({ level: 3, nativeLabel: 'Advise against all but essential travel; Advise against all travel to parts' });
    // "The rest of Ukraine" is at the country's own level, so not a region.
    expect(e.regions.map((r) => [r.name, r.level, r.nativeLabel])).toEqual([['Donetsk', 4, 'Advise against all travel'], ['Luhansk', 4, 'Advise against all travel']]);
  });

  it('parts only leave the country at its baseline', () => {
    const e = entry(ukDocument({ slug: 'kenya', name: 'Kenya', alert: ['avoid_all_but_essential_travel_to_parts'], warnings: '<p>FCDO advises against all but essential travel to Mandera county.</p>' }));
    expect(e).toMatchObject({ level: 1, regions: [{ name: 'Mandera county', code: 'KE-24', level: 3 }] });
  });

  it('maps GOV.UK slugs that are no ISO name through the explicit table, and reports what does not map', () => {
    expect(entry(ukDocument({ slug: 'the-occupied-palestinian-territories', name: 'The Occupied Palestinian Territories' })).code).toBe('PS');
    expect(entry(ukDocument({ slug: 'usa', name: 'USA' })).code).toBe('US');
    expect(parseUkDocument(ukDocument({ slug: 'british-antarctic-territory', name: 'British Antarctic Territory' }), 'x')).toEqual({ title: 'British Antarctic Territory', reason: expect.stringMatching(/no ISO 3166-1 destination for GOV.UK country "British Antarctic Territory"/) });
  });

  it('reports an alert status it does not know instead of guessing a level', () => {
    expect(parseUkDocument(ukDocument({ slug: 'france', name: 'France', alert: ['avoid_travel_on_tuesdays'] }), 'x')).toMatchObject({ reason: 'unknown alert_status avoid_travel_on_tuesdays' });
  });

  it('does not take advice for the whole country as an area', () => {
    expect(ukWarnedAreas('<p>FCDO advises against all travel to Syria.</p>', 'Syria')).toEqual([]);
  });

  it('refuses an HTML page and broken JSON with a one-line reason', () => {
    expect(() => parseUkDocuments([{ body: '<!doctype html><html>challenge</html>', location: 'u' }])).toThrow(FeedError);
    expect(() => parseUkDocuments([{ body: '{"details": ', location: 'u' }])).toThrow(/not JSON/);
  });

  it('keeps the newest of two documents for one country and reports the other', () => {
    const feed = parseUkDocuments([
      { body: JSON.stringify(ukDocument({ slug: 'france', name: 'France', updated: '2026-01-01T00:00:00Z' })), location: 'old' },
      { body: JSON.stringify(ukDocument({ slug: 'france', name: 'France', updated: '2026-02-01T00:00:00Z', alert: ['avoid_all_travel_to_whole_country'] })), location: 'new' },
    ]);
    expect(feed.entries.map((e) => e.level)).toEqual([4]);
    expect(feed.merges).toHaveLength(1);
  });
});
