import { setTimeout as sleep } from 'node:timers/promises';
/** Feeds are a few MB; anything past this is not a feed, and reading it would only waste memory. */
export const MAX_FEED_BYTES = 50 * 1024 * 1024;

/**
 * Fetches a feed over HTTP for a sync: a conditional GET (If-None-Match / If-Modified-Since from the
 * last successful sync), a timeout per attempt, retries with exponential backoff for what may pass
 * (network errors, timeouts, 429 and 5xx), and a size cap counted while the body streams in.
 */

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchSettings {
  timeoutMs: number;
  /** Attempts after the first. */
  retries: number;
  /** Delay before the first retry; doubled for each further one. */
  backoffMs: number;
  maxBytes: number;
}

export const DEFAULT_FETCH: FetchSettings = { timeoutMs: 30_000, retries: 3, backoffMs: 2_000, maxBytes: MAX_FEED_BYTES };

export type FetchResult =
  | { status: 304 }
  | { status: number; body: string; etag: string | null; lastModified: string | null };

/** A fetch that failed for good; `status` is the last HTTP status, if any answer came. */
export class FetchError extends Error {
  override name = 'FetchError';
  readonly status: number | null;
  readonly retryable: boolean;
  constructor(message: string, status: number | null, retryable: boolean) {
    super(message);
    this.status = status;
    this.retryable = retryable;
  }
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new FetchError(`${url} is ${formatMb(declared)}; a feed is at most ${formatMb(maxBytes)}`, response.status, false);
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of response.body ?? []) {
    received += chunk.byteLength;
    if (received > maxBytes) throw new FetchError(`${url} sent more than ${formatMb(maxBytes)}; a feed is not that large`, response.status, false);
    chunks.push(chunk);
  }
  // A body cut short by the server is only noticed here: undici raises "terminated" while streaming.
  if (declared && received < declared) throw new FetchError(`${url} sent ${received} of ${declared} bytes (truncated)`, response.status, true);
  return Buffer.concat(chunks).toString('utf8');
}

async function attempt(url: string, validators: Validators, settings: FetchSettings): Promise<FetchResult> {
  const headers: Record<string, string> = { accept: 'application/rss+xml, application/xml, application/json;q=0.9, */*;q=0.1', 'user-agent': 'Waypost feed sync' };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const signal = AbortSignal.timeout(settings.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { headers, signal, redirect: 'follow' });
  } catch (error) {
    const timedOut = signal.aborted;
    throw new FetchError(timedOut ? `${url} did not answer within ${settings.timeoutMs / 1000} s` : `cannot fetch ${url}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`, null, true);
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { status: 304 };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new FetchError(`${url} answered HTTP ${response.status}`, response.status, response.status === 429 || response.status >= 500);
  }
  try {
    const body = await readCapped(response, url, settings.maxBytes);
    return { status: response.status, body, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw new FetchError(signal.aborted ? `${url} did not finish sending within ${settings.timeoutMs / 1000} s` : `${url}: the body was cut off (${(error as Error).message})`, response.status, true);
  }
}

/** Fetches with retries; throws FetchError once the attempts are spent or on an answer that will not change. */
export async function fetchFeed(url: string, validators: Validators = {}, settings: FetchSettings = DEFAULT_FETCH): Promise<FetchResult & { attempts: number }> {
  for (let tries = 0; ; tries++) {
    try {
      return { ...(await attempt(url, validators, settings)), attempts: tries + 1 };
    } catch (error) {
      const failure = error as FetchError;
      if (!(failure instanceof FetchError)) throw failure;
      if (!failure.retryable || tries >= settings.retries) {
        throw tries ? new FetchError(`${failure.message} (${tries + 1} attempts)`, failure.status, false) : failure;
      }
      await sleep(settings.backoffMs * 2 ** tries);
    }
  }
}
