import { defaultNextReviewDue, isUrgentContent, type AdvisoryContent, type ChangeType } from './advisory.ts';
import { describeChanges, mandatoryChanges, type MandatoryChange } from './change-type.ts';
import type { DraftFields, FieldError } from './draft-fields.ts';
import { LIMITS } from './draft-input.ts';
import type { Level } from './levels.ts';
import { can, type Permission, type StaffRole } from './roles.ts';

/**
 * The editorial workflow as plain rules (no I/O): who may do what to a draft in which state, what
 * each step needs from the one taking it, and what publishing produces. The publishing service
 * (src/publishing) applies these rules for both the console and the staff API, so there is one
 * implementation; the console asks `decide` too before it offers a button or a form.
 *
 * The two-person rule is about content, not names: whoever changed what the advisory says since the
 * draft began is a contributor; only a contributor may submit it, and no contributor may approve it.
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published
 *     ▲                  │   ▲                 │  └──schedule──▶ scheduled ──publish──▶ published
 *     │                  │   └──edit (back to review: the approval was of another version)──┘
 *     └────return (with a comment)─────────────┴──────────────────┘
 */

export const OPEN_STATUSES = ['draft', 'submitted', 'approved', 'scheduled'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];
export type DraftStatus = OpenStatus | 'published';

export type WorkflowAction = 'create' | 'edit' | 'submit' | 'approve' | 'return' | 'schedule' | 'publish';

/** What the rules need to know about a draft. */
export interface DraftState {
  status: DraftStatus;
  /**
   * Everyone who changed the draft's content (draft-fields.ts `CONTENT_FIELDS`) since its base
   * revision: the draft's author or last editor is not one unless they changed what it says.
   */
  contributors: readonly number[];
}

/** A staff member, or the scheduler (`system`), acting on a draft. */
export interface WorkflowActor {
  id: number | null;
  role: StaffRole | 'system';
}

export interface WorkflowSettings {
  /** On by default: no contributor to a draft's content can approve it. */
  twoPersonRule: boolean;
}

export type Decision =
  | { ok: true; to: DraftStatus }
  | { ok: false; status: 403 | 409; reason: string };

interface Rule {
  from: readonly (DraftStatus | null)[];
  to: DraftStatus | 'same';
  permission: Permission;
  who: string;
  /** What the one taking the action must give (`checkInput`): a return says why, a schedule says when. */
  needs?: 'comment' | 'publishAt';
}

const RULES: Record<WorkflowAction, Rule> = {
  create: { from: [null], to: 'draft', permission: 'edit', who: 'Editors, reviewers and admins can start drafts' },
  edit: { from: ['draft', 'submitted', 'approved', 'scheduled'], to: 'same', permission: 'edit', who: 'Editors, reviewers and admins can edit drafts' },
  submit: { from: ['draft'], to: 'submitted', permission: 'edit', who: 'Editors, reviewers and admins can submit drafts' },
  approve: { from: ['submitted'], to: 'approved', permission: 'review', who: 'Only reviewers and admins can approve drafts' },
  return: { from: ['submitted', 'approved', 'scheduled'], to: 'draft', permission: 'review', who: 'Only reviewers and admins can return drafts', needs: 'comment' },
  schedule: { from: ['approved', 'scheduled'], to: 'scheduled', permission: 'review', who: 'Only reviewers and admins can schedule publication', needs: 'publishAt' },
  publish: { from: ['approved', 'scheduled'], to: 'published', permission: 'review', who: 'Only reviewers and admins can publish' },
};

const STATE_REFUSALS: Partial<Record<WorkflowAction, Partial<Record<DraftStatus, string>>>> = {
  submit: {
    submitted: 'This draft is already submitted for review.',
    approved: 'This draft is already approved.',
    scheduled: 'This draft is already approved and scheduled.',
  },
  approve: {
    draft: 'Only a submitted draft can be approved: it has not been submitted yet.',
    approved: 'This draft is already approved.',
    scheduled: 'This draft is already approved and scheduled.',
  },
  return: { draft: 'This draft is not submitted, so there is nothing to return.' },
  schedule: {
    draft: 'Only an approved draft can be scheduled: submit it and have it approved first.',
    submitted: 'Only an approved draft can be scheduled: it is waiting for approval.',
  },
  publish: {
    draft: 'Only an approved draft can be published: submit it and have it approved first.',
    submitted: 'Only an approved draft can be published: it is waiting for approval.',
  },
};

