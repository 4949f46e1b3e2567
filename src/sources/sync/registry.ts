import { CANADA, UK_FCDO, US_STATE_DEPT } from '../authorities.ts';
import { FeedError, type ParsedFeed } from '../imported.ts';
import { CANADA_INDEX_URL, canadaDocumentUrls, parseCanadaDocuments } from '../peers/canada.ts';
import type { PeerDocument } from '../peers/documents.ts';
import type { PeerFeed } from '../peers/feed.ts';
import { UK_INDEX_URL, parseUkDocuments, ukDocumentUrls } from '../peers/uk-fcdo.ts';
import { parseUsStateDept } from '../us-state-dept/parse.ts';
import type { SourceName } from './names.ts';

/**
 * The sources Waypost can import and keep in sync. Each names its publisher, where its feed lives
 * and how to read it; the HTTP fetcher, the sync log and the scheduler are shared by all of them.
 */
interface SourceBase {
  /** As on the command line and in the sync log: "us-state-dept". */
  name: SourceName;
  /** Credited as `source.authority` on imported revisions. */
  authority: string;
  /** The publisher's own feed, used when no URL is given. */
  defaultUrl: string;
}

/** A source whose feed becomes our own advisory revisions (the State Department, on a default install). */
export interface AdvisorySource extends SourceBase {
  kind: 'advisories';
  parse(text: string): ParsedFeed;
}

/**
 * Another government's advice, stored apart from ours for comparison (src/sources/peers/): an index
 * and one document per country. Importing it never changes what our authority publishes.
 */
export interface PeerSourceDefinition extends SourceBase {
  kind: 'peer';
  /** The country documents an index links to; null when the body is itself the advice. */
  documentUrls(body: string, url: string): string[] | null;
  parseDocuments(documents: readonly PeerDocument[]): PeerFeed;
}

export type SourceDefinition = AdvisorySource | PeerSourceDefinition;

export const SOURCES: readonly SourceDefinition[] = [
  {
    kind: 'advisories',
    name: 'us-state-dept',
    authority: US_STATE_DEPT,
    defaultUrl: 'https://travel.state.gov/_res/rss/TAsTWs.xml',
    parse: parseUsStateDept,
  },
  { kind: 'peer', name: 'uk-fcdo', authority: UK_FCDO, defaultUrl: UK_INDEX_URL, documentUrls: ukDocumentUrls, parseDocuments: parseUkDocuments },
  { kind: 'peer', name: 'canada', authority: CANADA, defaultUrl: CANADA_INDEX_URL, documentUrls: canadaDocumentUrls, parseDocuments: parseCanadaDocuments },
];

export function sourceNamed(name: string): SourceDefinition {
  const found = SOURCES.find((source) => source.name === name);
  if (!found) throw new FeedError(`unknown source "${name}"; known: ${SOURCES.map((s) => s.name).join(', ')}`);
  return found;
}

/** The environment variable that holds a source's sync URL: SYNC_US_STATE_DEPT_URL. */
export function urlVariable(source: SourceDefinition): string {
  return `SYNC_${source.name.toUpperCase().replace(/-/g, '_')}_URL`;
}
