import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAlert } from '../../src/alerts/issue.ts';
import { levelLabel } from '../../src/domain/levels.ts';
import { US_STATE_DEPT } from '../../src/sources/authorities.ts';
import { importFeed } from '../../src/sources/import.ts';
import { parseUsStateDept } from '../../src/sources/us-state-dept/parse.ts';
import { createSite, type Site } from '../../src/site/site.ts';
import { demonstration } from '../helpers/alerts-setup.ts';
import { ENGINES, createTestStore, type TestStore } from '../helpers/databases.ts';
import { importBundled } from '../helpers/seed.ts';

/** The home page's map tells every reader the truth (issue 16): every advisory shows, and active alerts too. */

const PUBLIC_URL = 'http://waypost.test';
const LATER_FEED = readFileSync(new URL('../fixtures/us-state-dept/later-feed.xml', import.meta.url), 'utf8');

/** The body of the map's link to a destination (its shape and/or marker), by its accessible name's start. */
const mapLink = (svg: string, href: string) => {
  const found = new RegExp(`<a href="${href}" aria-label="([^"]+)">(.*?)</a>`).exec(svg);
  return found && [found[0], decode(found[1]!), found[2]!] as const;
};
const decode = (text: string) => text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe.each(ENGINES)('the home page map on %s', (engine) => {
  let store: TestStore;
  let site: Site;
  let alertId: number;
  const home = async () => (await site.home()).body.toString();
  const svgOf = (body: string) => body.slice(body.indexOf('<svg class="world-map"'), body.indexOf('</svg>', body.indexOf('<svg class="world-map"')));

  beforeAll(async () => {
    store = await createTestStore(engine);
    await importBundled(store.db);
    const issued = await issueAlert({ db: store.db, now: () => new Date(), publicUrl: PUBLIC_URL }, { id: null, label: 'crisis@example.org', role: 'crisis' }, demonstration());
    alertId = issued.alert.id;
    site = createSite(store, { location: { mode: 'live', base: '/', publicUrl: PUBLIC_URL }, stampMaxAgeMs: 0 });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('gives every destination with an advisory in the bundled data its level and a link: an outline, or a marker if it is small', async () => {
    const svg = svgOf(await home());
    const snapshot = await site.snapshot();
    expect(snapshot.advised.length).toBeGreaterThan(200);
    const missing: string[] = [];
    for (const { destination, advisory } of snapshot.advised) {
      const level = advisory!.level;
      const found = mapLink(svg, site.links.destination(destination.slug));
      const ok = found?.[1]!.startsWith(`${destination.name}: Level ${level}, ${levelLabel(level)}`)
        && new RegExp(`<(path|circle) class="(marker )?l${level}(h\\d)?"`).test(found[2]!);
      if (!ok) missing.push(`${destination.code} ${destination.name}`);
    }
    expect(missing).toEqual([]);
    // Islands Natural Earth leaves out are there as markers with a 24-unit target: Malta, Singapore, Barbados.
    for (const slug of ['malta', 'singapore', 'barbados']) expect(mapLink(svg, `/destinations/${slug}/`)?.[2]).toMatch(/<circle class="target"[^>]* r="12"/);
  });

  it('lists the active alert on the home page, draws it on the map and counts it in the navigation', async () => {
    const body = await home();
    const alertHref = site.links.alert(alertId);
    expect(body).toMatch(new RegExp(`<section class="home-alerts"[^>]*>\\s*<h2[^>]*>Active alert</h2>\\s*<ul><li><span class="severity severity-Moderate">Moderate</span> <a href="${alertHref}">Demonstration in Moscow</a> · <a href="/destinations/russia/">Russia</a></li>`));
    expect(svgOf(body)).toContain(`<a class="map-alert" href="${alertHref}" aria-label="Alert (Moderate): Demonstration in Moscow. Russia">`);
    expect(body).toContain('<a href="/alerts/">Alerts<span class="visually-hidden">,</span> <span class="nav-count">1</span><span class="visually-hidden"> active</span></a>');
    // Every public page carries the count, the alerts index marks its own entry.
    expect((await site.alertsIndex()).body.toString()).toContain('<a href="/alerts/" aria-current="page">Alerts<span class="visually-hidden">,</span> <span class="nav-count">1</span>');
  });

  it('colours Israel and the Palestinian Territories once a feed carries them (the bundled feed of 2025-10-08 has no item for either)', async () => {
    const before = svgOf(await home());
    expect(mapLink(before, '/destinations/israel/')?.[1]).toBe('Israel: no advisory');
    await importFeed(store.db, parseUsStateDept(LATER_FEED), { authority: US_STATE_DEPT, notify: false });
    const svg = svgOf(await home());
    expect(mapLink(svg, '/destinations/israel/')?.[2]).toMatch(/^<path class="l3h4" fill="url\(#l3h4\)"/);
    expect(mapLink(svg, '/destinations/israel/')?.[1]).toBe('Israel: Level 3, Reconsider Travel; some areas Level 4');
    // The West Bank is a few pixels wide at this scale: its outline in Level 3, striped for Gaza at 4, and a marker to see and click.
    const palestine = mapLink(svg, '/destinations/palestinian-territories/')!;
    expect(palestine[1]).toBe('Palestinian Territories: Level 3, Reconsider Travel; some areas Level 4');
    expect(palestine[2]).toMatch(/<circle class="marker l3h4"[^>]* fill="#cf5516"\/>/);
  });
});
