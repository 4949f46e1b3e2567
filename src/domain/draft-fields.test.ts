import { describe, expect, it } from 'vitest';
import type { AdvisoryContent } from './advisory.ts';
import { netherlands, russia } from '../../test/fixtures/drafts.ts';
import { approvalDigest, changedFields, changesContent, checkSubmission, sameContent, type DraftFields } from './draft-fields.ts';

describe('contributors and approval', () => {
  it('changing the content makes a contributor; the change type, note and review date do not', () => {
    const edited = (patch: Partial<DraftFields>) => changesContent(changedFields(russia, { ...russia, ...patch }));
    expect(edited({ level: 3 })).toBe(true);
    expect(edited({ sections: [] })).toBe(true);
    expect(edited({ departureUrged: false })).toBe(true);
    expect(edited({ changeNote: 'Rewritten note.' })).toBe(false);
    expect(edited({ changeType: 'minor', nextReviewDue: '2026-12-01' })).toBe(false);
  });

  it('approval pins the words approved: the digest ignores spelling-neutral differences and nothing else', () => {
    const digest = approvalDigest(russia);
    expect(approvalDigest({ ...russia, indicators: ['O', 'D', 'U', 'T', 'C'], summary: ` ${russia.summary} ` })).toBe(digest);
    for (const patch of [{ level: 3 as const }, { changeType: 'minor' as const }, { changeNote: 'Other note.' }, { nextReviewDue: '2026-12-01' }, { summary: 'Leave.' }]) {
      expect(approvalDigest({ ...russia, ...patch }), JSON.stringify(patch)).not.toBe(digest);
    }
  });
});

describe('submission', () => {
  const published: AdvisoryContent = { ...russia, summary: 'Do not travel to Russia.' };

  it('needs a change type', () => {
    expect(checkSubmission({ ...russia, changeType: null }, published).map((e) => e.field)).toEqual(['changeType']);
  });

  it('refuses a draft that changes nothing, pointing to reissue', () => {
    const errors = checkSubmission({ ...russia }, { ...russia });
    expect(errors[0]!.message).toMatch(/Reissue after review/);
  });

  it('the first advisory of a destination is a major change', () => {
    expect(checkSubmission({ ...russia, changeType: 'minor' }, null).map((e) => e.field)).toEqual(['changeType']);
    expect(checkSubmission(russia, null)).toEqual([]);
  });

  it('refuses "minor" for a change travellers must be told of, naming the fields and what changed (the Netherlands, 2 → 4, leave now)', () => {
    const errors = checkSubmission({ ...netherlands, level: 4, departureUrged: true, changeType: 'minor' }, netherlands);
    expect(errors).toEqual([
      { field: 'changeType', message: 'this change must be major because level raised from 2 to 4; citizens are now urged to leave' },
      { field: 'level', message: 'level raised from 2 to 4: travellers are always told of this' },
      { field: 'departureUrged', message: 'citizens are now urged to leave: travellers are always told of this' },
    ]);
  });

  it.each([
    ['the same change marked major', { level: 4 as const, departureUrged: true, changeType: 'major' as const }],
    ['a wording change marked minor', { summary: 'Exercise increased caution in the Netherlands.' }],
  ])('accepts %s', (_name, patch) => {
    expect(checkSubmission({ ...netherlands, ...patch }, netherlands)).toEqual([]);
  });

  it('compares content in canonical form', () => {
    expect(sameContent(russia, { ...russia, indicators: ['O', 'D', 'U', 'T', 'C'], summary: `${russia.summary}  ` })).toBe(true);
  });
});
