import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { appendRevision, currentAdvisory } from '../../src/publishing/revisions.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { addStaff, consoleGet, consolePost, consoleSignIn } from '../helpers/editorial-setup.ts';
import { importBundled } from '../helpers/seed.ts';

/** The top of a destination page says how current the advice is (docs/public-site.md, "Freshness"). */

const today = () => new Date().toISOString().slice(0, 10);

describe.each(ENGINES)('freshness on %s', (engine) => {
  let store: TestStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    // Russia's current revision was due for review long ago.
    const ru = await store.db.selectFrom('destinations').select('current_revision_id').where('code', '=', 'RU').executeTakeFirstOrThrow();
    await store.db.updateTable('advisory_revisions').set({ next_review_due: '2025-06-30', change_note: 'Reissued with updates to the embassy status.' })
      .where('id', '=', ru.current_revision_id!).execute();
    app = await buildApp({ store, config: { publicUrl: 'http://waypost.test' } });
    await addStaff(store, 'admin@example.org', 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const russia = async () => (await app.inject({ url: '/destinations/russia/' })).body;

  it('says still current today, when it was updated and the latest update; never the change type', async () => {
    const body = await russia();
    expect(body).toContain(`<dt>Still current at:</dt><dd><time datetime="${today()}" data-date="still-current">`);
    expect(body).toMatch(/<dt>Updated:<\/dt><dd><time datetime="\d{4}-\d{2}-\d{2}">/);
    expect(body).toContain('<dt>Latest update:</dt><dd>Reissued with updates to the embassy status.</dd>');
    expect(body).not.toContain('Major change');
    expect(body).not.toContain('Minor change');
    // The reader's own day is applied by the page script, so the page loads it.
    expect(body).toMatch(/<script src="[^"]*\/assets\/site[^"]*\.js" defer><\/script>/);
  });

  it('tells readers of an overdue review only once an admin turns it on (audited); the console always shows it', async () => {
    expect(await russia()).not.toContain('due for review');
    const admin = await consoleSignIn(app, 'admin@example.org');
    expect((await consoleGet(app, admin, '/console/destinations/RU')).body).toContain('review overdue');

    const saved = await consolePost(app, admin, '/console/settings', { twoPersonRule: 'on', publicReviewOverdue: 'on' });
    expect(saved.statusCode).toBe(303);
    expect(await russia()).toContain('This advice was due for review on <time datetime="2025-06-30">30 June 2025</time>');
    const audit = await store.db.selectFrom('audit_log').select(['subject', 'detail']).where('action', '=', 'settings-changed').execute();
    expect(audit.map((a) => [a.subject, JSON.parse(a.detail) as unknown])).toEqual([['overdue reviews shown to readers', { publicReviewOverdue: true }]]);

    await consolePost(app, admin, '/console/settings', { twoPersonRule: 'on' });
    expect(await russia()).not.toContain('due for review');
  });

  it('shows readers what changed in the advice, not the change type or edits to the change note', async () => {
    const current = (await currentAdvisory(store.db, 'RU'))!;
    await store.db.transaction().execute((trx) => appendRevision(trx, {
      code: 'RU', content: { ...current, summary: `${current.summary}\n\nCard payments still fail.` },
      changeType: 'minor', changeNote: 'Added a line on card payments.', publishedAt: new Date().toISOString(), reviewedAt: new Date().toISOString(),
      nextReviewDue: null, source: current.source,
    }));
    const page = await app.inject({ url: `/destinations/russia/revisions/${current.revision + 1}/` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<dt>Summary</dt>');
    expect(page.body).toContain('<ins>');
    expect(page.body).not.toContain('Type of change');
    expect(page.body).not.toContain('<dt>Change note</dt>');
    const api = (await app.inject({ url: `/api/v1/advisories/RU/revisions/${current.revision + 1}?diff=${current.revision}` })).json() as { diff: { changes: { field: string }[] } };
    expect(api.diff.changes.map((c) => c.field)).toEqual(['summary']);
  });
});
