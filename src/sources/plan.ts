import { canonicalContent, contentFingerprint, type ChangeType } from '../domain/advisory.ts';
import { deriveChangeType } from '../domain/change-type.ts';
import type { StoredRevision } from '../publishing/revisions.ts';
import type { ImportedAdvisory, ParsedFeed } from './imported.ts';

/**
 * What an import does with each item of a feed, decided before anything is written, so that
 * `--dry-run` shows exactly what a real run would do. Every item gets a decision: none is dropped
 * without one.
 */
export type Decision = 'created' | 'updated' | 'unchanged' | 'skipped-older' | 'merged' | 'superseded' | 'unmapped' | 'applied-to-group';

export interface ItemDecision {
  decision: Decision;
  title: string;
  code?: string;
  level?: number;
  /** For created and updated: derived from the content, never from the publisher's note. */
  changeType?: ChangeType;
  /** Why: "older than current (2025-06-01 ≤ 2025-10-08)", "region Gaza at Level 4 of …". */
  detail?: string;
  /** Updated although not newer than the current revision (`--force`). */
  forced?: boolean;
  /** For a group item: the destinations it was applied to, each with its own decision. */
  codes?: string[];
  /** For one destination's copy of a group item: the group item's title. */
  fromGroup?: string;
}

export interface PlannedWrite {
  entry: ImportedAdvisory;
  current: StoredRevision | undefined;
  changeType: ChangeType;
  forced: boolean;
}

export interface ImportPlan {
  decisions: ItemDecision[];
  writes: PlannedWrite[];
}

function day(at: string): string {
  return at.slice(0, 10);
}

/**
 * Decides every item against the destinations' current revisions. An item identical to the current
 * revision is unchanged; one whose publication date is not newer than the current revision's is
 * skipped as older (an older feed must not roll newer advice back) unless `force` is set. The change
 * type is derived from the content: major for a first revision or any change of level, departure
 * directive, indicators or regions, otherwise minor.
 */
export function planImport(feed: ParsedFeed, current: ReadonlyMap<string, StoredRevision>, force = false): ImportPlan {
  const decisions: ItemDecision[] = [];
  const writes: PlannedWrite[] = [];
  for (const entry of feed.entries) {
    const before = current.get(entry.code);
    const base = { title: entry.title, code: entry.code, level: entry.content.level, ...(entry.fromGroup ? { fromGroup: entry.fromGroup } : {}) };
    if (before?.fingerprint === contentFingerprint(entry.content, entry.changeNote, entry.publishedAt)) {
      decisions.push({ ...base, decision: 'unchanged' });
      continue;
    }
    const older = before !== undefined && !(Date.parse(entry.publishedAt) > Date.parse(before.publishedAt));
    const detail = older ? `older than current (${day(entry.publishedAt)} is not after revision ${before.revision} of ${day(before.publishedAt)})` : undefined;
    if (older && !force) {
      decisions.push({ ...base, decision: 'skipped-older', detail });
      continue;
    }
    const changeType = deriveChangeType(before ? canonicalContent(before) : null, canonicalContent(entry.content), 'minor');
    writes.push({ entry, current: before, changeType, forced: older });
    decisions.push({ ...base, decision: before ? 'updated' : 'created', changeType, ...(older ? { forced: true, detail: `forced: ${detail}` } : {}) });
  }
  for (const merge of feed.merges) {
    decisions.push({ decision: merge.action === 'region' ? 'merged' : 'superseded', title: merge.title, code: merge.code, detail: `${merge.detail}, into "${merge.into}"`, ...(merge.fromGroup ? { fromGroup: merge.fromGroup } : {}) });
  }
  // The group item's own decision; each destination's decision is listed above with `fromGroup`.
  for (const group of feed.groups) decisions.push({ decision: 'applied-to-group', title: group.title, codes: group.applied, detail: group.detail });
  for (const entry of feed.unmapped) decisions.push({ decision: 'unmapped', title: entry.title, detail: entry.reason });
  return { decisions, writes };
}
