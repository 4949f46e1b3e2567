import { US_STATE_DEPT } from '../authorities.ts';
import { FeedError, type ParsedFeed } from '../imported.ts';
import { parseUsStateDept } from '../us-state-dept/parse.ts';
import type { SourceName } from './names.ts';

/**
 * The sources Waypost can import and keep in sync. Each names its publisher, where its feed lives
 * and how to read it; the HTTP fetcher, the sync log and the scheduler are shared by all of them.
 */
export interface SourceDefinition {
  /** As on the command line and in the sync log: "us-state-dept". */
  name: SourceName;
  /** Credited as `source.authority` on imported revisions. */
  authority: string;
  /** The publisher's own feed, used when no URL is given. */
  defaultUrl: string;
  parse(text: string): ParsedFeed;
}

export const SOURCES: readonly SourceDefinition[] = [
  {
    name: 'us-state-dept',
    authority: US_STATE_DEPT,
    defaultUrl: 'https://travel.state.gov/_res/rss/TAsTWs.xml',
    parse: parseUsStateDept,
  },
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
