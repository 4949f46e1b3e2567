import { describe, expect, it } from 'vitest';
import {
  allowedActions, checkInput, checkPublishAt, contributorRefusal, decide, isDue,
  type DraftState, type DraftStatus, type WorkflowAction, type WorkflowActor,
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

/** A draft whose content `contributors` changed (by default, its author alone). */
function draft(status: DraftStatus, contributors: number[] = [AUTHOR]): DraftState {
  return { status, contributors };
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
    // Approval pins a version: changing it sends the draft back to review.
    ['edit', 'approved', editor, 'submitted'],
    ['edit', 'scheduled', reviewer, 'submitted'],
    ['edit', 'approved', crisis, 403],
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
  // [story, action, contributors, actor, settings, expected]. Who started the draft or saved it
  // last does not count: only who changed what it says (the stories name them for the reader).
  const table: [string, WorkflowAction, number[], WorkflowActor, typeof ON, DraftStatus | 403][] = [
    ['a contributor submits', 'submit', [AUTHOR], editor, ON, 'submitted'],
    ['a second contributor submits', 'submit', [AUTHOR, REVIEWER], reviewer, ON, 'submitted'],
    ['a reviewer submits an editor\'s work in progress they never touched', 'submit', [AUTHOR], reviewer, ON, 403],
    ['an admin submits work they never touched', 'submit', [AUTHOR], admin, ON, 403],
    ['the author who changed nothing submits', 'submit', [REVIEWER], editor, ON, 403],
    ['the author who changed nothing submits, rule off', 'submit', [REVIEWER], editor, OFF, 403],
    ['a reviewer who never changed the content approves', 'approve', [AUTHOR], reviewer, ON, 'approved'],
    ['a reviewer who rewrote it approves', 'approve', [AUTHOR, REVIEWER], reviewer, ON, 403],
    ['a reviewer who wrote it alone approves', 'approve', [REVIEWER], reviewer, ON, 403],
    ['an admin who changed a word approves', 'approve', [AUTHOR, ADMIN], admin, ON, 403],
    ['another reviewer approves the rewrite', 'approve', [AUTHOR, REVIEWER], reviewer2, ON, 'approved'],
    ['a reviewer who last saved only the change note approves', 'approve', [AUTHOR], reviewer, ON, 'approved'],
    ['a reviewer who started the draft but wrote none of it approves', 'approve', [AUTHOR], reviewer, ON, 'approved'],
    ['rule off: a contributing reviewer approves (small teams)', 'approve', [REVIEWER], reviewer, OFF, 'approved'],
    ['rule off: an editor still cannot approve', 'approve', [REVIEWER], editor, OFF, 403],
    ['a contributor publishes what someone else approved', 'publish', [REVIEWER], reviewer, ON, 'published'],
  ];

  it.each(table)('%s', (_story, action, contributors, actor, settings, expected) => {
    const status: DraftStatus = action === 'submit' ? 'draft' : action === 'approve' ? 'submitted' : 'approved';
    const decision = decide(action, draft(status, contributors), actor, settings);
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

  it('says why where the button would be: only for the contributor rules, not for a role or a state', () => {
    expect(contributorRefusal('submit', draft('draft', [AUTHOR]), reviewer, ON)).toBe('Only someone who wrote this draft can submit it: you have not changed its content.');
    expect(contributorRefusal('approve', draft('submitted', [REVIEWER]), reviewer, ON)).toMatch(/^Two-person rule/);
    expect(contributorRefusal('approve', draft('submitted', [REVIEWER]), reviewer, OFF)).toBeNull();
    expect(contributorRefusal('approve', draft('submitted', [REVIEWER]), editor, ON)).toBeNull();
    expect(contributorRefusal('approve', draft('draft', [REVIEWER]), reviewer, ON)).toBeNull();
    expect(contributorRefusal('submit', draft('draft', [AUTHOR]), editor, ON)).toBeNull();
  });

  it('lists the buttons an actor gets', () => {
    expect(allowedActions(draft('draft'), editor, ON)).toEqual(['edit', 'submit']);
    expect(allowedActions(draft('draft'), reviewer, ON)).toEqual(['edit']);
    expect(allowedActions(draft('submitted'), editor, ON)).toEqual(['edit']);
    expect(allowedActions(draft('submitted'), reviewer, ON)).toEqual(['edit', 'approve', 'return']);
    expect(allowedActions(draft('submitted', [AUTHOR, REVIEWER]), reviewer, ON)).toEqual(['edit', 'return']);
    expect(allowedActions(draft('approved'), reviewer, ON)).toEqual(['edit', 'return', 'schedule', 'publish']);
    expect(allowedActions(draft('draft'), crisis, ON)).toEqual([]);
  });
});

describe('what an action needs from the one taking it', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('a return needs a comment saying what to change, within the limit; its line ends are normalised', () => {
    expect(checkInput('return', { comment: '  Name the regions.\r\nAnd the dates.  ' }, now)).toEqual({ ok: true, comment: 'Name the regions.\nAnd the dates.', publishAt: null });
    for (const comment of [undefined, '', '   ', 5, null]) {
      expect(checkInput('return', { comment }, now), String(comment)).toEqual({
        ok: false, reason: 'Say why the draft goes back: a comment is required.', errors: [{ field: 'comment', message: 'is required: say what to change' }],
      });
    }
    expect(checkInput('return', { comment: 'x'.repeat(2001) }, now)).toEqual({
      ok: false, reason: 'The comment is too long (at most 2000 characters).', errors: [{ field: 'comment', message: 'is too long' }],
    });
  });

  it('a schedule needs a time in the future, returned in UTC', () => {
    expect(checkInput('schedule', { publishAt: '2026-03-01T14:30:00+02:00' }, now)).toEqual({ ok: true, comment: null, publishAt: '2026-03-01T12:30:00.000Z' });
    expect(checkInput('schedule', { publishAt: '2026-03-01T11:00:00Z' }, now)).toEqual({
      ok: false, reason: 'publishAt must be in the future (to publish now, leave it out)',
      errors: [{ field: 'publishAt', message: 'publishAt must be in the future (to publish now, leave it out)' }],
    });
  });

  it('other actions need nothing, and ignore what they were given', () => {
    for (const action of ['submit', 'approve', 'publish', 'edit'] as const) {
      expect(checkInput(action, { comment: 'ignored', publishAt: 'nonsense' }, now), action).toEqual({ ok: true, comment: null, publishAt: null });
    }
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
});
