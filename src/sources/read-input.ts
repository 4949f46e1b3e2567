import { open } from 'node:fs/promises';
import { FeedError } from './imported.ts';

/** Feeds are a few MB; anything past this is not a feed, and reading it would only waste memory. */
export const MAX_FEED_BYTES = 50 * 1024 * 1024;
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

async function fetchText(url: string, maxBytes: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/rss+xml, application/json, */*' } });
  } catch (error) {
    throw new FeedError(`cannot fetch ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new FeedError(`${url} answered HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new FeedError(`${url} is ${formatMb(declared)}; a feed is at most ${formatMb(maxBytes)}`);
  // Count bytes as they arrive: a server may lie about, or omit, its length.
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of response.body ?? []) {
    received += chunk.byteLength;
    if (received > maxBytes) throw new FeedError(`${url} sent more than ${formatMb(maxBytes)}; a feed is not that large`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
