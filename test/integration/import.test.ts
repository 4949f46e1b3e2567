import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { US_STATE_DEPT } from '../../src/sources/authorities.ts';
import { importFeed } from '../../src/sources/import.ts';
import type { ParsedFeed } from '../../src/sources/imported.ts';
import { currentAdvisory, revisionHistory } from '../../src/publishing/revisions.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { bundledFeed } from '../helpers/seed.ts';

async function revisionCount(store: TestStore): Promise<number> {
  const { n } = await store.db.selectFrom('advisory_revisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

describe.each(ENGINES)('State Department import on %s', (engine) => {
  let store: TestStore;
  let feed: ParsedFeed;

  beforeAll(async () => {
    store = await createTestStore(engine);
    feed = await bundledFeed();
  });
  afterAll(async () => store?.close());

  it('imports every mapped entry once, with counts per level', async () => {
    const report = await importFeed(store.db, feed, { authority: US_STATE_DEPT });
    expect(report.created).toBe(feed.entries.length);
    expect(report.updated + report.unchanged).toBe(0);
    expect(report.byLevel[4]).toBe(20);
    expect(report.byLevel[1] + report.byLevel[2] + report.byLevel[3] + report.byLevel[4]).toBe(feed.entries.length);
    expect(await revisionCount(store)).toBe(feed.entries.length);
  });

  it('creates nothing when the same feed is imported again', async () => {
    const report = await importFeed(store.db, feed, { authority: US_STATE_DEPT });
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: feed.entries.length });
    expect(await revisionCount(store)).toBe(feed.entries.length);
  });

  it('creates exactly one revision for a changed entry', async () => {
    const changed: ParsedFeed = {
      ...feed,
      entries: feed.entries.map((entry) =>
        entry.code === 'FR'
          ? { ...entry, content: { ...entry.content, level: 3 }, changeNote: 'The advisory level was increased to Level 3.', publishedAt: '2025-10-09T00:00:00Z' }
          : entry,
      ),
    };
    const report = await importFeed(store.db, changed, { authority: US_STATE_DEPT });
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: feed.entries.length - 1 });
    const history = await revisionHistory(store.db, 'FR');
    expect(history.map((r) => [r.revision, r.level])).toEqual([[2, 3], [1, feed.entries.find((e) => e.code === 'FR')?.content.level]]);
    expect((await currentAdvisory(store.db, 'FR'))?.changeNote).toBe('The advisory level was increased to Level 3.');
  });

  it('writes nothing when any entry fails: all or nothing', async () => {
    const before = await revisionCount(store);
    const poisoned: ParsedFeed = {
      ...feed,
      entries: [
        { ...feed.entries[0]!, code: 'DE', content: { ...feed.entries[0]!.content, summary: 'changed' }, publishedAt: '2026-01-01T00:00:00Z' },
        { ...feed.entries[1]!, code: 'QQ' }, // no such destination: the foreign key refuses it
      ],
    };
    await expect(importFeed(store.db, poisoned, { authority: US_STATE_DEPT })).rejects.toThrow();
    expect(await revisionCount(store)).toBe(before);
    expect((await currentAdvisory(store.db, 'DE'))?.summary).not.toBe('changed');
  });
});
