import type { Level } from '../domain/levels.ts';
import { OPEN_STATUSES, type DraftStatus } from '../domain/workflow.ts';
import type { EditorialContext } from './context.ts';

export interface ReviewItem {
  code: string;
  name: string;
  level: Level;
  revision: number;
  reviewedAt: string;
  nextReviewDue: string | null;
  /** Days until the review is due (negative: overdue); null when no date is set. */
  days: number | null;
  state: 'overdue' | 'due' | 'not-set';
  openDraft: { id: number; status: DraftStatus } | null;
  /** Another government's advice flags it (above our level, or a departure directive): listed first. */
  peerFlagged: boolean;
}

const DAY = 86_400_000;

/**
 * Advisories past or near their next review date (within `horizonDays`), or with none set, and
 * those another government's advice flags (`peerFlagged`, whatever their date): the flagged first,
 * then Level 4, 3, 2, 1; within a level, the most overdue first.
 */
export async function reviewCalendar(ctx: EditorialContext, options: { horizonDays?: number; limit?: number; peerFlagged?: ReadonlySet<string> } = {}): Promise<ReviewItem[]> {
  const flagged = [...(options.peerFlagged ?? [])];
  const now = ctx.now();
  const today = now.toISOString().slice(0, 10);
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + (options.horizonDays ?? 30) * DAY).toISOString().slice(0, 10);
  const rows = await ctx.db
    .selectFrom('destinations as d')
    .innerJoin('advisory_revisions as r', 'r.id', 'd.current_revision_id')
    .leftJoin('drafts as o', (join) => join.onRef('o.destination_code', '=', 'd.code').on('o.status', 'in', [...OPEN_STATUSES]))
    .select(['d.code', 'd.name', 'r.level', 'r.revision', 'r.reviewed_at', 'r.next_review_due', 'o.id as draft_id', 'o.status as draft_status'])
    .where((eb) => eb.or([eb('r.next_review_due', 'is', null), eb('r.next_review_due', '<=', horizon), ...(flagged.length ? [eb('d.code', 'in', flagged)] : [])]))
    .execute();
  const items: ReviewItem[] = rows.map((row) => {
    const days = row.next_review_due ? Math.round((Date.parse(`${row.next_review_due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY) : null;
    return {
      code: row.code,
      name: row.name,
      level: row.level as Level,
      revision: row.revision,
      reviewedAt: row.reviewed_at,
      nextReviewDue: row.next_review_due,
      days,
      state: days === null ? 'not-set' : days < 0 ? 'overdue' : 'due',
      openDraft: row.draft_id !== null && row.draft_status ? { id: row.draft_id, status: row.draft_status } : null,
      peerFlagged: options.peerFlagged?.has(row.code) ?? false,
    };
  });
  items.sort((a, b) => Number(b.peerFlagged) - Number(a.peerFlagged) || b.level - a.level || (a.days ?? -Infinity) - (b.days ?? -Infinity) || a.name.localeCompare(b.name, 'en'));
  return options.limit ? items.slice(0, options.limit) : items;
}
