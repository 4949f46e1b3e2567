import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FeedError } from '../imported.ts';
import { readFeedInput } from '../read-input.ts';
import { DEFAULT_FETCH, fetchFeed, type FetchSettings } from '../sync/fetch.ts';

export interface PeerDocument {
  body: string;
  location: string;
}

/** How many country documents are fetched at once: enough to finish ~220 quickly, few enough to be polite. */
const PARALLEL = 8;

/**
 * Fetches every country document an index links to. Any document that cannot be fetched fails the
 * whole run (FetchError): a run that imported some countries and silently not others would look
 * complete when it is not.
 */
export async function fetchDocuments(urls: readonly string[], settings: FetchSettings = DEFAULT_FETCH): Promise<PeerDocument[]> {
  const documents: PeerDocument[] = new Array<PeerDocument>(urls.length);
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const index = next++;
      const url = urls[index]!;
      const fetched = await fetchFeed(url, {}, settings);
      documents[index] = { body: 'body' in fetched ? fetched.body : '', location: url };
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, urls.length) }, worker));
  return documents;
}

/**
 * What `waypost import uk-fcdo|canada` reads: every `.json` of a directory (one document per
 * country), one file, or a URL. An index URL is followed to its country documents.
 */
export async function readPeerDocuments(location: string, documentUrls: (body: string, url: string) => string[] | null): Promise<PeerDocument[]> {
  if (/^https?:\/\//i.test(location)) {
    const body = await readFeedInput(location);
    const urls = documentUrls(body, location);
    return urls ? fetchDocuments(urls, { ...DEFAULT_FETCH, retries: 1 }) : [{ body, location }];
  }
  const info = await stat(location).catch(() => undefined);
  if (!info) throw new FeedError(`no such file or directory: ${location}`);
  if (!info.isDirectory()) return [{ body: await readFeedInput(location), location }];
  const names = (await readdir(location)).filter((name) => name.toLowerCase().endsWith('.json')).sort();
  if (!names.length) throw new FeedError(`${location} holds no .json documents`);
  return Promise.all(names.map(async (name) => ({ body: await readFeedInput(join(location, name)), location: join(location, name) })));
}
