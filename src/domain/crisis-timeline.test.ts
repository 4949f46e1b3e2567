import { describe, expect, it } from 'vitest';
import { cumulativeTimeline, timelineUnit } from './crisis-timeline.ts';

describe('answers over time', () => {
  it('hours for a short crisis, days for a long one', () => {
    expect(timelineUnit('2026-03-01T10:20:00Z', '2026-03-15T10:20:00Z')).toBe('hour');
    expect(timelineUnit('2026-03-01T10:20:00Z', '2026-03-15T10:21:00Z')).toBe('day');
  });

  it('counts accumulate bucket by bucket from the first wave to now', () => {
    const points = cumulativeTimeline('2026-03-01T10:20:00Z', '2026-03-01T13:05:00Z', 'hour', [
      { bucket: '2026-03-01T11', answer: 'need_help', n: 1 },
      { bucket: '2026-03-01T10', answer: 'safe', n: 3 },
      { bucket: '2026-03-01T13', answer: 'safe', n: 2 },
      { bucket: '2026-03-01T11', answer: 'left', n: 4 },
    ]);
    expect(points).toEqual([
      { at: '2026-03-01T10:00:00.000Z', safe: 3, need_help: 0, left: 0 },
      { at: '2026-03-01T11:00:00.000Z', safe: 3, need_help: 1, left: 4 },
      { at: '2026-03-01T12:00:00.000Z', safe: 3, need_help: 1, left: 4 },
      { at: '2026-03-01T13:00:00.000Z', safe: 5, need_help: 1, left: 4 },
    ]);
  });

  it('an answer after the end (a clock ahead) still counts in the last point; no answers, flat zero', () => {
    const late = cumulativeTimeline('2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z', 'day', [{ bucket: '2026-03-04', answer: 'safe', n: 1 }]);
    expect(late.map((p) => p.safe)).toEqual([0, 0, 1]);
    expect(cumulativeTimeline('2026-03-01T10:00:00Z', '2026-03-01T10:00:00Z', 'hour', [])).toEqual([{ at: '2026-03-01T10:00:00.000Z', safe: 0, need_help: 0, left: 0 }]);
  });
});
