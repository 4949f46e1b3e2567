import { describe, expect, it } from 'vitest';
import { departureSignal, peerChangesWorthTelling, type PeerChangeField, type PeerSnapshot } from './peer-changes.ts';

const base: PeerSnapshot = {
  nativeLabel: 'Advise against all travel to parts',
  level: 1,
  regions: [{ name: 'Kherson', code: 'UA-65', level: 4 }],
  sections: [{ title: 'Warnings and insurance', body: 'The FCDO advises against all travel to Kherson.' }],
};

const change = (patch: Partial<PeerSnapshot>): PeerSnapshot => ({ ...base, ...patch });

// Each row: a change, and the fields worth telling (none = churn, nothing is sent).
const CASES: [string, PeerSnapshot, PeerChangeField[]][] = [
  ['nothing', change({}), []],
  ['section wording', change({ sections: [{ title: 'Warnings and insurance', body: 'The FCDO advises against all travel to the Kherson oblast.' }] }), []],
  ['a new section', change({ sections: [...base.sections, { title: 'Entry requirements', body: 'Visas are needed.' }] }), []],
  ['label spacing and case only', change({ nativeLabel: ' advise against all  travel to parts' }), []],
  ['region renamed under its code', change({ regions: [{ name: 'Kherson oblast', code: 'UA-65', level: 4 }] }), []],
  ['level raised', change({ level: 4, nativeLabel: 'Advise against all travel' }), ['level']],
  ['level lowered', change({ level: 1, nativeLabel: 'No travel warning' }), ['level']],
  ['native label only (same mapped level)', change({ nativeLabel: 'Advise against all but essential travel to parts' }), ['level']],
  ['region level', change({ regions: [{ name: 'Kherson', code: 'UA-65', level: 3 }] }), ['regions']],
  ['region added', change({ regions: [...base.regions, { name: 'Crimea', level: 4 }] }), ['regions']],
  ['region removed', change({ regions: [] }), ['regions']],
  ['departure signal appears', change({ sections: [{ title: 'Warnings', body: 'British nationals should leave by any means.' }] }), ['departure']],
  ['whole country to 4 and told to leave', change({ level: 4, nativeLabel: 'Advise against all travel', regions: [], sections: [{ title: 'Warnings', body: 'If you are in Ukraine, you should leave now.' }] }), ['level', 'regions', 'departure']],
];

describe('peer changes worth telling', () => {
  it.each(CASES)('%s', (_name, after, fields) => {
    expect(peerChangesWorthTelling('uk-fcdo', base, after).map((c) => c.field)).toEqual(fields);
  });

  it('a first import is not a change', () => {
    expect(peerChangesWorthTelling('uk-fcdo', null, base)).toEqual([]);
  });

  it('says what changed, for the message', () => {
    expect(peerChangesWorthTelling('uk-fcdo', base, change({ level: 4, nativeLabel: 'Advise against all travel' }))).toEqual([{ field: 'level', message: 'level raised from 1 to 4' }]);
    expect(peerChangesWorthTelling('uk-fcdo', base, change({ regions: [{ name: 'Kherson', code: 'UA-65', level: 3 }, { name: 'Crimea', level: 4 }] }))[0]!.message)
      .toBe('Kherson lowered from level 4 to 3; Crimea added at level 4');
  });

  it('reads the departure signal from titles and text, not from the word "leave" alone', () => {
    expect(departureSignal('uk-fcdo', [{ title: 'Leaving Russia', body: 'British nationals should leave Russia while commercial routes remain.' }])).toBe(true);
    expect(departureSignal('uk-fcdo', [{ title: 'Entry', body: 'Leave enough time at the border; annual leave rules do not apply.' }])).toBe(false);
    expect(departureSignal('uk-fcdo', [{ title: 'Protests', body: 'You should leave the area if a demonstration develops.' }])).toBe(false);
  });
});