/**
 * Decides whether `actor` may take `action` on a draft (null = no open draft yet, for `create`).
 * Refusals say why: 403 for who you are, 409 for the state the draft is in.
 */
export function decide(action: WorkflowAction, draft: DraftState | null, actor: WorkflowActor, settings: WorkflowSettings): Decision {
  const rule = RULES[action];
  // The scheduler may do two things: publish what a reviewer scheduled, or hand it back when it
  // cannot be published as approved (src/publishing/scheduler.ts).
  const system = actor.role === 'system' && (action === 'publish' || action === 'return') && draft?.status === 'scheduled';
  if (!system && !can(actor.role, rule.permission)) return { ok: false, status: 403, reason: `${rule.who}.` };
  if (action === 'create' && draft) return { ok: false, status: 409, reason: 'This destination already has an open draft: continue that one.' };
  if (draft?.status === 'published') {
    return { ok: false, status: 409, reason: 'This draft has been published, and published revisions are read-only: start a new draft to change the advisory.' };
  }
  const status = draft?.status ?? null;
  if (!rule.from.includes(status)) {
    const reason = (status && STATE_REFUSALS[action]?.[status]) ?? `A draft that is ${status} cannot be sent to ${action}.`;
    return { ok: false, status: 409, reason };
  }
  const contributed = draft !== null && actor.id !== null && draft.contributors.includes(actor.id);
  // Submitting says "these are my words, ready for review": someone who never changed them cannot.
  if (action === 'submit' && !contributed) {
    return { ok: false, status: 403, reason: 'Only someone who wrote this draft can submit it: you have not changed its content.' };
  }
  if (action === 'approve' && settings.twoPersonRule && contributed) {
    return { ok: false, status: 403, reason: 'Two-person rule: you changed this draft\'s content, so someone else must approve it.' };
  }
  // An approval is of one version: editing an approved or scheduled draft sends it back to review.
  if (action === 'edit' && (status === 'approved' || status === 'scheduled')) return { ok: true, to: 'submitted' };
  return { ok: true, to: rule.to === 'same' ? (status as DraftStatus) : rule.to };
}

/** The actions `actor` could take on the draft now (buttons to show). */
export function allowedActions(draft: DraftState, actor: WorkflowActor, settings: WorkflowSettings): WorkflowAction[] {
  const actions: WorkflowAction[] = ['edit', 'submit', 'approve', 'return', 'schedule', 'publish'];
  return actions.filter((action) => decide(action, draft, actor, settings).ok);
}

/**
 * Why `actor` may not take `action` although their role allows it and the draft is in the state
 * for it: the contributor rules (only a contributor submits, no contributor approves). Null when
 * nothing stands in the way, or something else does. The console shows it where the button would be.
 */
export function contributorRefusal(action: WorkflowAction, draft: DraftState, actor: WorkflowActor, settings: WorkflowSettings): string | null {
  const decision = decide(action, draft, actor, settings);
  return !decision.ok && decision.status === 403 && can(actor.role, RULES[action].permission) ? decision.reason : null;
}

/** What the one taking an action gave with it, as received (form or JSON). */
export interface ActionInput {
  comment?: unknown;
  publishAt?: unknown;
}

export type CheckedInput =
  | { ok: true; comment: string | null; publishAt: string | null }
  | { ok: false; reason: string; errors: FieldError[] };

/**
 * Checks what an action needs from the one taking it (`Rule.needs`): a return needs a comment
 * saying what to change (shown to the editor), a schedule a time. Anything an action does not need
 * is ignored. Refusals name the field.
 */
export function checkInput(action: WorkflowAction, input: ActionInput, now: Date): CheckedInput {
  const needs = RULES[action].needs;
  if (needs === 'comment') {
    const comment = typeof input.comment === 'string' ? input.comment.replace(/\r\n?/g, '\n').trim() : '';
    if (!comment) return { ok: false, reason: 'Say why the draft goes back: a comment is required.', errors: [{ field: 'comment', message: 'is required: say what to change' }] };
    if (comment.length > LIMITS.comment) return { ok: false, reason: `The comment is too long (at most ${LIMITS.comment} characters).`, errors: [{ field: 'comment', message: 'is too long' }] };
    return { ok: true, comment, publishAt: null };
  }
  if (needs === 'publishAt') {
    const checked = checkPublishAt(input.publishAt, now);
    if (!checked.ok) return { ok: false, reason: checked.message, errors: [{ field: 'publishAt', message: checked.message }] };
    return { ok: true, comment: null, publishAt: checked.at };
  }
  return { ok: true, comment: null, publishAt: null };
}

