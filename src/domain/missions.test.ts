import { describe, expect, it } from 'vitest';
import type { AdvisoryContent } from './advisory.ts';
import { mandatoryChanges } from './change-type.ts';
import { changeHeadlines } from './change-headlines.ts';
import type { FieldError } from './draft-fields.ts';
import { readMissions } from './mission-input.ts';
import { allMissionsDown, contactLines, missionContacts, missionStatusChanges, type Mission, type MissionStatus } from './missions.ts';

const embassy: Mission = {
  id: 'embassy-moscow', type: 'embassy', name: 'Embassy in Moscow', city: 'Moscow', address: 'Bolshoy Deviatinsky Pereulok 8',
  phones: [{ label: 'Switchboard', number: '+7 495 728-5000', emergency: false }, { label: 'After hours', number: '+7 495 728-5025', emergency: true }],
  email: 'consular@example.org', hours: 'Mon–Fri 9:00–18:00', services: ['Emergency passports'], status: 'operating',
  statusSince: null, statusNote: '', hostCountry: null,
};
const consulate: Mission = { ...embassy, id: 'consulate-vladivostok', type: 'consulate', name: 'Consulate in Vladivostok', city: 'Vladivostok', phones: [] };
const at = (mission: Mission, status: MissionStatus): Mission => ({ ...mission, status });

describe('a mission status change that travellers must be told of', () => {
  const CASES: [string, Mission[], Mission[], string[]][] = [
    ['nothing changed', [embassy], [embassy], []],
    ['operating → reduced', [embassy], [at(embassy, 'reduced')], []],
    ['operating → suspended', [embassy], [at(embassy, 'suspended')], ['Embassy in Moscow changed from operating to consular services suspended']],
    ['reduced → closed', [at(embassy, 'reduced')], [at(embassy, 'closed')], ['Embassy in Moscow changed from reduced staff to closed']],
    ['suspended → closed', [at(embassy, 'suspended')], [at(embassy, 'closed')], ['Embassy in Moscow changed from consular services suspended to closed']],
    ['suspended → operating (reopening)', [at(embassy, 'suspended')], [embassy], []],
    ['still suspended, note edited', [at(embassy, 'suspended')], [{ ...at(embassy, 'suspended'), statusNote: 'Since March.' }], []],
    ['first listed as suspended', [], [at(consulate, 'suspended')], ['Consulate in Vladivostok listed as consular services suspended']],
    ['first listed as operating', [], [consulate], []],
    ['a mission removed', [embassy, consulate], [embassy], []],
  ];
  it.each(CASES)('%s', (_name, before, after, expected) => {
    expect(missionStatusChanges(before, after)).toEqual(expected);
  });

  const advice: AdvisoryContent = { level: 4, indicators: ['D'], risks: [], regions: [], departureUrged: true, summary: 'Do not travel.', sections: [], missions: [embassy] };
  it('is a mandatory major change of the advisory, named as missions', () => {
    expect(mandatoryChanges(advice, { ...advice, missions: [at(embassy, 'suspended')] })).toEqual([
      { field: 'missions', message: 'Embassy in Moscow changed from operating to consular services suspended' },
    ]);
    expect(mandatoryChanges(advice, { ...advice, missions: [{ ...embassy, hours: 'Mon–Thu' }] })).toEqual([]);
    expect(mandatoryChanges({ ...advice, missions: undefined }, { ...advice, missions: [] })).toEqual([]);
  });

  it('is the headline of the e-mail subject', () => {
    expect(changeHeadlines(advice, { ...advice, missions: [at(embassy, 'closed')] })).toEqual(['Embassy in Moscow changed from operating to closed']);
    expect(changeHeadlines(advice, { ...advice, missions: [{ ...embassy, hours: 'Mon–Thu' }] })).toEqual(['embassy and consulate details updated']);
  });
});

describe('all missions suspended or closed', () => {
  const CASES: [string, Mission[], boolean][] = [
    ['no missions at all (nothing to say)', [], false],
    ['one operating', [embassy], false],
    ['reduced staff still helps', [at(embassy, 'reduced'), at(consulate, 'suspended')], false],
    ['every one suspended or closed', [at(embassy, 'suspended'), at(consulate, 'closed')], true],
  ];
  it.each(CASES)('%s', (_name, missions, expected) => expect(allMissionsDown(missions)).toBe(expected));

  it('messages warn first, then give each mission with its emergency line', () => {
    expect(contactLines([embassy])).toEqual(['Embassy in Moscow, Moscow (Operating): +7 495 728-5000; +7 495 728-5025 (24/7 emergencies); consular@example.org']);
    const down = missionContacts([at(embassy, 'suspended')]);
    expect(down[0]).toMatch(/^All our embassies and consulates here are suspended or closed/);
    expect(down).toHaveLength(2);
  });
});

describe('reading missions from untrusted input', () => {
  const read = (value: unknown) => {
    const errors: FieldError[] = [];
    return { missions: readMissions(value, errors), errors };
  };
  const valid = { type: 'consulate', name: 'Consulate in Kazan', city: 'Kazan', status: 'suspended', statusSince: '2024-01-15' };

  it('fills defaults and makes an id from type and city', () => {
    expect(read([valid]).missions).toEqual([{
      id: 'consulate-kazan', type: 'consulate', name: 'Consulate in Kazan', city: 'Kazan', address: '', phones: [], email: '', hours: '',
      services: [], status: 'suspended', statusSince: '2024-01-15', statusNote: '', hostCountry: null,
    }]);
    expect(read([valid, valid]).missions!.map((m) => m.id)).toEqual(['consulate-kazan', 'consulate-kazan-2']);
  });

  const REFUSED: [string, unknown, string][] = [
    ['not a list', { type: 'embassy' }, 'missions'],
    ['an unknown type', [{ ...valid, type: 'mission' }], 'missions.0.type'],
    ['an unknown status', [{ ...valid, status: 'open' }], 'missions.0.status'],
    ['no city', [{ ...valid, city: ' ' }], 'missions.0.city'],
    ['no name', [{ ...valid, name: undefined }], 'missions.0.name'],
    ['a bad date', [{ ...valid, statusSince: '2024-02-30' }], 'missions.0.statusSince'],
    ['a bad e-mail', [{ ...valid, email: 'consulate at example' }], 'missions.0.email'],
    ['a phone with letters', [{ ...valid, phones: [{ label: 'Desk', number: 'call us' }] }], 'missions.0.phones.0.number'],
    ['emergency not a boolean', [{ ...valid, phones: [{ label: 'Desk', number: '+7 843 000', emergency: 'yes' }] }], 'missions.0.phones.0.emergency'],
    ['an interests section without its protecting power', [{ ...valid, type: 'interests-section' }], 'missions.0.hostCountry'],
    ['an unknown protecting power', [{ ...valid, type: 'interests-section', hostCountry: 'XX' }], 'missions.0.hostCountry'],
    ['an unknown field', [{ ...valid, fax: '1' }], 'missions.0.fax'],
    ['a twice-given id', [{ ...valid, id: 'kazan' }, { ...valid, id: 'kazan' }], 'missions.1.id'],
    ['a services entry that is not text', [{ ...valid, services: [1] }], 'missions.0.services.0'],
  ];
  it.each(REFUSED)('refuses %s', (_name, value, field) => {
    const { missions, errors } = read(value);
    expect(missions).toBeUndefined();
    expect(errors.map((e) => e.field)).toContain(field);
  });

  it('keeps an interests section\'s protecting power', () => {
    expect(read([{ ...valid, type: 'interests-section', hostCountry: 'ch' }]).missions![0]!.hostCountry).toBe('CH');
  });
});
