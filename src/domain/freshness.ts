/**
 * What the top of a destination page says about how current its advice is (GOV.UK's pattern):
 * "Still current at" today, when it was last updated and the latest change note. Whether an
 * advisory is past its review date is always known to staff; readers are told only where the
 * deployment chooses to (setting `public_review_overdue`), because an overdue review does not
 * make the advice wrong and some ministries would rather not suggest it does.
 */
export interface Freshness {
  /** Today, YYYY-MM-DD: the advice shown is the one in force today. */
  stillCurrentAt: string;
  /** The day the current revision was published, YYYY-MM-DD. */
  updated: string;
  /** The latest change note, or null when the revision has none. */
  latestChange: string | null;
  /** The review date that has passed, when readers are to be told; otherwise null. */
  reviewOverdueSince: string | null;
}

export interface FreshnessInput {
  publishedAt: string;
  changeNote: string;
  nextReviewDue: string | null;
}

/** Past its review date: a due day strictly before today (due today is not yet late). */
export function reviewOverdue(nextReviewDue: string | null, today: string): boolean {
  return nextReviewDue !== null && nextReviewDue.slice(0, 10) < today;
}

export function freshness(advisory: FreshnessInput, today: string, tellReaders: boolean): Freshness {
  const note = advisory.changeNote.trim();
  return {
    stillCurrentAt: today,
    updated: advisory.publishedAt.slice(0, 10),
    latestChange: note === '' ? null : note,
    reviewOverdueSince: tellReaders && reviewOverdue(advisory.nextReviewDue, today) ? advisory.nextReviewDue!.slice(0, 10) : null,
  };
}
