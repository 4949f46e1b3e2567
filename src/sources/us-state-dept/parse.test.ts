import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedError, type ParsedFeed } from '../imported.ts';
import { MAX_FEED_CHARS, apiTimestamp, parseUsStateDept, rssDate } from './parse.ts';

const FEED_FILE = new URL('../../../data/us-state-dept/travel-advisories-rss-2025-10-08.xml', import.meta.url);
const RSS = readFileSync(FEED_FILE, 'utf8');
const feed = parseUsStateDept(RSS);

function entry(parsed: ParsedFeed, title: string) {
  const found = parsed.entries.find((e) => e.title.startsWith(title));
  if (!found) throw new Error(`no entry titled ${title}`);
  return found;
}

/** The description HTML and categories of one real item, to build API-shaped fixtures from. */
function realItem(title: string) {
  const item = RSS.split('<item>').find((i) => i.includes(`<title>${title}`))!;
  return {
    html: /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(item)![1]!,
    link: /<link>([^<]*)<\/link>/.exec(item)![1]!,
    tag: /domain="Country-Tag">([^<]*)</.exec(item)?.[1],
  };
}

describe('the real 2025-10-08 feed', () => {
  it('reads all 211 items as RSS and maps every one of them', () => {
    expect(feed.format).toBe('rss');
    expect(feed.items).toBe(211);
    // The French West Indies is one item and four entries (fromGroup): counted once, as a group item.
    const own = feed.entries.filter((e) => !e.fromGroup).length + feed.merges.filter((m) => !m.fromGroup).length;
    expect(own + feed.unmapped.length + feed.groups.length).toBe(211);
    expect(feed.entries).toHaveLength(212);
    expect(feed.entries.length).toBeGreaterThanOrEqual(205);
    expect(feed.entries.filter((e) => e.content.level === 4)).toHaveLength(20);
    expect(new Set(feed.entries.map((e) => e.code)).size).toBe(feed.entries.length);
  });

  it.each([
    ['Australia', 'AU'], // tag AS, which is American Samoa in ISO
    ['Austria', 'AT'], // tag AU
    ['Germany', 'DE'], // tag GM
    ['United Kingdom', 'GB'], // tag UK
    ['Gabon', 'GA'], // tag GB
    ['Niger', 'NE'], // tag NG
    ['Nigeria', 'NG'], // tag NI
    ['Singapore', 'SG'], // tag SN
    ['Mainland China, Hong Kong & Macau', 'CN'], // tag CH
    ['Czechia', 'CZ'], // tag EZ
    ['Cote d Ivoire', 'CI'], // tag IV
    ['Switzerland', 'CH'], // tag SR, Suriname's ISO code
    ['Hong Kong', 'HK'], // no tag
    ['Macau', 'MO'], // no tag
    ['Russia', 'RU'], // tag RS, Serbia's ISO code
    ['Serbia', 'RS'], // tag RI
    ['Suriname', 'SR'], // tag NS
    ['Kosovo', 'XK'],
    ['Burma (Myanmar)', 'MM'],
    ['Kingdom of Denmark', 'DK'],
    ['French Guiana', 'GF'], // A2, not a FIPS code
    ['Sint Eustatius', 'BQ'], // A1, like Bonaire and Saba (merged as its regions)
    ['Mexico Travel Advisory', 'MX'],
  ])('maps %s to %s', (title, code) => {
    expect(entry(feed, `${title} - `).code).toBe(code);
  });

  it('applies the French West Indies item to Guadeloupe, Martinique, Saint Barthélemy and Saint Martin, and leaves nothing unmapped', () => {
    expect(feed.unmapped).toEqual([]);
    const title = 'French West Indies - Level 1: Exercise Normal Precautions';
    expect(feed.groups).toEqual([{ title, group: 'French West Indies', covers: ['GP', 'MQ', 'BL', 'MF'], applied: ['GP', 'MQ', 'BL', 'MF'], detail: 'French West Indies covers GP, MQ, BL, MF: applied to GP, MQ, BL, MF' }]);
    const copies = feed.entries.filter((e) => e.fromGroup === title);
    expect(copies.map((e) => [e.code, e.content.level, e.publishedAt])).toEqual(['GP', 'MQ', 'BL', 'MF'].map((code) => [code, 1, '2024-08-22T00:00:00Z']));
    expect(copies[0]!.content.summary).toContain('Guadeloupe, Martinique, French Saint Martin, and Saint Barthélemy');
    // Sint Maarten (SX) is the Dutch side, with its own item; the group's Saint Martin is the French MF.
    expect(entry(feed, 'Sint Maarten - ').code).toBe('SX');
  });

  it('merges the three islands of BQ into one advisory with each island as a region, and reports it', () => {
    const bq = feed.entries.filter((e) => e.code === 'BQ');
    expect(bq).toHaveLength(1);
    expect(bq[0]!.content.regions.map((r) => [r.name, r.code, r.level])).toEqual(
      [['Bonaire', 'BQ-BO', 1], ['Saba', 'BQ-SA', 1]],
    );
    expect(feed.merges.map((m) => [m.title.replace(/ - .*/, ''), m.action, m.into.replace(/ - .*/, '')])).toEqual([
      ['Bonaire', 'region', 'Sint Eustatius'], ['Saba', 'region', 'Sint Eustatius'],
    ]);
  });

  it('keeps titles with extra words and spaces, normalising the spaces', () => {
    expect(entry(feed, 'Mexico Travel Advisory').content.level).toBe(2);
    expect(entry(feed, 'Liechtenstein - Level 1').title).toBe('Liechtenstein - Level 1: Exercise Normal Precautions');
    expect(entry(feed, 'Mainland China').title).toBe('Mainland China, Hong Kong & Macau - See Summaries - Level 2: Exercise Increased Caution');
  });

  it('reads Russia: level, departure, indicators, risks, sections, change note', () => {
    const russia = entry(feed, 'Russia - Level');
    expect(russia.content.level).toBe(4);
    expect(russia.content.departureUrged).toBe(true);
    expect(russia.content.indicators).toEqual(['T', 'D', 'O']);
    expect(russia.content.risks).toContainEqual({ indicator: 'D', text: 'The risk of harassment or wrongful detention by Russian security officials.' });
    expect(russia.content.risks).toContainEqual({ indicator: 'T', text: 'The possibility of terrorism.' });
    expect(russia.content.risks).toContainEqual({ indicator: 'O', text: 'The arbitrary enforcement of local laws.' });
    expect(russia.changeNote).toBe('Reissued after periodic review.');
    expect(russia.content.summary).not.toContain('Reissued');
    expect(russia.content.summary).toMatch(/^\*\*Do not travel to Russia\*\* \*\*due to:\*\*/);
    // A bold sentence is emphasis, not a heading.
    expect(russia.content.summary).toContain('**U.S. citizens in Russia should leave immediately.**  \nThe U.S. government');
    const slugs = russia.content.sections.map((s) => s.slug);
    expect(slugs.slice(0, 6)).toEqual(['dual-citizenship', 'demonstrations', 'electronic-devices', 'debit-and-credit-cards', 'air-travel', 'laws-and-special-circumstances']);
    expect(russia.content.sections.at(-1)?.title).toBe('If you choose to disregard the Travel Advisory and decide to travel to Russia');
    const dual = russia.content.sections.find((s) => s.slug === 'dual-citizenship')!;
    expect(dual.title).toBe('Dual citizenship');
    expect(dual.body).toMatch(/^Russia will \*\*not\*\* recognize your U\.S\. citizenship/);
    expect(dual.body).toContain('\n-   Russia has blocked U.S. consular officers');
    expect(dual.body).not.toContain('Demonstrations');
    expect(russia.content.regions).toEqual([]);
    expect(russia.sourceUrl).toBe('https://travel.state.gov/content/travel/en/traveladvisories/traveladvisories/russia-travel-advisory.html');
  });

  it('does not urge departure where the advisory does not', () => {
    expect(entry(feed, 'Australia - Level').content.departureUrged).toBe(false);
    expect(feed.entries.filter((e) => e.content.departureUrged).map((e) => e.code).sort()).toEqual(['BY', 'LY', 'RU', 'VE']);
  });

  it('dates RSS items at midnight UTC of their pubDate, reviewed the same day', () => {
    const russia = entry(feed, 'Russia - Level');
    expect(russia.publishedAt).toBe('2025-05-08T00:00:00Z');
    expect(russia.reviewedAt).toBe(russia.publishedAt);
    expect(feed.entries[0]!.publishedAt).toBe('2025-10-08T00:00:00Z');
    for (const e of feed.entries) expect(e.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
  });

  it('produces only safe Markdown: no HTML tags, no tracking attributes, no non-breaking-space runs', () => {
    for (const e of feed.entries) {
      for (const text of [e.content.summary, ...e.content.sections.map((s) => s.body)]) {
        expect(text).not.toMatch(/<\/?(?:p|span|b|i|div|script)\b|adhocenable|&nbsp;|\u00a0/);
      }
      const slugs = e.content.sections.map((s) => s.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
    }
  });

  it('turns relative links absolute and drops fragment-only ones', () => {
    const sierraLeone = entry(feed, 'Sierra Leone');
    expect(sierraLeone.content.sections.map((s) => s.title)).toEqual(['Crime', 'Unrest', 'Health']);
    expect(sierraLeone.content.sections[0]!.body).toContain('(https://travel.state.gov/en/international-travel/travel-advisories/crime.html)');
    expect(entry(feed, 'Tonga').content.summary + entry(feed, 'Tonga').content.sections.map((s) => s.body).join('')).not.toContain('#ExternalPopup');
  });

  it('reads change notes in every form the feed uses', () => {
    expect(entry(feed, 'Maldives')).toMatchObject({ changeNote: 'Reissued Language: There were no changes to the advisory level or risk indicators. Advisory summary was updated.' });
    // Note and advice sharing one paragraph.
    const belize = entry(feed, 'Belize');
    expect(belize.changeNote).toBe('Reissued after periodic review with minor edits.');
    expect(belize.content.summary).toMatch(/^Exercise increased caution in Belize due to/);
    // Italic advice is not a change note.
    const honduras = entry(feed, 'Honduras');
    expect(honduras.changeNote).toBe('');
    expect(honduras.content.summary).toMatch(/Reconsider travel to Honduras/);
    // Text before the first <p> joins it.
    expect(entry(feed, 'Mexico Travel Advisory').content.summary).toMatch(/^Exercise increased caution in \*\*Mexico/);
  });
});

describe('Consular Affairs API JSON', () => {
  const russia = realItem('Russia - Level');
  const australia = realItem('Australia - Level');
  const json = JSON.stringify([
    { Title: 'Russia - Level 4: Do Not Travel', Link: russia.link, Category: 'RS', Summary: russia.html, Published: '2025-05-14T20:00:00-04:00', Updated: '2025-05-15T09:30-04:00' },
    { Title: 'Australia - Level 1: Exercise Normal Precautions', Link: australia.link, Category: ['AS', 'advisory'], Summary: australia.html, Published: '2025-05-30T10:00:00-04:00', Updated: '2025-05-30T10:00:00-04:00' },
    { Title: 'Atlantis - Level 2: Exercise Increased Caution', Link: '', Category: 'QQ', Summary: '<p>Nowhere.</p>', Published: '2025-05-30T10:00:00-04:00', Updated: '2025-05-30T10:00:00-04:00' },
    { Title: 'Narnia - See Summaries', Link: '', Category: 'AS', Summary: '<p>No level.</p>', Published: '2025-05-30T10:00:00-04:00', Updated: '2025-05-30T10:00:00-04:00' },
  ]);
  const parsed = parseUsStateDept(json);

  it('detects JSON and reads the same content as the RSS', () => {
    expect(parsed.format).toBe('json');
    expect(parsed.entries.map((e) => e.code)).toEqual(['RU', 'AU']);
    const ru = parsed.entries[0]!;
    expect(ru.content).toEqual(entry(feed, 'Russia - Level').content);
  });

  it("keeps the publisher's local date and offset, adding missing seconds", () => {
    const ru = parsed.entries[0]!;
    expect(ru.publishedAt).toBe('2025-05-14T20:00:00-04:00');
    expect(ru.publishedAt.slice(0, 10)).toBe('2025-05-14');
    expect(ru.reviewedAt).toBe('2025-05-15T09:30:00-04:00');
  });

  it('reports entries without a known destination or a level', () => {
    expect(parsed.unmapped).toEqual([
      { title: 'Atlantis - Level 2: Exercise Increased Caution', reason: 'unknown country tag "QQ" and no destination named "Atlantis"' },
      { title: 'Narnia - See Summaries', reason: 'no advisory level in its category or title' },
    ]);
  });
});

describe('dates', () => {
  it.each([
    ['Wed, 08 Oct 2025', '2025-10-08T00:00:00Z'],
    ['8 Oct 2025', '2025-10-08T00:00:00Z'],
    ['Wed, 08 Oct 2025 17:36:06 GMT', '2025-10-08T17:36:06Z'],
    ['Wed, 31 Feb 2025', undefined],
    ['yesterday', undefined],
  ])('RSS %s → %s', (input, expected) => expect(rssDate(input)).toBe(expected));

  it.each([
    ['2025-05-14T20:00:00-04:00', '2025-05-14T20:00:00-04:00'],
    ['2025-05-14T20:00-04:00', '2025-05-14T20:00:00-04:00'],
    ['2025-05-14T20:00:00-0400', '2025-05-14T20:00:00-04:00'],
    ['2025-05-14T20:00:00Z', '2025-05-14T20:00:00Z'],
    ['2025-05-14', '2025-05-14T00:00:00Z'],
    ['2025-05-14T20:00:00', undefined], // no offset: which day it was is unknowable
    ['14/05/2025', undefined],
  ])('API %s → %s', (input, expected) => expect(apiTimestamp(input)).toBe(expected));
});

describe('input that is not a feed', () => {
  const refuses = (input: string, message: RegExp) => {
    let error: unknown;
    try {
      parseUsStateDept(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).message).toMatch(message);
    expect((error as FeedError).message).not.toContain('\n');
  };

  it('refuses empty input', () => {
    refuses('', /empty/);
    refuses(' \n\t ', /empty/);
  });

  it('refuses input over the size limit before parsing it', () => {
    expect(MAX_FEED_CHARS).toBe(50 * 1024 * 1024);
    const started = performance.now();
    refuses(`[${' '.repeat(MAX_FEED_CHARS)}]`, /over 50 MB/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses malformed XML', () => refuses('<?xml version="1.0"?><rss version="2.0"><channel><item><title>Oops</channel></rss>', /not well-formed XML/));
  it('refuses malformed JSON', () => refuses('[{"Title": "Russia - Level 4: Do Not Travel",', /not valid JSON/));
  it('refuses JSON that is not an array of advisories', () => {
    refuses('{"Title": "Russia"}', /not an array of advisories/);
    refuses('[1, 2]', /not an array of advisories/);
    refuses('[{"Name": "Russia"}]', /not an array of advisories/);
    refuses('[]', /no advisories/);
  });
  it('refuses a bot-challenge HTML page', () =>
    refuses('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>', /HTML page, not the State Department feed \(a bot-challenge page\?\)/));
  it('refuses an HTML page without a doctype', () => refuses('<html><body>Forbidden</body></html>', /HTML page/));
  it('refuses an RSS feed with no items', () => refuses('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', /no items/));
  it('refuses XML that is not RSS', () => refuses('<?xml version="1.0"?><feed><entry/></feed>', /not an RSS 2\.0 feed/));
  it('refuses text that is neither', () => refuses('Level 4: Do Not Travel', /neither RSS \(XML\) nor JSON/));

  it('refuses an entity-expansion bomb within milliseconds', () => {
    const lols = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n${lols}\n]>\n<rss version="2.0"><channel><item><title>&lol10;</title></item></channel></rss>`;
    const started = performance.now();
    refuses(bomb, /XML entity declarations are not allowed/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
