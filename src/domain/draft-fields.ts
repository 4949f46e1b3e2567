import { createHash } from 'node:crypto';
import type { AdvisoryContent, ChangeType } from './advisory.ts';
import { canonicalContent } from './advisory.ts';
import { mandatoryChanges } from './change-type.ts';
import { INDICATORS } from './indicators.ts';

/**
 * What a draft contains, and the rules about its content that the workflow (workflow.ts) relies
 * on: what must hold to submit it, which fields make a contributor, and the fingerprint an
 * approval pins. Parsing and checking the fields one by one is draft-input.ts's.
 */

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
    missions: fields.missions ?? [],
    quickFacts: fields.quickFacts ?? null,
    translations: fields.translations ?? {},
  };
}

/** What the advisory says; changing any of these makes you a contributor (the change type, note and review date do not). */
export const CONTENT_FIELDS = ['level', 'indicators', 'risks', 'regions', 'departureUrged', 'summary', 'sections', 'missions', 'quickFacts', 'translations'] as const;

/** The names of the fields that differ between two versions of a draft (for the audit log). */
export function changedFields(before: DraftFields, after: DraftFields): string[] {
  const keys: (keyof DraftFields)[] = [...CONTENT_FIELDS, 'changeType', 'changeNote', 'nextReviewDue'];
  const empty: Partial<Record<keyof DraftFields, unknown>> = { missions: [], quickFacts: null, translations: {} };
  const value = (fields: DraftFields, key: keyof DraftFields) => JSON.stringify(fields[key] ?? empty[key] ?? null);
  return keys.filter((key) => value(before, key) !== value(after, key));
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
