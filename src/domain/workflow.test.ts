import { describe, expect, it } from 'vitest';
import type { AdvisoryContent } from './advisory.ts';
import { netherlands, russia } from '../../test/fixtures/drafts.ts';
import {
  allowedActions, approvalDigest, changedFields, changesContent, checkPublishAt, checkSubmission, decide, draftEtag, ifMatchVersion, isDue,
  pickContent, planPublication, planReissue, sameContent,
  type DraftFields, type DraftState, type DraftStatus, type PreviousPublication, type WorkflowAction, type WorkflowActor,
} from './workflow.ts';

const AUTHOR = 1;
const REVIEWER = 3;
const ADMIN = 4;

const editor: WorkflowActor = { id: AUTHOR, role: 'editor' };
const reviewer: WorkflowActor = { id: REVIEWER, role: 'reviewer' };
const admin: WorkflowActor = { id: ADMIN, role: 'admin' };
const crisis: WorkflowActor = { id: 5, role: 'crisis' };
const scheduler: WorkflowActor = { id: null, role: 'system' };
const ON = { twoPersonRule: true };
const OFF = { twoPersonRule: false };

/** A draft `AUTHOR` started; `contributors` changed its content (by default, the author alone). */
function draft(status: DraftStatus, contributors: number[] = [AUTHOR], authorId = AUTHOR, updatedBy = contributors.at(-1) ?? authorId): DraftState {
  return { status, authorId, updatedBy, contributors };
}

describe('workflow transitions', () => {
  // [action, from, actor, expected: target status or refusal status]
  const table: [WorkflowAction, DraftStatus | null, WorkflowActor, DraftStatus | 403 | 409][] = [
    ['create', null, editor, 'draft'],
    ['create', null, reviewer, 'draft'],
    ['create', null, admin, 'draft'],
    ['create', null, crisis, 403],
    ['create', 'draft', editor, 409],
    ['create', 'scheduled', reviewer, 409],

    ['edit', 'draft', editor, 'draft'],
    ['edit', 'submitted', editor, 'submitted'],
    ['edit', 'draft', crisis, 403],
    ['edit', 'approved', editor, 409],
    ['edit', 'scheduled', reviewer, 409],
    ['edit', 'published', admin, 409],

    ['submit', 'draft', editor, 'submitted'],
    ['submit', 'submitted', editor, 409],
    ['submit', 'approved', editor, 409],
    ['submit', 'draft', crisis, 403],
    ['submit', 'draft', reviewer, 403],
    ['submit', 'draft', admin, 403],
    ['submit', 'published', editor, 409],

    ['approve', 'submitted', reviewer, 'approved'],
    ['approve', 'submitted', admin, 'approved'],
    ['approve', 'submitted', editor, 403],
    ['approve', 'submitted', crisis, 403],
    ['approve', 'draft', reviewer, 409],
    ['approve', 'approved', reviewer, 409],
    ['approve', 'published', reviewer, 409],

    ['return', 'submitted', reviewer, 'draft'],
    ['return', 'approved', reviewer, 'draft'],
    ['return', 'scheduled', admin, 'draft'],
    ['return', 'draft', reviewer, 409],
    ['return', 'submitted', editor, 403],
    ['return', 'published', reviewer, 409],

    ['schedule', 'approved', reviewer, 'scheduled'],
    ['schedule', 'scheduled', reviewer, 'scheduled'],
    ['schedule', 'submitted', reviewer, 409],
    ['schedule', 'draft', admin, 409],
    ['schedule', 'approved', editor, 403],

    ['publish', 'approved', reviewer, 'published'],
    ['publish', 'scheduled', reviewer, 'published'],
    ['publish', 'approved', admin, 'published'],
    ['publish', 'submitted', reviewer, 409],
    ['publish', 'draft', reviewer, 409],
    ['publish', 'approved', editor, 403],
    ['publish', 'approved', crisis, 403],
    ['publish', 'published', reviewer, 409],
    ['publish', 'scheduled', scheduler, 'published'],
    ['publish', 'approved', scheduler, 403],
  ];

  it.each(table)('%s from %s by %o → %s', (action, from, actor, expected) => {
    const decision = decide(action, from === null ? null : draft(from), actor, ON);
    if (typeof expected === 'number') {
      expect(decision.ok).toBe(false);
      if (!decision.ok) {
        expect(decision.status).toBe(expected);
        expect(decision.reason.length).toBeGreaterThan(10);
      }
    } else {
      expect(decision).toEqual({ ok: true, to: expected });
    }
  });

  it('says why a published draft cannot change: published revisions are read-only', () => {
    const decision = decide('edit', draft('published'), editor, ON);
    expect(decision).toMatchObject({ ok: false, status: 409 });
    expect(!decision.ok && decision.reason).toMatch(/read-only/);
  });

  it('the scheduler can do nothing but publish a scheduled draft, or return it', () => {
    for (const action of ['create', 'edit', 'submit', 'approve', 'return', 'schedule'] as const) {
      expect(decide(action, action === 'create' ? null : draft('submitted'), scheduler, ON).ok, action).toBe(false);
    }
    for (const action of ['edit', 'submit', 'approve', 'schedule'] as const) expect(decide(action, draft('scheduled'), scheduler, ON).ok, action).toBe(false);
    expect(decide('return', draft('scheduled'), scheduler, ON)).toEqual({ ok: true, to: 'draft' });
    expect(decide('return', draft('approved'), scheduler, ON).ok).toBe(false);
  });
});

