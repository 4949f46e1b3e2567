import { describe, expect, it } from 'vitest';
import { netherlands, russia } from '../../test/fixtures/drafts.ts';
import { pickContent, type DraftFields } from './draft-fields.ts';
import { planPublication, planReissue, type PreviousPublication } from './workflow.ts';

/** What publishing produces: the change type derived against the revision current then, dates, notes, who is told. */
describe('publication', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const publishedOn = (content: DraftFields): PreviousPublication => ({ ...pickContent(content), publishedAt: '2024-08-09T00:00:00Z', changeNote: 'Reissued with updates.' });
  const previous = publishedOn(russia);
  const dutch = publishedOn(netherlands);
  const wording = { ...netherlands, summary: 'Exercise increased caution in the Netherlands.' };

  it('a major change is published now with its note, notifies, and is urgent at Level 4', () => {
    expect(planPublication({ ...russia, summary: 'Leave Russia now.' }, previous, now)).toEqual({
      changeType: 'major',
      changeNote: 'Added advice on conscription.',
      publishedAt: '2026-03-01T12:00:00.000Z',
      reviewedAt: '2026-03-01T12:00:00.000Z',
      nextReviewDue: '2026-09-01',
      notify: true,
      urgent: true,
      mandatoryChanges: [],
      changeTypeDerived: false,
    });
  });

  it('a minor change keeps the previous published date and public note, and notifies nobody', () => {
    const plan = planPublication(wording, dutch, now);
    expect(plan).toMatchObject({ changeType: 'minor', publishedAt: dutch.publishedAt, changeNote: dutch.changeNote, notify: false, urgent: false, changeTypeDerived: false });
    expect(plan.reviewedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(plan.nextReviewDue).toBe('2027-03-01');
  });

  it('a draft marked minor that raises the Netherlands to Level 4 and urges departure is published major, never silently', () => {
    const plan = planPublication({ ...netherlands, level: 4, departureUrged: true, changeNote: '' }, dutch, now);
    expect(plan).toMatchObject({
      changeType: 'major', changeTypeDerived: true, notify: true, urgent: true, publishedAt: '2026-03-01T12:00:00.000Z',
      changeNote: 'Level raised from 2 to 4; citizens are now urged to leave.',
    });
    expect(plan.mandatoryChanges.map((c) => c.field)).toEqual(['level', 'departureUrged']);
    // The draft's own note, when it has one, is the public note.
    expect(planPublication({ ...netherlands, level: 4, departureUrged: true }, dutch, now).changeNote).toBe('Wording.');
  });

  // [change, chosen type, revision current at publication (null: none yet), expected type, derived]
  const table: [string, Partial<DraftFields>, PreviousPublication | null, 'major' | 'minor', boolean][] = [
    ['wording, minor', { summary: 'Exercise caution.' }, dutch, 'minor', false],
    ['wording, major', { summary: 'Exercise caution.', changeType: 'major' }, dutch, 'major', false],
    ['level lowered, minor', { level: 1 }, dutch, 'major', true],
    ['indicator added, minor', { indicators: ['T', 'U'] }, dutch, 'major', true],
    ['region added, minor', { regions: [{ name: 'Amsterdam', code: 'NL-NH', level: 3, indicators: ['T'], summary: '' }] }, dutch, 'major', true],
    ['first advisory of a destination, minor', {}, null, 'major', true],
    // Derived against what is current when it is published: the draft did not change, the advisory did.
    ['Level 4 and leave now, minor, over a Level 4 revision', { level: 4, departureUrged: true }, publishedOn({ ...netherlands, level: 4, departureUrged: true }), 'minor', false],
    ['Level 4 and leave now, minor, over a Level 2 revision imported since', { level: 4, departureUrged: true }, dutch, 'major', true],
  ];

  it.each(table)('%s → %s', (_name, patch, current, changeType, derived) => {
    const plan = planPublication({ ...netherlands, ...patch }, current, now);
    expect(plan).toMatchObject({ changeType, changeTypeDerived: derived, notify: changeType === 'major' });
  });

  it('keeps the next review date the editor chose', () => {
    expect(planPublication({ ...russia, nextReviewDue: '2026-04-15' }, previous, now).nextReviewDue).toBe('2026-04-15');
  });

  it('a Level 4 area of a Level 3 destination is urgent; a Level 3 area is not', () => {
    const area = (level: 3 | 4) => [{ name: 'The border', level, indicators: [], summary: 'Fighting.' }];
    expect(planPublication({ ...russia, level: 3, departureUrged: false, regions: area(4) }, previous, now).urgent).toBe(true);
    expect(planPublication({ ...russia, level: 2, departureUrged: false, regions: area(3) }, previous, now).urgent).toBe(false);
  });

  it('departure urged is urgent even below Level 4', () => {
    expect(planPublication({ ...russia, level: 3 }, previous, now).urgent).toBe(true);
  });

  it('reissue after review moves only the review dates', () => {
    expect(planReissue({ ...previous, level: 4 }, now, null)).toEqual({
      changeType: 'minor',
      changeNote: previous.changeNote,
      publishedAt: previous.publishedAt,
      reviewedAt: '2026-03-01T12:00:00.000Z',
      nextReviewDue: '2026-09-01',
      notify: false,
      urgent: false,
      mandatoryChanges: [],
      changeTypeDerived: false,
    });
    expect(planReissue({ ...previous, level: 1 }, now, '2026-06-30').nextReviewDue).toBe('2026-06-30');
  });
});
