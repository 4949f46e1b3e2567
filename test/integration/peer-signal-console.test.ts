import { describe, expect, it } from 'vitest';
import { currentAdvisory } from '../../src/publishing/revisions.ts';
import type { PeerEntry } from '../../src/sources/peers/feed.ts';
import { importPeerFeed } from '../../src/sources/peers/store.ts';
import { ENGINES } from '../helpers/databases.ts';
import { consoleGet, consoleSignIn, editorialSuite } from '../helpers/editorial-setup.ts';

const entry = (code: string, level: 1 | 2 | 3 | 4, nativeLabel: string, sections: PeerEntry['sections'] = []): PeerEntry =>
  ({ code, title: code, nativeLabel, level, regions: [], sections, changeNote: '', updatedAt: '2026-09-01T00:00:00.000Z', url: `https://example.org/${code}`, uncoded: [] });
const feed = (entries: PeerEntry[]) => ({ format: 't', items: entries.length, merges: [], unmapped: [], entries });
/** The rows of the dashboard's review calendar card, in order. */
const calendarRows = (body: string) => body.slice(body.indexOf('Review calendar: flagged')).split('<tbody>')[1]!.split('</tbody>')[0]!.split('<tr>').slice(1);

/** Issue 17: the dashboard flags a peer government raising a destination above our level, with one click to start a draft. */
describe.each(ENGINES)('the editors\' signal on %s', (engine) => {
  const suite = editorialSuite(engine);

  it('flags a peer above our level with a link to its change and a "Start a draft" form; equal or lower is not flagged', async () => {
    const session = await consoleSignIn(suite.app, 'editor@example.org');
    const before = await consoleGet(suite.app, session, '/console');
    expect(before.body).toContain('No other government advises a higher level than ours or tells its citizens to leave where we do not.');
    const ours = (await currentAdvisory(suite.store.db, 'FR'))!.level;
    await importPeerFeed(suite.store.db, feed([{ ...entry('FR', 4, 'Advise against all travel'), url: 'https://www.gov.uk/foreign-travel-advice/FR' }, entry('AQ', 1, 'No travel warning')]), { source: 'uk-fcdo' });
    const after = await consoleGet(suite.app, session, '/console');
    expect(ours).toBeLessThan(4);
    expect(after.body).toContain('<a href="https://www.gov.uk/foreign-travel-advice/FR">United Kingdom (FCDO)</a>: Advise against all travel');
    expect(after.body).toContain('<form method="post" action="/console/destinations/FR/drafts">');
    expect(after.body).not.toContain('action="/console/destinations/AQ/drafts"');
  });

  it('the review calendar lists the flagged destinations first, marked, whatever their level or review date', async () => {
    const session = await consoleSignIn(suite.app, 'editor@example.org');
    expect((await currentAdvisory(suite.store.db, 'FR'))!.level).toBeLessThan(4);
    await importPeerFeed(suite.store.db, feed([entry('FR', 4, 'Advise against all travel')]), { source: 'uk-fcdo' });
    const rows = calendarRows((await consoleGet(suite.app, session, '/console')).body);
    expect(rows[0]).toContain('<a href="/console/destinations/FR">France</a>');
    expect(rows[0]).toContain('Another government flags it');
    expect(rows.slice(1).some((row) => row.includes('Another government flags it'))).toBe(false);
    const full = (await consoleGet(suite.app, session, '/console/calendar?days=0')).body;
    expect(full.split('<tbody>')[1]!.split('<tr>')[1]).toContain('<a href="/console/destinations/FR">France</a>');
  });

  it('flags a departure directive even at our own level, and not where the words only say to leave the area', async () => {
    const session = await consoleSignIn(suite.app, 'editor@example.org');
    const de = (await currentAdvisory(suite.store.db, 'DE'))!.level;
    const it_ = (await currentAdvisory(suite.store.db, 'IT'))!.level;
    await importPeerFeed(suite.store.db, feed([
      entry('DE', de, 'Avoid non-essential travel', [{ slug: 'security', title: 'Security', body: 'The situation is volatile. If you are in Germany, you should leave by commercial means while they are still available.' }]),
      entry('IT', it_, 'Exercise a high degree of caution', [{ slug: 'security', title: 'Security', body: 'Avoid demonstrations. You should leave the area if one develops.' }]),
    ]), { source: 'canada' });
    const body = (await consoleGet(suite.app, session, '/console')).body;
    expect(body).toContain('Departure directive</span> <q class="small">If you are in Germany, you should leave by commercial means while they are still available.</q>');
    expect(body).toContain('<form method="post" action="/console/destinations/DE/drafts">');
    expect(body).not.toContain('action="/console/destinations/IT/drafts"');
    expect(calendarRows(body).slice(0, 2).join('')).toContain('/console/destinations/DE"');
    const api = (await suite.app.inject({ url: '/api/v1/destinations/DE/comparison' })).json() as { sources: { source: string; departure: string | null }[] };
    expect(api.sources.find((s) => s.source === 'canada')?.departure).toMatch(/^If you are in Germany, you should leave/);
  });
});
