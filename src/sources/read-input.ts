import { open } from 'node:fs/promises';
import { FeedError } from './imported.ts';
import { DEFAULT_FETCH, FetchError, MAX_FEED_BYTES, fetchFeed } from './sync/fetch.ts';

const FETCH_TIMEOUT_MS = 30_000;

/** Reads a feed from a local file or an http(s) URL, refusing anything over MAX_FEED_BYTES. */
export async function readFeedInput(location: string, maxBytes = MAX_FEED_BYTES): Promise<string> {
  return /^https?:\/\//i.test(location) ? fetchText(location, maxBytes) : readFileText(location, maxBytes);
}

async function readFileText(path: string, maxBytes: number): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FeedError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path} (${code})`);
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new FeedError(`${path} is ${formatMb(size)}; a feed is at most ${formatMb(maxBytes)}`);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** One plain GET (no retries: the operator is watching), with the same timeout and streaming size cap as a sync. */
async function fetchText(url: string, maxBytes: number): Promise<string> {
  try {
    const result = await fetchFeed(url, {}, { ...DEFAULT_FETCH, retries: 0, maxBytes, timeoutMs: FETCH_TIMEOUT_MS });
    return 'body' in result ? result.body : '';
  } catch (error) {
    throw error instanceof FetchError ? new FeedError(error.message) : error;
  }
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
