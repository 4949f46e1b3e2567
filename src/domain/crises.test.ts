import { describe, expect, it } from 'vitest';
import { validateCrisis, validateCrisisSettings, validateDetails } from './crisis-input.ts';
import { crisisScope, exerciseLabel, latestAnswer, parseAnswer, personState, tally, tripInScope, type CrisisAnswer, type ScopeTrip } from './crises.ts';
import type { RegionResolver } from './places.ts';

const NOW = new Date('2026-11-23T12:00:00Z');

describe('who is in a crisis\'s scope', () => {
  // Unrest in Moscow (RU-MOW) since 20 November, plus all of Belarus; today is 23 November.
  const equivalents = (country: string, region: string) => (country === 'RU' && region === 'RU-MOW' ? ['RU-MOW', 'Moscow'] : [region]);
  const scope = crisisScope({ destinations: ['RU', 'BY'], regions: ['RU-MOW'], regionDestinations: ['RU'], startedAt: '2026-11-20T06:00:00.000Z' }, NOW, equivalents);
  const trip = (overrides: Partial<ScopeTrip>): ScopeTrip => ({ destination: 'RU', region: 'RU-MOW', start: '2026-11-01', end: '2026-12-01', cancelled: false, ...overrides });
  const CASES: [string, Partial<ScopeTrip>, boolean][] = [
    ['in Moscow throughout', {}, true],
    ['Moscow by its name', { region: 'moscow' }, true],
    ['somewhere in Russia (no region)', { region: null }, true],
    ['St Petersburg', { region: 'RU-SPE' }, false],
    ['anywhere in Belarus (no region named there)', { destination: 'BY', region: 'BY-HM' }, true],
    ['France', { destination: 'FR', region: null }, false],
    ['a resident (no end date) since 2019', { start: '2019-05-01', end: null }, true],
    ['left the day the crisis began', { end: '2026-11-20' }, true],
    ['left the day before it began', { end: '2026-11-19' }, false],
    ['arrives today', { start: '2026-11-23' }, true],
    ['arrives tomorrow', { start: '2026-11-24' }, false],
    ['a cancelled trip', { cancelled: true }, false],
  ];
  it.each(CASES)('%s → %s', (_name, overrides, expected) => {
    expect(tripInScope(scope, trip(overrides))).toBe(expected);
  });

  it('without regions, every trip to a destination counts whatever region it names', () => {
    const whole = crisisScope({ destinations: ['RU'], regions: [], regionDestinations: [], startedAt: '2026-11-20T06:00:00.000Z' }, NOW, equivalents);
    expect(tripInScope(whole, trip({ region: 'RU-SPE' }))).toBe(true);
    expect(whole.fromDay).toBe('2026-11-20');
    expect(whole.toDay).toBe('2026-11-23');
  });
});

describe('reading an answer', () => {
  const CASES: [unknown, CrisisAnswer | null][] = [
    ['1', 'safe'], ['SAFE', 'safe'], [' safe ', 'safe'], ['1 all fine here', 'safe'], ['Safe!', 'safe'],
    ['2', 'need_help'], ['HELP', 'need_help'], ['need help', 'need_help'], ['Need_help', 'need_help'], ['SOS', 'need_help'],
    ['3', 'left'], ['LEFT', 'left'], ['left yesterday', 'left'],
    ['SAUF', 'safe'], ['sûr', 'safe'], ['AIDE', 'need_help'], ['besoin d\'aide', 'need_help'], ['Parti hier', 'left'], ['partie', 'left'],
    ['١', 'safe'], ['٢', 'need_help'], ['३', 'left'], ['３', 'left'], ['২', 'need_help'],
    ['4', null], ['12', null], ['', null], ['maybe', null], ['unsafe', null], [2, null], [null, null], ['constructor', null], ['__proto__', null],
  ];
  it.each(CASES)('%j → %s', (text, expected) => {
    expect(parseAnswer(text)).toBe(expected);
  });
});

