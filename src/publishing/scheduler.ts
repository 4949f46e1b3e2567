import { isDue } from '../domain/workflow.ts';
import { SCHEDULER, type EditorialContext } from './context.ts';
import { publishClaimed } from './publish.ts';

export interface ScheduledPublication {
  draftId: number;
  code: string;
  revision: number;
  publishAt: string;
  publishedAt: string;
  /** Due before the scheduler started: the server was down when it should have gone out. */
  missed: boolean;
}

/**
 * Publishes every scheduled draft that is due at `ctx.now()`. Safe to run in any number of
 * processes at once: each draft is claimed by one conditional UPDATE, so it is published once.
 * `startedAt`: schedules due before it are reported (and audited) as missed.
 */
export async function publishDue(ctx: EditorialContext, options: { startedAt?: Date } = {}): Promise<ScheduledPublication[]> {
  const now = ctx.now();
  const due = await ctx.db
    .selectFrom('drafts')
    .select(['id', 'destination_code', 'publish_at'])
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', now.toISOString())
    .orderBy('publish_at')
    .orderBy('id')
    .execute();
  const results: ScheduledPublication[] = [];
  for (const draft of due) {
    if (!isDue(draft.publish_at, now)) continue;
    const missed = options.startedAt !== undefined && new Date(draft.publish_at!).getTime() < options.startedAt.getTime();
    const published = await publishClaimed(ctx, SCHEDULER, draft.id, { dueBy: now, detail: { scheduled: true, missed } });
    if (!published) continue; // another process got there first, or it was returned meanwhile
    results.push({ draftId: draft.id, code: draft.destination_code, revision: published.revision, publishAt: draft.publish_at!, publishedAt: now.toISOString(), missed });
  }
  return results;
}

export interface Scheduler {
  /** Settles when the catch-up run at start has finished. */
  ready: Promise<ScheduledPublication[]>;
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  /** How often to look for due drafts (default 5 s: a schedule goes out within seconds of its minute). */
  intervalMs?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
  error?: (message: string, error: unknown) => void;
}

/**
 * Starts publishing scheduled drafts on time. It first catches up: anything that fell due while no
 * scheduler ran (the server was down) is published at once and logged as missed.
 */
export function startScheduler(ctx: EditorialContext, options: SchedulerOptions = {}): Scheduler {
  const log = options.log ?? ((message) => console.log(message));
  const error = options.error ?? ((message, cause) => console.error(message, cause));
  const startedAt = ctx.now();
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const run = async (catchUp: boolean): Promise<ScheduledPublication[]> => {
    try {
      const results = await publishDue(ctx, catchUp ? { startedAt } : {});
      for (const r of results) {
        log(
          r.missed
            ? `missed schedule: ${r.code} draft ${r.draftId} was due at ${r.publishAt} while the server was down; published at start as revision ${r.revision}`
            : `scheduled publication: ${r.code} draft ${r.draftId} published as revision ${r.revision} (due ${r.publishAt})`,
          { ...r },
        );
      }
      return results;
    } catch (cause) {
      error('scheduled publishing failed; will retry', cause);
      return [];
    }
  };

  const ready = run(true);
  running = ready;
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(() => (stopped ? [] : run(false)));
  }, options.intervalMs ?? 5_000);
  timer.unref();

  return {
    ready,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
