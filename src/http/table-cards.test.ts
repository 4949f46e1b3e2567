import { describe, expect, it } from 'vitest';
import { html } from './html.ts';
import { tablesAsCards } from './table-cards.ts';

describe('tablesAsCards', () => {
  it('labels each body cell with its column\'s header and marks the table', () => {
    const table = html`<table class="data"><thead><tr><th scope="col">Destination</th><th scope="col">Level <span class="small">(now)</span></th><th></th></tr></thead>
<tbody><tr><th scope="row">Russia</th><td>4</td><td><a href="/x">Edit</a></td></tr><tr><td colspan="2">Nothing</td><td>x</td></tr></tbody></table>`;
    const out = tablesAsCards(table).value;
    expect(out).toContain('<table class="cards data">');
    expect(out).toContain('<th scope="row">Russia</th><td data-label="Level (now)">4</td><td><a href="/x">Edit</a></td>');
    // A cell spanning two columns takes the first one's label; the next cell the third's (none).
    expect(out).toContain('<td data-label="Destination" colspan="2">Nothing</td><td>x</td>');
  });

  it('escapes quotes in a label and keeps labels a page gave itself', () => {
    const out = tablesAsCards(html`<table><thead><tr><th>${'The "level"'}</th></tr></thead><tbody><tr><td data-label="Own">1</td></tr><tr><td>2</td></tr></tbody></table>`).value;
    expect(out).toContain('<td data-label="Own">1</td>');
    expect(out).toContain('<td data-label="The &quot;level&quot;">2</td>');
    expect(out).toContain('<table class="cards">');
  });

  it('leaves alone what it cannot read for sure: no header, a spanning header, a table marked stack', () => {
    for (const table of [
      html`<table><tr><th>Key</th><td>Value</td></tr></table>`,
      html`<table><thead><tr><th colspan="2">Both</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>`,
      html`<table class="stack"><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>`,
    ]) expect(tablesAsCards(table).value).toBe(table.value);
  });
});
