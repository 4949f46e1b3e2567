import { describe, expect, it } from 'vitest';
import { freshness, reviewOverdue } from './freshness.ts';

describe('reviewOverdue', () => {
  it.each([
    [null, '2026-12-02', false],
    ['2026-12-03', '2026-12-02', false],
    ['2026-12-02', '2026-12-02', false],
    ['2026-12-01', '2026-12-02', true],
    ['2025-01-01T00:00:00Z', '2026-12-02', true],
  ] as const)('due %s, today %s → %s', (due, today, expected) => {
    expect(reviewOverdue(due, today)).toBe(expected);
  });
});

describe('freshness', () => {
  const advisory = { publishedAt: '2026-11-20T09:30:00Z', changeNote: '  Level raised to 4.  ', nextReviewDue: '2026-11-30' };

  it('says today, the publication day and the trimmed change note', () => {
    expect(freshness(advisory, '2026-12-02', false)).toEqual({
      stillCurrentAt: '2026-12-02', updated: '2026-11-20', latestChange: 'Level raised to 4.', reviewOverdueSince: null,
    });
  });

  it('tells readers of an overdue review only when the deployment chooses to', () => {
    expect(freshness(advisory, '2026-12-02', true).reviewOverdueSince).toBe('2026-11-30');
    expect(freshness(advisory, '2026-11-30', true).reviewOverdueSince).toBeNull();
    expect(freshness({ ...advisory, nextReviewDue: null }, '2026-12-02', true).reviewOverdueSince).toBeNull();
  });

  it('has no latest change for an empty note', () => {
    expect(freshness({ ...advisory, changeNote: ' ' }, '2026-12-02', false).latestChange).toBeNull();
  });
});
