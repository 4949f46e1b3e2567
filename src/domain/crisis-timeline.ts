import type { CrisisAnswer } from './crises.ts';

/**
 * Answers over time for a crisis's dashboard chart (docs/crises.md): how many answers of each kind
 * had come in by the end of each hour (each day, for a crisis longer than a fortnight) since its
 * first wave. Pure: the database groups answers by the same prefix of their ISO time.
 */

export type TimelineUnit = 'hour' | 'day';

/** The ISO prefix length that names a bucket: "2026-03-01T10" or "2026-03-01". */
export const PREFIX: Record<TimelineUnit, number> = { hour: 13, day: 10 };
const STEP: Record<TimelineUnit, number> = { hour: 3_600_000, day: 86_400_000 };

export function timelineUnit(from: string, to: string): TimelineUnit {
  return Date.parse(to) - Date.parse(from) <= 14 * 86_400_000 ? 'hour' : 'day';
}

export interface TimelinePoint {
  /** The bucket's start, ISO. */
  at: string;
  safe: number;
  need_help: number;
  left: number;
}

/** Cumulative counts per bucket from `from` to `to`; answers outside the range count at its ends. */
export function cumulativeTimeline(from: string, to: string, unit: TimelineUnit, rows: readonly { bucket: string; answer: CrisisAnswer; n: number }[]): TimelinePoint[] {
  const start = Date.parse(`${from.slice(0, PREFIX[unit])}${unit === 'hour' ? ':00:00Z' : 'T00:00:00Z'}`);
  const end = Math.max(start, Date.parse(to));
  const points: TimelinePoint[] = [];
  const totals = { safe: 0, need_help: 0, left: 0 };
  const sorted = [...rows].sort((a, b) => a.bucket.localeCompare(b.bucket));
  let i = 0;
  for (let t = start; t <= end; t += STEP[unit]) {
    const at = new Date(t).toISOString();
    const key = at.slice(0, PREFIX[unit]);
    const last = t + STEP[unit] > end;
    while (i < sorted.length && (sorted[i]!.bucket <= key || last)) {
      totals[sorted[i]!.answer] += sorted[i]!.n;
      i++;
    }
    points.push({ at, ...totals });
  }
  return points;
}