describe('latest answer wins; no answer and undeliverable', () => {
  it('the highest id is the answer that counts, whatever order they are read in', () => {
    const answers = [{ id: 7, answer: 'need_help' as const }, { id: 9, answer: 'safe' as const }, { id: 3, answer: 'left' as const }];
    expect(latestAnswer(answers)?.answer).toBe('safe');
    expect(latestAnswer([])).toBeNull();
  });
  const STATES: [CrisisAnswer | null, boolean, string][] = [
    ['safe', true, 'safe'], ['need_help', false, 'need_help'], ['left', true, 'left'],
    [null, true, 'no_answer'], [null, false, 'undeliverable'],
  ];
  it.each(STATES)('answer %s, reachable %s → %s', (answer, reachable, state) => {
    expect(personState(answer, reachable)).toBe(state);
  });
  it('counts carry every API name, 0 when none', () => {
    expect(tally([{ state: 'need_help', n: 2 }, { state: 'no_answer', n: 5 }])).toEqual({ safe: 0, needHelp: 2, left: 0, noAnswer: 5, undeliverable: 0 });
  });
});

describe('exercise labelling', () => {
  it('an exercise says EXERCISE first; an actual crisis says nothing extra', () => {
    expect(exerciseLabel(true, 'Are you safe? – Unrest in Moscow')).toBe('EXERCISE – Are you safe? – Unrest in Moscow');
    expect(exerciseLabel(false, 'Are you safe? – Unrest in Moscow')).toBe('Are you safe? – Unrest in Moscow');
  });
});

