import { digestHourFromEnv } from './digest.ts';

/** The delivery worker's knobs, read from the environment (README, docs/notifications.md). */
export interface NotifySettings {
  /** NOTIFY_RETRY_BASE_MS: first retry delay; doubles with each attempt, ±50 % jitter. */
  retryBaseMs: number;
  /** NOTIFY_MAX_ATTEMPTS: after this many temporary failures a delivery is failed. */
  maxAttempts: number;
  /** NOTIFY_LEASE_MS: a `sending` claim older than this is presumed abandoned and re-queued. */
  leaseMs: number;
  /** NOTIFY_BATCH_SIZE: deliveries claimed at once. */
  batchSize: number;
  /** NOTIFY_POLL_MS: how long an idle worker waits before looking again. */
  pollMs: number;
  /** DIGEST_HOUR_UTC: when daily digests go out. */
  digestHourUtc: number;
}

export function notifySettings(env: NodeJS.ProcessEnv = process.env): NotifySettings {
  return {
    retryBaseMs: positive(env, 'NOTIFY_RETRY_BASE_MS', 5000),
    maxAttempts: positive(env, 'NOTIFY_MAX_ATTEMPTS', 8),
    leaseMs: positive(env, 'NOTIFY_LEASE_MS', 60_000),
    batchSize: positive(env, 'NOTIFY_BATCH_SIZE', 50),
    pollMs: positive(env, 'NOTIFY_POLL_MS', 1000),
    digestHourUtc: digestHourFromEnv(env),
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got "${text}")`);
  return value;
}
