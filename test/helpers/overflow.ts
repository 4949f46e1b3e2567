import type { Page } from 'playwright-core';

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
  /**
   * Boxes that fit but scroll their content sideways inside them ("div.table-wrap (content 900 px in
   * 358 px)"): on a phone a table should become cards instead. Preformatted text is left out.
   */
  scrollers: string[];
}

/** The project compiles without DOM types: the little of the DOM this reads. */
interface El {
  tagName: string; id: string; className: unknown; parentElement: El | null; children: ArrayLike<El>; scrollWidth: number; clientWidth: number;
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
    const scrollers: string[] = [];
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
      if (style.overflowX !== 'visible') {
        if (/auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'PRE') {
          // Named with its widest descendant, which is what to fix.
          let widest: El = el;
          const visit = (child: El) => {
            if (child.getBoundingClientRect().width > widest.getBoundingClientRect().width || widest === el) widest = child;
            for (const next of Array.from(child.children)) visit(next);
          };
          for (const child of Array.from(el.children)) visit(child);
          scrollers.push(`${path(el)} (content ${el.scrollWidth} px in ${el.clientWidth} px; widest: ${name(widest)})`);
        }
        return;
      }
      for (const child of Array.from(el.children)) walk(child);
    };
    walk(win.document.body);
    return { scrollWidth: win.document.scrollingElement.scrollWidth, innerWidth: width, offenders: offenders.slice(0, 10), scrollers: scrollers.slice(0, 10) };
  });
}
