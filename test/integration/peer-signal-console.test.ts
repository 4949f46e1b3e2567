import { describe, expect, it } from 'vitest';
import { currentAdvisory } from '../../src/publishing/revisions.ts';
import { importPeerFeed } from '../../src/sources/peers/store.ts';
import { ENGINES } from '../helpers/databases.ts';
import { consoleGet, consoleSignIn, editorialSuite } from '../helpers/editorial-setup.ts';

/** Issue 17: the dashboard flags a peer government raising a destination above our level, with one click to start a draft. */
describe.each(ENGINES)('the editors\' signal on %s', (engine) => {
  const suite = editorialSuite(engine);

  it('flags a peer above our level with a link to its change and a "Start a draft" form; equal or lower is not flagged', async () => {
    const session = await consoleSignIn(suite.app, 'editor@example.org');
    const before = await consoleGet(suite.app, session, '/console');
    expect(before.body).toContain('No other government advises a higher level than ours.');
    const ours = (await currentAdvisory(suite.store.db, 'FR'))!.level;
    const entry = (code: string, level: 1 | 2 | 3 | 4, nativeLabel: string) => ({ code, title: code, nativeLabel, level, regions: [], sections: [], changeNote: '', updatedAt: '2026-09-01T00:00:00.000Z', url: `https://www.gov.uk/foreign-travel-advice/${code}`, uncoded: [] });
    await importPeerFeed(suite.store.db, { format: 't', items: 2, merges: [], unmapped: [], entries: [entry('FR', 4, 'Advise against all travel'), entry('AQ', 1, 'No travel warning')] }, { source: 'uk-fcdo' });
    const after = await consoleGet(suite.app, session, '/console');
    expect(ours).toBeLessThan(4);
    expect(after.body).toContain('<a href="https://www.gov.uk/foreign-travel-advice/FR">United Kingdom (FCDO)</a>: Advise against all travel');
    expect(after.body).toContain('<form method="post" action="/console/destinations/FR/drafts">');
    expect(after.body).not.toContain('action="/console/destinations/AQ/drafts"');
  });
});