describe('what a crisis may say', () => {
  const resolveRegion: RegionResolver = (destinations, region) =>
    region.toUpperCase() === 'RU-MOW' && destinations.includes('RU') ? { ok: true, region: 'RU-MOW', destination: 'RU' } : { ok: false, reason: `unknown region "${region}"` };
  const check = (input: unknown) => validateCrisis(input, { now: NOW, resolveRegion });

  it('title, destinations and regions as the API sends them; defaults for the rest', () => {
    const result = check({ title: '  Unrest   in Moscow ', destinations: ['rus'], regions: ['ru-mow'] });
    expect(result).toEqual({ ok: true, crisis: {
      title: 'Unrest in Moscow', destinations: ['RU'], regions: ['RU-MOW'], regionDestinations: ['RU'], areaDesc: 'RU-MOW, Russia', startedAt: NOW.toISOString(), exercise: false, alertId: null, advisory: null,
      followUpEveryMinutes: null, escalateAfterMinutes: null, polygon: null, circle: null,
    } });
  });

  it('an exercise, a start in the past, a linked alert and advisory', () => {
    const result = check({ title: 'Drill', destinations: ['RU'], exercise: 'on', startedAt: '2026-11-22T08:00:00+03:00', alertId: '12', advisory: 'ru' });
    expect(result.ok && result.crisis).toMatchObject({ exercise: true, startedAt: '2026-11-22T05:00:00.000Z', alertId: 12, advisory: 'RU' });
  });

  it('a follow-up interval, an escalation delay and a drawn area', () => {
    const result = check({ title: 'T', destinations: ['RU'], followUpEveryHours: 6, escalateAfterHours: '24', area: { polygon: ' 55.9,37.3  55.9,37.9 55.5,37.9 55.9,37.3', circle: '55.75,37.62 30' } });
    expect(result.ok && result.crisis).toMatchObject({ followUpEveryMinutes: 360, escalateAfterMinutes: 1440, polygon: '55.9,37.3 55.9,37.9 55.5,37.9 55.9,37.3', circle: '55.75,37.62 30' });
  });

  const REFUSED: [string, Record<string, unknown>, string][] = [
    ['no title', { destinations: ['RU'] }, 'title'],
    ['a title with a control character', { title: 'a\u0007b', destinations: ['RU'] }, 'title'],
    ['a title too long', { title: 'x'.repeat(161), destinations: ['RU'] }, 'title'],
    ['a number as title', { title: 5, destinations: ['RU'] }, 'title'],
    ['no destination', { title: 'T', destinations: [] }, 'destinations'],
    ['an unknown destination', { title: 'T', destinations: ['XX'] }, 'destinations.0'],
    ['an unknown region', { title: 'T', destinations: ['RU'], regions: ['Atlantis'] }, 'regions.0'],
    ['a start in the future', { title: 'T', destinations: ['RU'], startedAt: '2026-11-25T00:00:00Z' }, 'startedAt'],
    ['a start without a zone', { title: 'T', destinations: ['RU'], startedAt: '2026-11-22T00:00:00' }, 'startedAt'],
    ['exercise as a word', { title: 'T', destinations: ['RU'], exercise: 'maybe' }, 'exercise'],
    ['an alert id that is not one', { title: 'T', destinations: ['RU'], alertId: -3 }, 'alertId'],
    ['an advisory of another destination', { title: 'T', destinations: ['RU'], advisory: 'FR' }, 'advisory'],
    ['a follow-up every 5 minutes', { title: 'T', destinations: ['RU'], followUpEveryHours: 1 / 12 }, 'followUpEveryHours'],
    ['an escalation as text', { title: 'T', destinations: ['RU'], escalateAfterHours: 'soon' }, 'escalateAfterHours'],
    ['an open polygon', { title: 'T', destinations: ['RU'], area: { polygon: '1,1 2,2 3,1 1,2' } }, 'area.polygon'],
    ['a circle without a radius', { title: 'T', destinations: ['RU'], area: { circle: '55,37' } }, 'area.circle'],
    ['an area as text', { title: 'T', destinations: ['RU'], area: 'Moscow' }, 'area'],
  ];
  it.each(REFUSED)('%s is refused, naming the field', (_name, input, field) => {
    const result = check(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toContain(field);
  });
});

describe('what may change after declaring', () => {
  it.each([
    [{ followUpEveryHours: 2 }, { followUpEveryMinutes: 120 }],
    [{ escalateAfterHours: null }, { escalateAfterMinutes: null }],
    [{ followUpEveryHours: '', escalateAfterHours: 12 }, { followUpEveryMinutes: null, escalateAfterMinutes: 720 }],
  ])('%j', (input, settings) => {
    expect(validateCrisisSettings(input)).toEqual({ ok: true, settings });
  });
  it.each([[{}, 'followUpEveryHours'], [{ title: 'New' }, 'title'], [{ followUpEveryHours: 0 }, 'followUpEveryHours'], [[], 'followUpEveryHours']])('refuses %j', (input, field) => {
    const result = validateCrisisSettings(input);
    expect(!result.ok && result.errors.map((e) => e.field)).toContain(field);
  });
});

describe('the optional details after an answer', () => {
  it('location, party size and note; each optional, at least one', () => {
    expect(validateDetails({ location: ' Hotel Metropol ', partySize: '3', note: 'Two children.\nNo passports.' }))
      .toEqual({ ok: true, details: { location: 'Hotel Metropol', partySize: 3, note: 'Two children.\nNo passports.' } });
    expect(validateDetails({ partySize: 1 })).toEqual({ ok: true, details: { location: null, partySize: 1, note: null } });
    expect(validateDetails({ location: ' ', note: '' }).ok).toBe(false);
  });
  const REFUSED: [Record<string, unknown>, string][] = [
    [{ partySize: '0' }, 'partySize'], [{ partySize: '2.5' }, 'partySize'], [{ partySize: '501' }, 'partySize'], [{ partySize: 'many' }, 'partySize'],
    [{ location: 'x'.repeat(201) }, 'location'], [{ location: 'a\nb' }, 'location'], [{ note: 'bell\u0007' }, 'note'], [{ note: ['a', 'b'] }, 'note'],
  ];
  it.each(REFUSED)('%j is refused on %s', (input, field) => {
    const result = validateDetails(input);
    expect(!result.ok && result.errors[0]!.field).toBe(field);
  });
});
