import { SafeHtml } from './html.ts';

/**
 * Tables as cards on a phone (issue 16, "Mobile first"): every table with a one-row header gets
 * the class `cards`, and each body cell the `data-label` of its column's header, so that the
 * style sheets (narrow-and-print.css, console.css) can show one card per row on a narrow screen,
 * each value saying what it is, instead of a table that scrolls sideways. The labels are read from
 * the header the page already has, so they are never written twice nor translated twice; a page
 * only marks a table itself (class `stack` and its own labels) to say something else.
 *
 * This reads markup our own `html` templates produced, not arbitrary HTML: tables are not nested,
 * tags are well formed. A table it cannot read for sure (nested, several header rows, a header
 * cell spanning columns) is left as it was.
 */
export function tablesAsCards(markup: SafeHtml): SafeHtml {
  return new SafeHtml(markup.value.replace(/<table\b([^>]*)>([\s\S]*?)<\/table>/g, (whole, attributes: string, inner: string) => {
    if (/<table\b/.test(inner) || /\bclass="[^"]*\bstack\b/.test(attributes)) return whole;
    const head = /^\s*(?:<caption\b[\s\S]*?<\/caption>\s*)?<thead\b[^>]*>([\s\S]*?)<\/thead>/.exec(inner);
    const headRows = head?.[1]!.match(/<tr\b[\s\S]*?<\/tr>/g);
    if (!head || headRows?.length !== 1 || /colspan/.test(headRows[0]!)) return whole;
    const labels = [...headRows[0]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)]
      .map(([, text]) => text!.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().replace(/"/g, '&quot;'));
    const rest = inner.slice(head.index + head[0].length).replace(/<tr\b[^>]*>[\s\S]*?<\/tr>/g, (row) => {
      let column = 0;
      return row.replace(/<(td|th)\b([^>]*)>/g, (cell, tag: string, cellAttributes: string) => {
        const label = labels[column];
        column += Number(/\bcolspan="(\d+)"/.exec(cellAttributes)?.[1] ?? 1);
        return tag === 'td' && label && !/\bdata-label=/.test(cellAttributes) ? `<td data-label="${label}"${cellAttributes}>` : cell;
      });
    });
    const classed = /\bclass="/.test(attributes) ? attributes.replace(/\bclass="/, 'class="cards ') : `${attributes} class="cards"`;
    return `<table${classed}>${inner.slice(0, head.index + head[0].length)}${rest}</table>`;
  }));
}
