import { describe, expect, it } from 'vitest';
import { missionChanges, quickFactChanges, type ReaderChange } from './mission-diff.ts';
import type { Mission } from './missions.ts';
import { emptyQuickFacts } from './quick-facts.ts';

const embassy: Mission = {
  id: 'embassy-moscow', type: 'embassy', name: 'Embassy in Moscow', city: 'Moscow', address: 'Bolshoy Deviatinsky Pereulok 8',
  phones: [{ label: 'After hours', number: '+7 495 728-5025', emergency: true }],
  email: '', hours: '', services: [], status: 'operating', statusSince: null, statusNote: '', hostCountry: null,
};
const consulate: Mission = { ...embassy, id: 'consulate-vladivostok', type: 'consulate', name: 'Consulate in Vladivostok', city: 'Vladivostok', address: '', phones: [] };

describe('what a reader is shown of mission changes between two revisions', () => {
  const CASES: [string, Mission[], Mission[], ReaderChange[]][] = [
    ['nothing changed', [embassy, consulate], [embassy, consulate], []],
    ['reordered only', [embassy, consulate], [consulate, embassy], []],
    ['operating → suspended, with a date and note', [embassy], [{ ...embassy, status: 'suspended', statusSince: '2021-05-12', statusNote: 'All operations suspended.' }],
      [{ subject: 'Embassy in Moscow', aspect: 'status', from: 'Operating', to: 'Consular services suspended since 2021-05-12: All operations suspended.' }]],
    ['a new emergency line', [embassy], [{ ...embassy, phones: [{ label: 'After hours', number: '+7 495 728-5000', emergency: true }] }],
      [{ subject: 'Embassy in Moscow', aspect: 'contacts', from: 'Bolshoy Deviatinsky Pereulok 8; After hours: +7 495 728-5025 (24/7 emergencies)', to: 'Bolshoy Deviatinsky Pereulok 8; After hours: +7 495 728-5000 (24/7 emergencies)' }]],
    ['first listed', [embassy], [embassy, { ...consulate, status: 'closed' }], [{ subject: 'Consulate in Vladivostok', aspect: 'listed', from: '', to: 'Closed' }]],
    ['no longer listed', [embassy, consulate], [embassy], [{ subject: 'Consulate in Vladivostok', aspect: 'listed', from: 'Operating', to: '' }]],
  ];
  it.each(CASES)('%s', (_name, before, after, expected) => {
    expect(missionChanges(before, after)).toEqual(expected);
  });
});

describe('what a reader is shown of quick-fact changes', () => {
  it('names each changed fact, bank cards leading with whether ours work; none when nothing was or is said', () => {
    const before = { ...emptyQuickFacts(), visa: 'Required.' };
    const after = { ...before, visa: 'Required before arrival.', bankCardsWork: false };
    expect(quickFactChanges(before, after)).toEqual([
      { subject: 'Visa', aspect: 'fact', from: 'Required.', to: 'Required before arrival.' },
      { subject: 'Bank cards', aspect: 'fact', from: '', to: 'Our bank cards do not work.' },
    ]);
    expect(quickFactChanges(null, after).map((c) => c.subject)).toEqual(['Visa', 'Bank cards']);
    expect(quickFactChanges(null, null)).toEqual([]);
  });
});
