import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanHtml, splitBlocks } from './html.ts';
import { parseUsStateDept } from './parse.ts';
import { extractRegions } from './regions.ts';

const feed = parseUsStateDept(readFileSync(new URL('../../../data/us-state-dept/travel-advisories-rss-2025-10-08.xml', import.meta.url), 'utf8'));
const regionsOf = (code: string) => feed.entries.find((e) => e.code === code)!.content.regions;

describe('regional exceptions from the State Department feed', () => {
  it('reads the areas listed under "Do Not Travel To:", with their reasons as indicators and ISO codes where one matches', () => {
    const congo = regionsOf('CD');
    expect(congo.map((r) => r.name)).toEqual([
      'North and South Kivu provinces', 'Ituri province',
      'Tanganyika, Haut Lomami, and the 3 Kasai provinces (Kasai, Kasai-Oriental, Kasai-Central)', 'Mai-Ndombe province',
    ]);
    expect(congo[1]).toMatchObject({ code: 'CD-IT', level: 4, indicators: ['C', 'T', 'U', 'K', 'O'] });
    expect(congo[1]!.summary).toMatch(/^Ituri province due to crime, civil unrest, terrorism/);
  });

  it('keeps a higher-level area of a Level 1 country (Georgia) and Level 3 areas ("Reconsider travel to:")', () => {
    expect(regionsOf('GE')).toEqual([expect.objectContaining({ level: 4, name: 'The Russian-occupied Georgian regions of South Ossetia and Abkhazia' })]);
    expect(regionsOf('LA')).toEqual([expect.objectContaining({ level: 3, code: 'LA-XS', name: 'Xaisomboun Province', indicators: ['U'] })]);
  });

  it("does not mistake the country's own advice for an area list", () => {
    expect(regionsOf('RU')).toEqual([]);
    expect(regionsOf('BY')).toEqual([]);
    expect(regionsOf('CD').map((r) => r.name)).not.toContain('the Democratic Republic of the Congo (DRC)');
    expect(regionsOf('VE').map((r) => r.name)).toEqual([]);
  });

  it('skips sentences in an area list and areas below the country level', () => {
    const blocks = splitBlocks(cleanHtml('<p>Reconsider travel to:</p><ul><li>Kandy district due to civil unrest.</li><li>Travel through the village of X on the main road is allowed during daylight hours, but stopping anywhere along it is not permitted for visitors.</li></ul><p><b>Do Not Travel To:</b></p><ul><li>The northern border</li></ul>'));
    expect(extractRegions({ code: 'LK', level: 2 }, blocks).regions).toEqual([
      { name: 'Kandy district', code: 'LK-21', level: 3, indicators: ['U'], summary: 'Kandy district due to civil unrest.' },
      { name: 'The northern border', level: 4, indicators: [], summary: 'The northern border' },
    ]);
    expect(extractRegions({ code: 'LK', level: 4 }, blocks).regions.map((r) => r.name)).toEqual(['The northern border']);
  });
});
