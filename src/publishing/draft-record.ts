import type { Selectable } from 'kysely';
import type { ChangeType } from '../domain/advisory.ts';
import { findByCode } from '../domain/destinations.ts';
import type { Indicator } from '../domain/indicators.ts';
import type { Level } from '../domain/levels.ts';
import { pickContent, type DraftFields, type DraftStatus } from '../domain/workflow.ts';
import type { DraftsTable } from '../store/schema.ts';
import type { StoredRevision } from './revisions.ts';

type DraftRow = Selectable<DraftsTable>;

/** A draft as the console and the staff API show it (advisory field names of docs/contracts.md). */
export interface Draft extends DraftFields {
  id: number;
  code: string;
  name: string;
  status: DraftStatus;
  comment: string | null;
  authorId: number;
  updatedBy: number;
  submittedBy: number | null;
  approvedBy: number | null;
  scheduledBy: number | null;
  publishedBy: number | null;
  baseRevision: number | null;
  version: number;
  publishAt: string | null;
  publishedRevision: number | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export function toDraft(row: DraftRow): Draft {
  return {
    id: row.id,
    code: row.destination_code,
    name: findByCode(row.destination_code)?.name ?? row.destination_code,
    status: row.status,
    level: row.level as Level,
    indicators: JSON.parse(row.indicators) as Indicator[],
    risks: JSON.parse(row.risks) as DraftFields['risks'],
    regions: JSON.parse(row.regions) as DraftFields['regions'],
    departureUrged: row.departure_urged === 1,
    summary: row.summary,
    sections: JSON.parse(row.sections) as DraftFields['sections'],
    changeType: row.change_type as ChangeType | null,
    changeNote: row.change_note,
    nextReviewDue: row.next_review_due,
    comment: row.comment,
    authorId: row.author_id,
    updatedBy: row.updated_by,
    submittedBy: row.submitted_by,
    approvedBy: row.approved_by,
    scheduledBy: row.scheduled_by,
    publishedBy: row.published_by,
    baseRevision: row.base_revision,
    version: row.version,
    publishAt: row.publish_at,
    publishedRevision: row.published_revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  };
}

export function draftFields(draft: DraftFields): DraftFields {
  return {
    ...pickContent(draft),
    changeType: draft.changeType,
    changeNote: draft.changeNote,
    nextReviewDue: draft.nextReviewDue,
  };
}

export function fieldColumns(fields: DraftFields) {
  return {
    level: fields.level,
    indicators: JSON.stringify(fields.indicators),
    risks: JSON.stringify(fields.risks),
    regions: JSON.stringify(fields.regions),
    sections: JSON.stringify(fields.sections),
    departure_urged: fields.departureUrged ? 1 : 0,
    summary: fields.summary,
    change_type: fields.changeType,
    change_note: fields.changeNote,
    next_review_due: fields.nextReviewDue,
  };
}

/** A fresh draft's fields: the current revision's content (the change type and note are the editor's to write). */
export function fieldsFromRevision(revision: StoredRevision | undefined): DraftFields {
  return {
    level: revision?.level ?? 1,
    indicators: revision?.indicators ?? [],
    risks: revision?.risks ?? [],
    regions: revision?.regions ?? [],
    departureUrged: revision?.departureUrged ?? false,
    summary: revision?.summary ?? '',
    sections: revision?.sections ?? [],
    changeType: null,
    changeNote: '',
    nextReviewDue: null,
  };
}

