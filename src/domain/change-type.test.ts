import { describe, expect, it } from 'vitest';
import type { AdvisoryContent } from './advisory.ts';
import { deriveChangeType, describeChanges, mandatoryChanges, type MandatoryField } from './change-type.ts';

const base: AdvisoryContent = {
  level: 2,
  indicators: ['C', 'T'],
  risks: [{ indicator: 'C', text: 'Pickpockets.' }],
  regions: [{ name: 'Ituri', code: 'CD-IT', level: 4, indicators: ['U'], summary: 'Armed conflict.' }],
  departureUrged: false,
  summary: 'Exercise increased caution.',
  sections: [{ slug: 'crime', title: 'Crime', body: 'Pickpockets work the metro.' }],
};

const change = (patch: Partial<AdvisoryContent>): AdvisoryContent => ({ ...base, ...patch });

// Each row: a change, and the fields that make it major (none = the editor may call it minor).
const CASES: [string, AdvisoryContent, MandatoryField[]][] = [
  ['nothing', change({}), []],
  ['summary wording', change({ summary: 'Exercise increased caution in cities.' }), []],
  ['a new section', change({ sections: [...base.sections, { slug: 'air', title: 'Air travel', body: 'Few flights.' }] }), []],
  ['risk wording', change({ risks: [{ indicator: 'C', text: 'Pickpockets and muggers.' }] }), []],
  ['a region summary', change({ regions: [{ ...base.regions[0]!, summary: 'Armed groups.' }] }), []],
  ['indicator order only', change({ indicators: ['T', 'C'] }), []],
  ['level raised', change({ level: 4 }), ['level']],
  ['level lowered', change({ level: 1 }), ['level']],
  ['departure urged', change({ departureUrged: true }), ['departureUrged']],
  ['indicator added', change({ indicators: ['C', 'T', 'D'] }), ['indicators']],
  ['indicator removed', change({ indicators: ['C'] }), ['indicators']],
  ['region level', change({ regions: [{ ...base.regions[0]!, level: 3 }] }), ['regions']],
  ['region risks', change({ regions: [{ ...base.regions[0]!, indicators: ['U', 'K'] }] }), ['regions']],
  ['region added', change({ regions: [...base.regions, { name: 'North Kivu', level: 4, indicators: [], summary: '' }] }), ['regions']],
  ['region removed', change({ regions: [] }), ['regions']],
  ['region renamed under its code', change({ regions: [{ ...base.regions[0]!, name: 'Ituri Province' }] }), ['regions']],
  ['Netherlands to 4 with departure', change({ level: 4, departureUrged: true }), ['level', 'departureUrged']],
];

describe('mandatory major changes', () => {
  it.each(CASES)('%s', (_name, after, fields) => {
    expect(mandatoryChanges(base, after).map((c) => c.field)).toEqual(fields);
    expect(deriveChangeType(base, after, 'minor')).toBe(fields.length ? 'major' : 'minor');
    expect(deriveChangeType(base, after, 'major')).toBe('major');
  });

  it('says what changed in words', () => {
    expect(mandatoryChanges(base, change({ level: 4, departureUrged: true, indicators: ['C', 'T', 'D'] })).map((c) => c.message)).toEqual([
      'level raised from 2 to 4',
      'citizens are now urged to leave',
      'risk indicators added D (Wrongful Detention)',
    ]);
    expect(mandatoryChanges(base, change({ regions: [] }))[0]!.message).toBe('region Ituri (Level 4) removed');
  });

  it('writes a public change note from what changed', () => {
    expect(describeChanges(mandatoryChanges(base, change({ level: 4, departureUrged: true })))).toBe('Level raised from 2 to 4; citizens are now urged to leave.');
    expect(describeChanges([])).toBe('');
  });

  it('makes a destination\'s first advisory major whatever was chosen', () => {
    expect(deriveChangeType(null, base, 'minor')).toBe('major');
    expect(mandatoryChanges(null, base)).toEqual([]);
  });

  it('matches regions without a code by name, ignoring case and spacing', () => {
    const named = change({ regions: [{ name: 'Northern  Border', level: 4, indicators: [], summary: '' }] });
    const renamed = change({ regions: [{ name: 'northern border', level: 4, indicators: [], summary: 'new words' }] });
    expect(mandatoryChanges(named, renamed)).toEqual([]);
  });
});
