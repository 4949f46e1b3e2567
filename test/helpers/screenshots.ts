import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PAGES, type TourPage } from './tour-pages.ts';
import { LAPTOP, PHONE } from './tour.ts';

/**
 * The committed screenshots of every page (docs/screenshots/pages/, written by
 * test/e2e/overflow.test.ts under UPDATE_SCREENSHOTS=1) and their index, docs/screenshots/README.md.
 */
export const PAGE_SHOTS = 'pages';

/** At most this many screens of a long page are shot (phone, laptop): enough to judge the layout, files of a few hundred kB. */
const MAX_SCREENS = { phone: 3, laptop: 2 };
const screensAt = (width: number) => (width <= PHONE.width ? MAX_SCREENS.phone : MAX_SCREENS.laptop);

/** "console-drafts-id-edit", "home", "not-found": the file name of a page's screenshots, less the width. */
export function shotName(entry: TourPage): string {
  if (entry.route === null) return 'not-found';
  return entry.route.replace(/^\//, '').replace(/[/:]+/g, '-') || 'home';
}

export async function shootPage(page: Page, dir: string, entry: TourPage, viewport: { width: number; height: number }): Promise<void> {
  const height = await page.evaluate(() => (globalThis as unknown as { document: { scrollingElement: { scrollHeight: number } } }).document.scrollingElement.scrollHeight);
  await page.screenshot({
    path: join(dir, `${shotName(entry)}-${viewport.width}.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width: viewport.width, height: Math.min(height, screensAt(viewport.width) * viewport.height) },
    animations: 'disabled',
  });
}

/** The index: a table of every page with its phone and laptop screenshots, then the other tests' screenshots. */
export function writeScreenshotIndex(dir: string): void {
  const rows = PAGES.map((entry) => {
    const name = shotName(entry);
    const shot = (width: number) => `[${width}](${PAGE_SHOTS}/${name}-${width}.png)`;
    return `| ${entry.title} | \`${entry.route ?? '(any unknown path)'}\` | ${shot(PHONE.width)} | ${shot(LAPTOP.width)} |`;
  });
  const others = readdirSync(dir).filter((file) => file.endsWith('.png')).sort().map((file) => `- [${file}](${file})`);
  writeFileSync(join(dir, 'README.md'), `# Screenshots

Every page of the site at ${PHONE.width}×${PHONE.height} (a phone) and ${LAPTOP.width}×${LAPTOP.height} (a laptop),
shot by \`test/e2e/overflow.test.ts\`, which also fails on any page that scrolls sideways at either size
and on any page route of the app missing from its list (\`test/helpers/tour-pages.ts\`). Long pages are
cut after ${MAX_SCREENS.phone} screens on a phone, ${MAX_SCREENS.laptop} on a laptop. This file and \`${PAGE_SHOTS}/\` are written by

    UPDATE_SCREENSHOTS=1 CI=true npx vitest run test/e2e/overflow.test.ts

and committed; without UPDATE_SCREENSHOTS the test writes nothing here.

| Page | Route | Phone | Laptop |
| --- | --- | --- | --- |
${rows.join('\n')}

## Other screenshots

Written by the tests of one feature each (the home map, the destination page, the organisation's
people, identity settings, the ministry's site, the trip form) under the same variable:

${others.join('\n')}
`);
}
