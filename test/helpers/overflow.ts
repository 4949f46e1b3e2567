import type { BrowserContext, Page } from 'playwright-core';

/**
 * Horizontal overflow on a rendered page (test/e2e/overflow.test.ts): whether the document scrolls
 * sideways, and every element whose right edge is past the viewport, named by tag, id and class.
 * What is inside a box that clips it (overflow hidden or clip) or scrolls it in place (a wide table
 * in its own scrolling box, overflow auto or scroll) does not move the page: the box itself must fit.
 */
export interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  /** "table.regions (right edge 512 px)", the outermost offender of each branch, at most 10. */
  offenders: string[];
}

/** The project compiles without DOM types: the little of the DOM this reads. */
interface El {
  tagName: string; id: string; className: unknown; parentElement: El | null; children: ArrayLike<El>;
  getBoundingClientRect(): { right: number; width: number; height: number };
}
interface Win {
  innerWidth: number;
  document: { scrollingElement: { scrollWidth: number }; body: El };
  getComputedStyle(element: El): { overflowX: string; visibility: string; display: string; position: string };
}

export async function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const win = globalThis as unknown as Win;
    const width = win.innerWidth;
    const offenders: string[] = [];
    const name = (el: El) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    const path = (el: El) => {
      const names: string[] = [];
      for (let at: El | null = el; at && at !== win.document.body && names.length < 4; at = at.parentElement) names.unshift(name(at));
      return names.join(' > ');
    };
    const walk = (el: El) => {
      const style = win.getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return;
      const box = el.getBoundingClientRect();
      if ((box.width > 0 || box.height > 0) && box.right > width + 0.5) {
        offenders.push(`${path(el)} (right edge ${Math.round(box.right)} px)`);
        return;
      }
      if (style.overflowX !== 'visible') return;
      for (const child of Array.from(el.children)) walk(child);
    };
    walk(win.document.body);
    return { scrollWidth: win.document.scrollingElement.scrollWidth, innerWidth: width, offenders: offenders.slice(0, 10) };
  });
}

/** The page's same-origin links under `prefix`, one per shape (digits count as one id), without query or fragment. */
export async function linksUnder(page: Page, origin: string, prefix: string): Promise<string[]> {
  const hrefs = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => (a as unknown as { href: string }).href));
  return hrefs.map((href) => new URL(href)).filter((u) => u.origin === origin && u.pathname.startsWith(prefix)).map((u) => u.pathname);
}

export const shapeOf = (path: string) => path.replace(/\/\d+(?=\/|$)/g, '/:id');

/**
 * Visits every HTML page reachable from `start` through links under `prefix`, one of each shape,
 * breadth first, and calls `visit` on each; downloads (anything not text/html) and `skip` are left out.
 */
export async function crawl(context: BrowserContext, origin: string, start: string, prefix: string, skip: RegExp, visit: (page: Page, path: string) => Promise<void>, limit = 40): Promise<string[]> {
  const page = await context.newPage();
  const seen = new Set<string>([shapeOf(start)]);
  const queue = [start];
  const pages: string[] = [];
  while (queue.length && pages.length < limit) {
    const path = queue.shift()!;
    const response = await page.goto(`${origin}${path}`).catch(() => null);
    if (!response || response.status() !== 200 || !String(response.headers()['content-type']).startsWith('text/html')) continue;
    pages.push(path);
    await visit(page, path);
    for (const link of await linksUnder(page, origin, prefix)) {
      if (skip.test(link) || seen.has(shapeOf(link))) continue;
      seen.add(shapeOf(link));
      queue.push(link);
    }
  }
  await page.close();
  return pages;
}
