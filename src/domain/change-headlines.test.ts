import { describe, expect, it } from 'vitest';
import type { AdvisoryContent } from './advisory.ts';
import { changeHeadlines, changeSubject } from './change-headlines.ts';

const base: AdvisoryContent = {
  level: 3, indicators: ['C', 'U'], risks: [], regions: [], departureUrged: false, summary: 'Reconsider travel.',
  sections: [{ slug: 'safety', title: 'Safety and security', body: 'Crime is common.' }],
};

describe('changeHeadlines', () => {
  it.each([
    ['first advisory', null, { ...base, level: 4, departureUrged: true }, ['Level 4 (Do Not Travel)', 'leave now']],
    ['level raised and leave now', base, { ...base, level: 4, departureUrged: true }, ['level raised to 4 (Do Not Travel)', 'leave now']],
    ['level lowered', base, { ...base, level: 2 }, ['level lowered to 2 (Exercise Increased Caution)']],
    ['call to leave lifted', { ...base, departureUrged: true }, base, ['no longer urged to leave']],
    ['risk added', base, { ...base, indicators: ['C', 'U', 'D'] }, ['new risk: Wrongful Detention']],
    ['new section', base, { ...base, sections: [...base.sections, { slug: 'air', title: 'Air travel', body: 'Flights are limited.' }] }, ['new section on air travel']],
    ['section edited', base, { ...base, sections: [{ ...base.sections[0]!, body: 'Crime is rising.' }] }, ['safety and security updated']],
    ['section removed', base, { ...base, sections: [] }, ['section on safety and security removed']],
    ['summary', base, { ...base, summary: 'Reconsider all travel.' }, ['summary updated']],
    ['new region', base, { ...base, regions: [{ name: 'Crimea', code: 'UA-43', level: 4, indicators: [], summary: 'Do not travel.' }] }, ['new regional advice for Crimea (Level 4)']],
    ['nothing', base, base, ['advice reissued unchanged']],
  ] as const)('%s', (_name, before, after, expected) => {
    expect(changeHeadlines(before as AdvisoryContent | null, after as AdvisoryContent)).toEqual(expected);
  });

  it('keeps acronyms in section titles as written', () => {
    expect(changeHeadlines(base, { ...base, sections: [...base.sections, { slug: 'us', title: 'US citizens', body: 'x' }] })).toEqual(['new section on US citizens']);
  });
});

describe('changeSubject', () => {
  const calm = { level: 2, departureUrged: false };
  it('shows two changes and counts the rest', () => {
    expect(changeSubject('Russia', ['level raised to 4 (Do Not Travel)', 'leave now'], { level: 4, departureUrged: true })).toBe('Russia: level raised to 4 (Do Not Travel) – leave now');
    expect(changeSubject('Russia', ['a', 'b', 'c', 'd'], calm)).toBe('Russia: a – b and 2 more changes');
    expect(changeSubject('Russia', ['a', 'b', 'c'], calm)).toBe('Russia: a – b and 1 more change');
  });

  it('still says leave now when that is not the news', () => {
    expect(changeSubject('Russia', ['summary updated'], { level: 4, departureUrged: true })).toBe('Russia: summary updated – Level 4, leave now');
    expect(changeSubject('Russia', ['a', 'b', 'c'], { level: 4, departureUrged: true })).toBe('Russia: a – b and 1 more change – Level 4, leave now');
  });
});
