import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { measureFidelity } from '../fidelity.ts';
import { parseUsStateDept } from './parse.ts';

/** The hand-made feed in the shape of the later State Department feeds (issue 12's failure classes). */
const LATER = readFileSync(new URL('../../../test/fixtures/us-state-dept/later-feed.xml', import.meta.url), 'utf8');
const BUNDLED = readFileSync(new URL('../../../data/us-state-dept/travel-advisories-rss-2025-10-08.xml', import.meta.url), 'utf8');
const later = parseUsStateDept(LATER);
const bundled = parseUsStateDept(BUNDLED);
const advisory = (code: string, feed = later) => feed.entries.find((e) => e.code === code)!;

describe('items for one destination are merged, never dropped', () => {
  it('makes Gaza (Level 4) a region of the Palestinian Territories at its own level, with its code, risks and text', () => {
    const ps = advisory('PS');
    expect(ps.content.level).toBe(3);
    expect(ps.content.regions).toEqual([{
      name: 'Gaza', code: 'PS-GZA', level: 4, indicators: ['T', 'U', 'O'],
      summary: 'Do not travel to Gaza due to terrorism, civil unrest, and armed conflict.\n\n### Armed conflict\n\nMilitary operations are ongoing.',
    }]);
    expect(later.merges).toContainEqual({
      code: 'PS', title: 'Gaza - Level 4: Do Not Travel', into: 'West Bank - Level 3: Reconsider Travel', action: 'region', detail: 'region Gaza (PS-GZA) at Level 4',
    });
  });

  it('keeps the newest of two items for the same country and reports the other as superseded', () => {
    expect(later.entries.filter((e) => e.code === 'FR')).toHaveLength(1);
    expect(advisory('FR')).toMatchObject({ title: 'France - Level 3: Reconsider Travel', publishedAt: '2025-11-15T00:00:00Z' });
    expect(later.merges).toContainEqual(expect.objectContaining({ code: 'FR', title: 'France - Level 2: Exercise Increased Caution', action: 'superseded' }));
  });

  it('accounts for every item: entries, merges and unmapped add up to the items read', () => {
    expect(later.items).toBe(6);
    expect(later.entries.length + later.merges.length + later.unmapped.length).toBe(later.items);
  });
});

describe('headings of every level', () => {
  it('turns <h3> into sections and <h4>/<h5> into sub-headings inside them, none glued to its text', () => {
    expect(advisory('PE').content.sections).toEqual([
      { slug: 'crime', title: 'Crime', body: 'Crime continues to be a problem throughout Peru.\n\n### In Lima\n\nExpress kidnappings occur.\n\n#### At night\n\nUse registered taxis.' },
      { slug: 'civil-unrest', title: 'Civil unrest', body: 'Do not travel to the Valley of the Apurimac, Ene, and Mantaro Rivers (VRAEM) due to crime and terrorism.' },
    ]);
    for (const entry of later.entries) expect(entry.content.summary + entry.content.sections.map((s) => s.body).join('\n')).not.toMatch(/\bCrime Crime\b|\bTerrorism Terrorist\b/);
  });
});

describe('change notes that open the summary', () => {
  it('takes "Reissued with updates to …" off the summary as the change note', () => {
    expect(advisory('PE').changeNote).toBe('Reissued with updates to crime information.');
    expect(advisory('PE').content.summary).toMatch(/^Exercise increased caution in Peru/);
    expect(advisory('IL').changeNote).toBe('Reissued with updates to terrorism information.');
  });

  it('ends a note at a line break without a full stop, leaving the advice (and its risks) in the summary', () => {
    expect(advisory('PS').changeNote).toBe('Reissued with updates to civil unrest information');
    expect(advisory('PS').content.summary).toBe('Reconsider travel to the West Bank due to terrorism, civil unrest, and armed conflict.');
    expect(advisory('PS').content.indicators).toEqual(['T', 'U', 'O']);
  });
});