/** Checks a requested publication time: RFC 3339 with a zone, in the future, within a year. Returns it in UTC. */
export function checkPublishAt(value: unknown, now: Date): { ok: true; at: string } | { ok: false; message: string } {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value.trim())) {
    return { ok: false, message: 'publishAt must be a date and time with a zone, like 2026-05-01T09:00:00Z' };
  }
  const at = new Date(value.trim());
  if (Number.isNaN(at.getTime())) return { ok: false, message: 'publishAt is not a real date and time' };
  if (at.getTime() <= now.getTime()) return { ok: false, message: 'publishAt must be in the future (to publish now, leave it out)' };
  if (at.getTime() > now.getTime() + 366 * 86_400_000) return { ok: false, message: 'publishAt must be within a year' };
  return { ok: true, at: at.toISOString() };
}

/** Whether a scheduled draft is due. */
export function isDue(publishAt: string | null, now: Date): boolean {
  return publishAt !== null && new Date(publishAt).getTime() <= now.getTime();
}

// ---- Publishing ----

/** The dates, note and notification a publication gets. */
export interface PublicationPlan {
  changeType: ChangeType;
  changeNote: string;
  publishedAt: string;
  reviewedAt: string;
  nextReviewDue: string;
  /** A major change notifies (one `advisory.published` event); a minor one and a reissue notify nobody. */
  notify: boolean;
  /** Departure urged or Level 4 (the destination or an area of it): the notifications go out first. */
  urgent: boolean;
  /** The changes against the current revision that make this publication major whatever was chosen. */
  mandatoryChanges: MandatoryChange[];
  /** The draft said minor; what changed made it major. */
  changeTypeDerived: boolean;
}

export interface PublishedSummary {
  publishedAt: string;
  changeNote: string;
}

/** The revision a publication replaces: what it said, when it was published and its public note. */
export interface PreviousPublication extends AdvisoryContent, PublishedSummary {}

/**
 * Major: published now, with its public change note, and notifies. Minor (typo, wording): keeps
 * the previous published date and public change note, and notifies nobody. Both are reviewed now;
 * the next review is the draft's date or the default cycle for the level.
 *
 * The change type is derived against `previous`, the revision current at the moment of publishing
 * (it may have changed since the draft was submitted): a draft marked minor that changes the level,
 * the departure directive, the indicators or a region is published as major, never silently. Its
 * change note is then the draft's own, or one written from what changed.
 */
export function planPublication(fields: DraftFields, previous: PreviousPublication | null, now: Date): PublicationPlan {
  const at = now.toISOString();
  const changes = mandatoryChanges(previous, fields);
  const minor = fields.changeType === 'minor' && previous !== null && changes.length === 0;
  return {
    changeType: minor ? 'minor' : 'major',
    changeNote: minor ? previous.changeNote : fields.changeNote.trim() || describeChanges(changes),
    publishedAt: minor ? previous.publishedAt : at,
    reviewedAt: at,
    nextReviewDue: fields.nextReviewDue ?? defaultNextReviewDue(fields.level, at),
    notify: !minor,
    urgent: isUrgentContent(fields),
    mandatoryChanges: changes,
    changeTypeDerived: fields.changeType === 'minor' && !minor,
  };
}

/**
 * "Reissue after periodic review, no changes": the same content, published date and change note;
 * only the review date and the next review date move. Revisions are immutable, so it is recorded
 * as a new minor revision that notifies nobody.
 */
export function planReissue(previous: PublishedSummary & { level: Level }, now: Date, nextReviewDue: string | null): PublicationPlan {
  const at = now.toISOString();
  return {
    changeType: 'minor',
    changeNote: previous.changeNote,
    publishedAt: previous.publishedAt,
    reviewedAt: at,
    nextReviewDue: nextReviewDue ?? defaultNextReviewDue(previous.level, at),
    notify: false,
    urgent: false,
    mandatoryChanges: [],
    changeTypeDerived: false,
  };
}