describe('contributors: the two-person rule is about content, not names', () => {
  const reviewer2: WorkflowActor = { id: 6, role: 'reviewer' };
  // [story, action, contributors, author, last saved by, actor, settings, expected]
  const table: [string, WorkflowAction, number[], number, number, WorkflowActor, typeof ON, DraftStatus | 403][] = [
    ['a contributor submits', 'submit', [AUTHOR], AUTHOR, AUTHOR, editor, ON, 'submitted'],
    ['a second contributor submits', 'submit', [AUTHOR, REVIEWER], AUTHOR, REVIEWER, reviewer, ON, 'submitted'],
    ['a reviewer submits an editor\'s work in progress they never touched', 'submit', [AUTHOR], AUTHOR, AUTHOR, reviewer, ON, 403],
    ['an admin submits work they never touched', 'submit', [AUTHOR], AUTHOR, AUTHOR, admin, ON, 403],
    ['the author who changed nothing submits', 'submit', [REVIEWER], AUTHOR, REVIEWER, editor, ON, 403],
    ['the author who changed nothing submits, rule off', 'submit', [REVIEWER], AUTHOR, REVIEWER, editor, OFF, 403],
    ['a reviewer who never changed the content approves', 'approve', [AUTHOR], AUTHOR, AUTHOR, reviewer, ON, 'approved'],
    ['a reviewer who rewrote it approves', 'approve', [AUTHOR, REVIEWER], AUTHOR, AUTHOR, reviewer, ON, 403],
    ['a reviewer who wrote it alone approves', 'approve', [REVIEWER], REVIEWER, REVIEWER, reviewer, ON, 403],
    ['an admin who changed a word approves', 'approve', [AUTHOR, ADMIN], AUTHOR, AUTHOR, admin, ON, 403],
    ['another reviewer approves the rewrite', 'approve', [AUTHOR, REVIEWER], AUTHOR, AUTHOR, reviewer2, ON, 'approved'],
    ['a reviewer who last saved only the change note approves', 'approve', [AUTHOR], AUTHOR, REVIEWER, reviewer, ON, 'approved'],
    ['a reviewer who started the draft but wrote none of it approves', 'approve', [AUTHOR], REVIEWER, AUTHOR, reviewer, ON, 'approved'],
    ['rule off: a contributing reviewer approves (small teams)', 'approve', [REVIEWER], REVIEWER, REVIEWER, reviewer, OFF, 'approved'],
    ['rule off: an editor still cannot approve', 'approve', [REVIEWER], REVIEWER, REVIEWER, editor, OFF, 403],
    ['a contributor publishes what someone else approved', 'publish', [REVIEWER], REVIEWER, REVIEWER, reviewer, ON, 'published'],
  ];

  it.each(table)('%s', (_story, action, contributors, authorId, updatedBy, actor, settings, expected) => {
    const status: DraftStatus = action === 'submit' ? 'draft' : action === 'approve' ? 'submitted' : 'approved';
    const decision = decide(action, draft(status, contributors, authorId, updatedBy), actor, settings);
    if (expected === 403) expect(decision).toMatchObject({ ok: false, status: 403 });
    else expect(decision).toEqual({ ok: true, to: expected });
  });

  it('says why', () => {
    expect(decide('submit', draft('draft', [AUTHOR]), reviewer, ON)).toEqual({
      ok: false, status: 403, reason: 'Only someone who wrote this draft can submit it: you have not changed its content.',
    });
    expect(decide('approve', draft('submitted', [AUTHOR, REVIEWER]), reviewer, ON)).toEqual({
      ok: false, status: 403, reason: 'Two-person rule: you changed this draft\'s content, so someone else must approve it.',
    });
  });

  it('a caller that has not loaded the contributors gets the author and the last editor in their place', () => {
    const named = { status: 'submitted' as const, authorId: AUTHOR, updatedBy: REVIEWER };
    expect(decide('approve', named, reviewer, ON)).toMatchObject({ ok: false, status: 403 });
    expect(decide('approve', named, { id: 6, role: 'reviewer' }, ON)).toEqual({ ok: true, to: 'approved' });
  });

  it('lists the buttons an actor gets', () => {
    expect(allowedActions(draft('draft'), editor, ON)).toEqual(['edit', 'submit']);
    expect(allowedActions(draft('draft'), reviewer, ON)).toEqual(['edit']);
    expect(allowedActions(draft('submitted'), editor, ON)).toEqual(['edit']);
    expect(allowedActions(draft('submitted'), reviewer, ON)).toEqual(['edit', 'approve', 'return']);
    expect(allowedActions(draft('submitted', [AUTHOR, REVIEWER]), reviewer, ON)).toEqual(['edit', 'return']);
    expect(allowedActions(draft('approved'), reviewer, ON)).toEqual(['return', 'schedule', 'publish']);
    expect(allowedActions(draft('draft'), crisis, ON)).toEqual([]);
  });

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

  it('checks the scheduled time', () => {
    expect(checkPublishAt('2026-03-01T13:00:00+01:00', now)).toMatchObject({ ok: false });
    expect(checkPublishAt('2026-03-01T12:01Z', now)).toEqual({ ok: true, at: '2026-03-01T12:01:00.000Z' });
    expect(checkPublishAt('2026-03-01T14:30:00+02:00', now)).toEqual({ ok: true, at: '2026-03-01T12:30:00.000Z' });
    expect(checkPublishAt('2026-03-01 14:30', now)).toMatchObject({ ok: false });
    expect(checkPublishAt('2028-01-01T00:00:00Z', now)).toMatchObject({ ok: false });
    expect(isDue('2026-03-01T12:00:00.000Z', now)).toBe(true);
    expect(isDue('2026-03-01T12:00:01.000Z', now)).toBe(false);
  });

  it('round-trips draft ETags through If-Match', () => {
    expect(ifMatchVersion(draftEtag(12, 3), 12)).toBe(3);
    expect(ifMatchVersion(`W/${draftEtag(12, 3)}`, 12)).toBe(3);
    expect(ifMatchVersion(draftEtag(11, 3), 12)).toBeNull();
    expect(ifMatchVersion('*', 12)).toBe('*');
    expect(ifMatchVersion('"nonsense"', 12)).toBeNull();
  });
});
