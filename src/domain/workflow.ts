import { createHash } from 'node:crypto';
import type { AdvisoryContent, ChangeType } from './advisory.ts';
import { canonicalContent, defaultNextReviewDue } from './advisory.ts';
import { describeChanges, mandatoryChanges, type MandatoryChange } from './change-type.ts';
import { INDICATORS } from './indicators.ts';
import type { Level } from './levels.ts';

/**
 * The editorial workflow as plain rules (no I/O): who may do what to a draft in which state, what a
 * draft may contain, and what publishing it produces. The publishing service (src/publishing)
 * applies these rules for both the console and the staff API, so there is one implementation.
 *
 * The two-person rule is about content, not names: whoever changed what the advisory says since the
 * draft began is a contributor; only a contributor may submit it, and no contributor may approve it.
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published
 *     ▲                  │                     │  └──schedule──▶ scheduled ──publish──▶ published
 *     └────return (with a comment)─────────────┴──────────────────┘
 */

// ---- Staff roles and what they allow ----

export const STAFF_ROLES = ['editor', 'reviewer', 'admin', 'crisis'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);
}

export const ROLE_DESCRIPTIONS: Record<StaffRole, string> = {
  editor: 'Editor: drafts advisories and submits them for review',
  reviewer: 'Reviewer: also approves, returns, publishes and schedules',
  admin: 'Admin: everything, plus staff accounts and settings',
  crisis: 'Crisis staff: issues alerts, declares crises and sends check-ins; reads advisories but cannot edit them',
};

