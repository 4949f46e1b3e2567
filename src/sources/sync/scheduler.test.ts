import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.ts';
import { syncScheduleFromEnv } from './scheduler.ts';

describe('sync schedule', () => {
  it.each([['1h', 3_600_000], ['30m', 1_800_000], ['2h30m', 9_000_000], ['90s', 90_000], ['', undefined], ['1d', undefined], ['0m', undefined], ['soon', undefined]])(
    'reads %j as %j ms', (text, ms) => expect(parseDuration(text)).toBe(ms),
  );

  it('is off unless a source URL is configured, hourly by default', () => {
    expect(syncScheduleFromEnv({})).toEqual({ sources: [], everyMs: 3_600_000 });
    const schedule = syncScheduleFromEnv({ SYNC_US_STATE_DEPT_URL: 'https://example.org/feed.xml', SYNC_EVERY: '15m' });
    expect(schedule.everyMs).toBe(900_000);
    expect(schedule.sources.map((s) => [s.source.name, s.url])).toEqual([['us-state-dept', 'https://example.org/feed.xml']]);
  });

  it('refuses an interval that is not a duration of at least a minute', () => {
    expect(() => syncScheduleFromEnv({ SYNC_EVERY: '10s' })).toThrow(/SYNC_EVERY must be a duration of at least 1m/);
    expect(() => syncScheduleFromEnv({ SYNC_EVERY: 'hourly' })).toThrow(/got "hourly"/);
  });
});
