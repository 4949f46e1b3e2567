import { describe, expect, it } from 'vitest';
import type { AdvisoryContent } from './advisory.ts';
import { russia } from '../../test/fixtures/drafts.ts';
import {
  allowedActions, checkPublishAt, checkSubmission, decide, draftEtag, ifMatchVersion, isDue,
  planPublication, planReissue, sameContent,
  type DraftState, type DraftStatus, type WorkflowAction, type WorkflowActor,
} from './workflow.ts';

const AUTHOR = 1;
const OTHER_EDITOR = 2;
const REVIEWER = 3;
const ADMIN = 4;

const editor: WorkflowActor = { id: AUTHOR, role: 'editor' };
const reviewer: WorkflowActor = { id: REVIEWER, role: 'reviewer' };
const admin: WorkflowActor = { id: ADMIN, role: 'admin' };
const crisis: WorkflowActor = { id: 5, role: 'crisis' };
const scheduler: WorkflowActor = { id: null, role: 'system' };
const ON = { twoPersonRule: true };
const OFF = { twoPersonRule: false };

function draft(status: DraftStatus, authorId = AUTHOR, updatedBy = authorId): DraftState {
  return { status, authorId, updatedBy };
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
    const decision = decide(action, from === null ? null : draft(from, OTHER_EDITOR), actor, ON);
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

  it('the scheduler can do nothing but publish a scheduled draft', () => {
    for (const action of ['create', 'edit', 'submit', 'approve', 'return', 'schedule'] as const) {
      expect(decide(action, action === 'create' ? null : draft('submitted'), scheduler, ON).ok, action).toBe(false);
    }
  });
});

describe('two-person rule', () => {
  const reviewerAsAuthor = { id: REVIEWER, role: 'reviewer' } as const;

  it('on (the default): the author cannot approve their own draft', () => {
    const decision = decide('approve', draft('submitted', REVIEWER), reviewerAsAuthor, ON);
    expect(decision).toMatchObject({ ok: false, status: 403 });
    expect(!decision.ok && decision.reason).toMatch(/Two-person rule/);
  });

  it('on: whoever edited it last cannot approve it either', () => {
    expect(decide('approve', draft('submitted', AUTHOR, REVIEWER), reviewerAsAuthor, ON)).toMatchObject({ ok: false, status: 403 });
  });

  it('on: another reviewer can', () => {
    expect(decide('approve', draft('submitted', AUTHOR, OTHER_EDITOR), reviewer, ON)).toEqual({ ok: true, to: 'approved' });
  });

  it('off: the author may approve (small teams)', () => {
    expect(decide('approve', draft('submitted', REVIEWER), reviewerAsAuthor, OFF)).toEqual({ ok: true, to: 'approved' });
  });

  it('off does not let an editor approve', () => {
    expect(decide('approve', draft('submitted', AUTHOR), editor, OFF)).toMatchObject({ ok: false, status: 403 });
  });

  it('does not stop the author from publishing once someone else approved', () => {
    expect(decide('publish', draft('approved', REVIEWER), reviewerAsAuthor, ON)).toEqual({ ok: true, to: 'published' });
  });

  it('lists the buttons an actor gets', () => {
    expect(allowedActions(draft('submitted', AUTHOR), editor, ON)).toEqual(['edit']);
    expect(allowedActions(draft('submitted', AUTHOR), reviewer, ON)).toEqual(['edit', 'approve', 'return']);
    expect(allowedActions(draft('submitted', REVIEWER), reviewerAsAuthor, ON)).toEqual(['edit', 'return']);
    expect(allowedActions(draft('approved', AUTHOR), reviewer, ON)).toEqual(['return', 'schedule', 'publish']);
    expect(allowedActions(draft('draft', AUTHOR), crisis, ON)).toEqual([]);
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

  it('compares content in canonical form', () => {
    expect(sameContent(russia, { ...russia, indicators: ['O', 'D', 'U', 'T', 'C'], summary: `${russia.summary}  ` })).toBe(true);
  });
});

describe('publication', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const previous = { publishedAt: '2025-05-08T00:00:00Z', changeNote: 'Reissued with updates.' };

  it('a major change is published now with its note, notifies, and is urgent at Level 4', () => {
    expect(planPublication(russia, previous, now)).toEqual({
      changeType: 'major',
      changeNote: 'Added advice on conscription.',
      publishedAt: '2026-03-01T12:00:00.000Z',
      reviewedAt: '2026-03-01T12:00:00.000Z',
      nextReviewDue: '2026-09-01',
      notify: true,
      urgent: true,
    });
  });

  it('a minor change keeps the previous published date and public note, and notifies nobody', () => {
    const plan = planPublication({ ...russia, level: 2, departureUrged: false, changeType: 'minor', changeNote: 'typo' }, previous, now);
    expect(plan).toMatchObject({ changeType: 'minor', publishedAt: previous.publishedAt, changeNote: previous.changeNote, notify: false, urgent: false });
    expect(plan.reviewedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(plan.nextReviewDue).toBe('2027-03-01');
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
