import { describe, expect, it } from 'vitest';
import { sideBySide, type ComparableAdvisory } from './diff.ts';
import type { Mission } from './missions.ts';
import { emptyQuickFacts } from './quick-facts.ts';

const embassy: Mission = {
  id: 'embassy-moscow', type: 'embassy', name: 'Embassy in Moscow', city: 'Moscow', address: '',
  phones: [], email: '', hours: '', services: [], status: 'reduced', statusSince: null, statusNote: '', hostCountry: null,
};
const published: ComparableAdvisory = {
  level: 4, indicators: [], risks: [], regions: [], departureUrged: true, summary: 'Do not travel.', sections: [],
  missions: [embassy], quickFacts: { ...emptyQuickFacts(), visa: 'Required.' },
};

describe('the reviewers\' side-by-side diff', () => {
  it('shows a mission\'s status and a quick fact as readers will read them', () => {
    const draft = { ...published, missions: [{ ...embassy, status: 'suspended' as const }], quickFacts: { ...emptyQuickFacts(), visa: 'Required before arrival.' } };
    const rows = sideBySide(published, draft);
    expect(rows.map((r) => [r.label, r.change])).toEqual([
      ['Mission: Embassy in Moscow (status)', 'changed'],
      ['Quick fact: Visa', 'changed'],
    ]);
    expect(rows[0]!.after.map((w) => w.text).join('')).toBe('Consular services suspended');
  });

  it('lists missions added and dropped, and every mission of a first publication', () => {
    const consulate = { ...embassy, id: 'consulate-vladivostok', name: 'Consulate in Vladivostok' };
    expect(sideBySide(published, { ...published, missions: [consulate] }).map((r) => [r.label, r.change])).toEqual([
      ['Mission: Consulate in Vladivostok (listed)', 'added'],
      ['Mission: Embassy in Moscow (listed)', 'removed'],
    ]);
    expect(sideBySide(null, published).filter((r) => r.field.startsWith('missions.')).map((r) => r.change)).toEqual(['added']);
  });

  it('shows nothing for missions and quick facts that did not change', () => {
    expect(sideBySide(published, { ...published })).toEqual([]);
  });
});
