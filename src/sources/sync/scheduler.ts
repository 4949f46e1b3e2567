import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { SOURCES, urlVariable, type SourceDefinition } from './registry.ts';
import { syncSource, type SyncResult } from './sync.ts';
import { MIN_INTERVAL_MS, parseDuration } from './duration.ts';

export interface ScheduledSource {
  source: SourceDefinition;
  url: string;
}

export interface SyncSchedule {
  sources: ScheduledSource[];
  everyMs: number;
}

/**
 * The serve scheduler's settings: a source is synced when `SYNC_<SOURCE>_URL` is set (for the State
 * Department, SYNC_US_STATE_DEPT_URL), every `SYNC_EVERY` (default 1h). Nothing set: no syncing.
 */
export function syncScheduleFromEnv(env: NodeJS.ProcessEnv = process.env): SyncSchedule {
  const sources = SOURCES.flatMap((source) => {
    const url = env[urlVariable(source)]?.trim();
    return url ? [{ source, url }] : [];
  });
  const every = env.SYNC_EVERY?.trim() || '1h';
  const everyMs = parseDuration(every);
  if (!everyMs || everyMs < MIN_INTERVAL_MS) throw new Error(`SYNC_EVERY must be a duration of at least 1m, such as 1h or 30m (got "${every}")`);
  return { sources, everyMs };
}

export interface SyncLoop {
  /** Resolves once the sync under way, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Syncs every scheduled source now and then every `everyMs`, one run at a time; a run that fails is
 * logged and the loop goes on. An error outside the feed (the database) is reported to `error`.
 */
export function startSyncLoop(db: Kysely<Database>, schedule: SyncSchedule, report: {
  done: (source: ScheduledSource, result: SyncResult) => void;
  error: (message: string, error: unknown) => void;
}, trigger: 'sync' | 'scheduler' = 'scheduler'): SyncLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    for (const scheduled of schedule.sources) {
      if (stopped) return;
      try {
        report.done(scheduled, await syncSource(db, scheduled.source, { url: scheduled.url, trigger }));
      } catch (error) {
        report.error(`sync of ${scheduled.source.name} failed`, error);
      }
    }
  };
  const tick = () => {
    running = round().finally(() => {
      if (!stopped) timer = setTimeout(tick, schedule.everyMs);
    });
  };
  if (schedule.sources.length) tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