/** Which roles hold each permission. Later features add their own rows. */
export const PERMISSIONS = {
  /** See the console, drafts, history and the audit log. */
  read: ['editor', 'reviewer', 'admin', 'crisis'],
  /** Start, edit and submit drafts. */
  edit: ['editor', 'reviewer', 'admin'],
  /** Approve, return, publish, schedule and reissue. */
  review: ['reviewer', 'admin'],
  /** Staff accounts and settings. */
  administer: ['admin'],
  /** Issue, update and cancel embassy alerts (docs/alerts.md). */
  alert: ['admin', 'crisis'],
  /** Verify organisations and withdraw their verification (docs/security.md, "Organisations"). */
  verifyOrganisations: ['admin'],
  /** Declare and close crises, send check-in waves, see who answered (docs/crises.md). */
  crises: ['admin', 'crisis'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: StaffRole | 'system', permission: Permission): boolean {
  return role !== 'system' && (PERMISSIONS[permission] as readonly StaffRole[]).includes(role);
}

// ---- The state machine ----

export const OPEN_STATUSES = ['draft', 'submitted', 'approved', 'scheduled'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];
export type DraftStatus = OpenStatus | 'published';

export type WorkflowAction = 'create' | 'edit' | 'submit' | 'approve' | 'return' | 'schedule' | 'publish';

/** What the rules need to know about a draft. */
export interface DraftState {
  status: DraftStatus;
  authorId: number;
  /** Whoever saved it last. */
  updatedBy: number;
  /**
   * Everyone who changed the draft's content (`CONTENT_FIELDS`) since its base revision. The
   * publishing services always pass it; a caller that has not loaded it (a page that only picks
   * buttons to show) gets the author and the last editor in its place.
   */
  contributors?: readonly number[];
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
}

const RULES: Record<WorkflowAction, Rule> = {
  create: { from: [null], to: 'draft', permission: 'edit', who: 'Editors, reviewers and admins can start drafts' },
  edit: { from: ['draft', 'submitted'], to: 'same', permission: 'edit', who: 'Editors, reviewers and admins can edit drafts' },
  submit: { from: ['draft'], to: 'submitted', permission: 'edit', who: 'Editors, reviewers and admins can submit drafts' },
  approve: { from: ['submitted'], to: 'approved', permission: 'review', who: 'Only reviewers and admins can approve drafts' },
  return: { from: ['submitted', 'approved', 'scheduled'], to: 'draft', permission: 'review', who: 'Only reviewers and admins can return drafts' },
  schedule: { from: ['approved', 'scheduled'], to: 'scheduled', permission: 'review', who: 'Only reviewers and admins can schedule publication' },
  publish: { from: ['approved', 'scheduled'], to: 'published', permission: 'review', who: 'Only reviewers and admins can publish' },
};

const STATE_REFUSALS: Partial<Record<WorkflowAction, Partial<Record<DraftStatus, string>>>> = {
  edit: {
    approved: 'This draft is approved, so it can no longer change: a reviewer must return it to draft first.',
    scheduled: 'This draft is scheduled for publication, so it can no longer change: a reviewer must return it to draft first.',
  },
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
  const contributed = draft !== null && actor.id !== null && (draft.contributors ?? [draft.authorId, draft.updatedBy]).includes(actor.id);
  // Submitting says "these are my words, ready for review": someone who never changed them cannot.
  if (action === 'submit' && !contributed) {
    return { ok: false, status: 403, reason: 'Only someone who wrote this draft can submit it: you have not changed its content.' };
  }
  if (action === 'approve' && settings.twoPersonRule && contributed) {
    return { ok: false, status: 403, reason: 'Two-person rule: you changed this draft\'s content, so someone else must approve it.' };
  }
  return { ok: true, to: rule.to === 'same' ? (status as DraftStatus) : rule.to };
}

/** The actions `actor` could take on the draft now (buttons to show). */
export function allowedActions(draft: DraftState, actor: WorkflowActor, settings: WorkflowSettings): WorkflowAction[] {
  const actions: WorkflowAction[] = ['edit', 'submit', 'approve', 'return', 'schedule', 'publish'];
  return actions.filter((action) => decide(action, draft, actor, settings).ok);
}

// ---- What a draft contains ----

/** Everything an editor decides in a draft. */
export interface DraftFields extends AdvisoryContent {
  /** null until the editor chooses. */
  changeType: ChangeType | null;
  /** Public for a major change; for a minor one, an internal note (the public keeps the last major note). */
  changeNote: string;
  /** YYYY-MM-DD; null = the default cycle (six months for Levels 3–4, a year for 1–2). */
  nextReviewDue: string | null;
}

export type DraftPatch = Partial<DraftFields>;

export interface FieldError {
  /** Dotted path of the field: "level", "regions.0.code", "sections.2.title". */
  field: string;
  message: string;
}

/**
 * What else must hold before a draft goes to review, against the destination's current published
 * revision: a change type is chosen, and "minor" is refused for a first advisory and for any change
 * travellers must always be told of (src/domain/change-type.ts), naming each field and what changed.
 */
export function checkSubmission(fields: DraftFields, published: AdvisoryContent | null): FieldError[] {
  const errors: FieldError[] = [];
  if (!fields.changeType) errors.push({ field: 'changeType', message: 'choose whether this is a major change (notifies subscribers) or a minor one' });
  if (fields.changeType === 'minor' && !published) {
    errors.push({ field: 'changeType', message: 'the first advisory for a destination is a major change' });
  }
  const mandatory = mandatoryChanges(published, fields);
  if (fields.changeType === 'minor' && mandatory.length > 0) {
    errors.push(
      { field: 'changeType', message: `this change must be major because ${mandatory.map((c) => c.message).join('; ')}` },
      ...mandatory.map((c) => ({ field: c.field, message: `${c.message}: travellers are always told of this` })),
    );
  }
  if (published && sameContent(fields, published)) {
    errors.push({
      field: '',
      message: 'nothing has changed since the published revision: to record a periodic review without changes, use "Reissue after review" instead',
    });
  }
  return errors;
}

/** Whether two versions say the same thing (indicator order, spacing and the grouping of risks aside). */
export function sameContent(a: AdvisoryContent, b: AdvisoryContent): boolean {
  const canonical = (content: AdvisoryContent) => {
    const c = canonicalContent(pickContent(content));
    return { ...c, risks: [...c.risks].sort((x, y) => INDICATORS.indexOf(x.indicator) - INDICATORS.indexOf(y.indicator) || x.text.localeCompare(y.text)) };
  };
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export function pickContent(fields: AdvisoryContent): AdvisoryContent {
  return {
    level: fields.level,
    indicators: fields.indicators,
    risks: fields.risks,
    regions: fields.regions,
    departureUrged: fields.departureUrged,
    summary: fields.summary,
    sections: fields.sections,
  };
}

/** What the advisory says; changing any of these makes you a contributor (the change type, note and review date do not). */
export const CONTENT_FIELDS = ['level', 'indicators', 'risks', 'regions', 'departureUrged', 'summary', 'sections'] as const;

/** The names of the fields that differ between two versions of a draft (for the audit log). */
export function changedFields(before: DraftFields, after: DraftFields): string[] {
  const keys: (keyof DraftFields)[] = [...CONTENT_FIELDS, 'changeType', 'changeNote', 'nextReviewDue'];
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** Whether a save that changed these fields (`changedFields`) makes the one who saved it a contributor. */
export function changesContent(changed: readonly string[]): boolean {
  return changed.some((field) => (CONTENT_FIELDS as readonly string[]).includes(field));
}

/**
 * A fingerprint of everything a reviewer approves: the content in canonical form, the change type
 * and note, the next review date. Approval keeps it; publishing refuses a draft whose fingerprint
 * differs, so what is published is exactly what was approved.
 */
export function approvalDigest(fields: DraftFields): string {
  const approved = [canonicalContent(pickContent(fields)), fields.changeType, fields.changeNote.trim(), fields.nextReviewDue];
  return createHash('sha256').update(JSON.stringify(approved)).digest('hex');
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
  /** Departure urged or Level 4: the notifications go out first. */
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
    urgent: fields.departureUrged || fields.level === 4,
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

/** The ETag of a draft version, and whether an If-Match header names it. */
export function draftEtag(id: number, version: number): string {
  return `"draft-${id}-v${version}"`;
}

export function ifMatchVersion(header: string, id: number): number | '*' | null {
  for (const tag of header.split(',').map((t) => t.trim().replace(/^W\//, ''))) {
    if (tag === '*') return '*';
    const match = /^"draft-(\d+)-v(\d+)"$/.exec(tag);
    if (match && Number(match[1]) === id) return Number(match[2]);
  }
  return null;
}