describe('regional exceptions in every form', () => {
  const regions = (code: string, feed = later) => advisory(code, feed).content.regions.map((r) => [r.name, r.code ?? null, r.level, r.indicators.join('')]);

  it('reads a list whose intro gives the reasons, areas written as paragraphs, and inline sentences', () => {
    expect(regions('PE')).toEqual([
      ['Tumbes Region', 'PE-TUM', 3, 'C'],
      ['Puno Region', 'PE-PUN', 3, 'C'],
      ['The Colombia-Peru border area in the Loreto Region', null, 4, 'C'],
      ['The Putumayo River basin', null, 4, 'CK'],
      ['the Valley of the Apurimac, Ene, and Mantaro Rivers (VRAEM)', null, 4, 'CT'],
    ]);
    expect(regions('IL')).toEqual([['the area within 4.5 km of the Lebanese border', null, 4, 'O']]);
    expect(advisory('PE').uncoded?.map((u) => u.name)).toEqual(['The Colombia-Peru border area in the Loreto Region', 'The Putumayo River basin', 'the Valley of the Apurimac, Ene, and Mantaro Rivers (VRAEM)']);
  });

  it.each([
    ['XK', [['North Mitrovica, Leposavic, Zubin Potok, and Zvecan', null, 3, 'UO']]], // the areas in the intro's own paragraph
    ['SA', [['Within 20 miles of the Saudi-Yemen border, including the city of Najran', null, 4, 'T'], ['Qatif in the Eastern Province and its suburbs, including Awamiyah', null, 4, 'T']]], // "due to" in the intro
    ['OM', [['The Yemen border area', null, 4, 'TO']]],
    ['MZ', [['Cabo Delgado Province, the Niassa Special Reserve inside Niassa Province, and certain districts in the north of Nampula Province', null, 4, 'T']]],
    ['BD', [['The Khagrachari, Rangamati, and Bandarban Hill Tracts districts (collectively known as the Chittagong Hill Tracts)', null, 4, 'CTKO']]], // "Level 4: Do Not Travel" line
    ['KW', [['the Jleeb Al-Shuyoukh area in Kuwait City', null, 2, 'C'], ['the desert area near the border with Iraq', null, 4, 'O']]], // inline, "because of"
  ])('finds the areas of %s in the bundled feed', (code, expected) => {
    expect(regions(code, bundled)).toEqual(expected);
  });

  it('splits a list of subdivisions into coded regions (Colombia, Ecuador) and keeps the rest whole', () => {
    expect(regions('CO', bundled).slice(0, 3)).toEqual([['Arauca', 'CO-ARA', 4, 'CT'], ['Cauca (excluding Popayán)', 'CO-CAU', 4, 'CT'], ['Norte de Santander departments', 'CO-NSA', 4, 'CT']]);
    expect(regions('EC', bundled)).toHaveLength(13);
    expect(regions('EC', bundled).filter((r) => r[1]).map((r) => r[1])).toEqual(['EC-U', 'EC-M', 'EC-SE', 'EC-SD']);
    expect(regions('CM', bundled).map((r) => r[0])).toEqual(['Northwest and Southwest Regions', 'North Region and parts of East and Adamawa Regions', 'Far North Region']);
  });
});

describe('fidelity over whole feeds', () => {
  it('the bundled feed: no heading glued, no item dropped, the French West Indies in its four destinations, 135 regions in 49 advisories', () => {
    expect(measureFidelity(BUNDLED, bundled)).toEqual({
      items: 211, destinations: 212, merged: 2, unmapped: 0, groupItems: 1, droppedSilently: 0, regions: 135, advisoriesWithRegions: 49,
      sections: 298, subHeadings: 0, advisoriesWithoutSections: 23, htmlHeadings: 0, headingsGlued: 0,
    });
  });

  it('the later-feed fixture: every <h3>–<h5> kept as a section or sub-heading (Gaza\'s inside its region), none glued', () => {
    expect(measureFidelity(LATER, later)).toMatchObject({ items: 6, droppedSilently: 0, htmlHeadings: 8, sections: 5, subHeadings: 2, headingsGlued: 0, regions: 7 });
  });
});
