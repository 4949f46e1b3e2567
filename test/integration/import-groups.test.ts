import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printReport } from '../../src/cli/import-report.ts';
import { currentAdvisory, revisionHistory } from '../../src/publishing/revisions.ts';
import { US_STATE_DEPT } from '../../src/sources/authorities.ts';
import { importFeed } from '../../src/sources/import.ts';
import { parseUsStateDept } from '../../src/sources/us-state-dept/parse.ts';
import { FRENCH_WEST_INDIES, KENYA, MARTINIQUE, rssFeed } from '../fixtures/us-state-dept/feed.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';

const authority = US_STATE_DEPT;
const GROUP = ['GP', 'MQ', 'BL', 'MF'];
const TITLE = 'French West Indies - Level 1: Exercise Normal Precautions';

async function levels(store: TestStore): Promise<(number | undefined)[]> {
  return Promise.all(GROUP.map(async (code) => (await currentAdvisory(store.db, code))?.level));
}

/**
 * An item naming a group of territories ("French West Indies": Guadeloupe, Martinique, Saint
 * Barthélemy, Saint Martin) reaches every destination of the group, each with its own revision and
 * the same rules as any other item: it was reported as unmapped and reached none of them.
 */
describe.each(ENGINES)('a State Department item for a group of territories on %s', (engine) => {
  let store: TestStore;

  beforeAll(async () => {
    store = await createTestStore(engine);
  });
  afterAll(async () => store?.close());

  it('a dry run prints the decision for the group item and for each destination, and writes nothing', async () => {
    const report = await importFeed(store.db, parseUsStateDept(rssFeed([FRENCH_WEST_INDIES.current, KENYA])), { authority, dryRun: true });
    expect(report.unmapped).toEqual([]);
    expect(report.decisions.map((d) => [d.decision, d.code])).toEqual([
      ...GROUP.map((code) => ['created', code]), ['created', 'KE'], ['applied-to-group', undefined],
    ]);
    expect(report.decisions.at(-1)).toMatchObject({ title: TITLE, codes: GROUP, detail: 'French West Indies covers GP, MQ, BL, MF: applied to GP, MQ, BL, MF' });
    const lines: string[] = [];
    printReport(report, (line) => lines.push(line));
    expect(lines).toContain(`  ${TITLE}: group item — French West Indies covers GP, MQ, BL, MF: applied to GP, MQ, BL, MF`);
    expect(lines).toContain(`  ${TITLE}: created, major, MQ — its copy of the group item`);
    expect(await levels(store)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reaches Guadeloupe and Martinique (and Saint Barthélemy and Saint Martin), each with its own revision', async () => {
    const report = await importFeed(store.db, parseUsStateDept(rssFeed([FRENCH_WEST_INDIES.current])), { authority });
    expect(report).toMatchObject({ items: 1, created: 4, events: 4, unmapped: [] });
    for (const code of GROUP) {
      expect(await revisionHistory(store.db, code)).toEqual([expect.objectContaining({
        revision: 1, level: 1, changeType: 'major', changeNote: 'Reissued after periodic review with minor edits.', publishedAt: '2024-08-22T00:00:00Z',
        source: expect.objectContaining({ authority }),
      })]);
    }
    expect((await currentAdvisory(store.db, 'MQ'))?.summary).toContain('Guadeloupe, Martinique, French Saint Martin, and Saint Barthélemy');
  });

  it('never rolls the group back: an older item is skipped for each destination, a newer one updates each', async () => {
    const older = await importFeed(store.db, parseUsStateDept(rssFeed([FRENCH_WEST_INDIES.older])), { authority });
    expect(older.decisions.filter((d) => d.code).map((d) => [d.code, d.decision])).toEqual(GROUP.map((code) => [code, 'skipped-older']));
    const raised = await importFeed(store.db, parseUsStateDept(rssFeed([FRENCH_WEST_INDIES.raised])), { authority });
    expect(raised.decisions.filter((d) => d.code).map((d) => [d.code, d.decision, d.changeType])).toEqual(GROUP.map((code) => [code, 'updated', 'major']));
    expect(raised.events).toBe(4);
    expect(await levels(store)).toEqual([2, 2, 2, 2]);
    for (const code of GROUP) expect((await revisionHistory(store.db, code)).map((r) => r.revision)).toEqual([2, 1]);
  });

  it("leaves a destination with its own item to that item, whatever the dates, and says so", async () => {
    const report = await importFeed(store.db, parseUsStateDept(rssFeed([MARTINIQUE, { ...FRENCH_WEST_INDIES.raised, date: '2025-12-01' }])), { authority });
    expect(report.decisions.find((d) => d.decision === 'applied-to-group')?.detail).toBe('French West Indies covers GP, MQ, BL, MF: applied to GP, BL, MF (not to MQ: superseded)');
    expect(report.decisions).toContainEqual(expect.objectContaining({ decision: 'superseded', code: 'MQ', title: 'French West Indies - Level 2: Exercise Increased Caution' }));
    // Martinique's own item is older than its current revision (from the group): skipped, not rolled back.
    expect(report.decisions).toContainEqual(expect.objectContaining({ decision: 'skipped-older', code: 'MQ', title: 'Martinique - Level 1: Exercise Normal Precautions' }));
    expect(await levels(store)).toEqual([2, 2, 2, 2]);
  });

  it('the bundled feed: 211 items make 212 advisories, the French West Indies in each of its four destinations', async () => {
    const fresh = await createTestStore(engine);
    try {
      const report = await importBundled(fresh.db);
      expect(report).toMatchObject({ items: 211, created: 212, merged: 2, unmapped: [] });
      for (const code of GROUP) expect((await currentAdvisory(fresh.db, code))?.level).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
