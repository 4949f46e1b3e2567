import { isDue } from '../domain/workflow.ts';
import { SCHEDULER, type EditorialContext } from './context.ts';
import { returnDraft } from './drafts.ts';
import { ChangedSinceApproval, publishClaimed } from './publish.ts';

export type ScheduledPublication = {
  draftId: number;
  code: string;
  publishAt: string;
  /** Due before the scheduler started: the server was down when it should have gone out. */
  missed: boolean;
} & (
  | { outcome: 'published'; revision: number; publishedAt: string }
  /** Not what was approved any more: handed back to its editors with the reason as the comment. */
  | { outcome: 'returned'; reason: string }
);

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
    const due = { draftId: draft.id, code: draft.destination_code, publishAt: draft.publish_at!, missed };
    try {
      const published = await publishClaimed(ctx, SCHEDULER, draft.id, { dueBy: now, detail: { scheduled: true, missed } });
      if (!published) continue; // another process got there first, or it was returned meanwhile
      results.push({ ...due, outcome: 'published', revision: published.revision, publishedAt: now.toISOString() });
    } catch (error) {
      if (!(error instanceof ChangedSinceApproval)) throw error;
      // Retrying would refuse it every few seconds for ever; hand it back where people will see it.
      await returnDraft(ctx, SCHEDULER, draft.id, error.message);
      results.push({ ...due, outcome: 'returned', reason: error.message });
    }
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
          r.outcome === 'returned'
            ? `scheduled publication refused: ${r.code} draft ${r.draftId} (due ${r.publishAt}) was returned to its editors: ${r.reason}`
            : r.missed
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
