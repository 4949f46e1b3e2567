import { describe, expect, it } from 'vitest';
import { html, raw } from './html.ts';

describe('html templates', () => {
  it('escape interpolated text, including attribute quotes', () => {
    const name = `<script>alert("x")</script>' onmouseover='y`;
    expect(html`<a title="${name}">${name}</a>`.value).toBe(
      '<a title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y</a>',
    );
  });

  it('nest safe fragments and lists without escaping them twice', () => {
    const items = ['a&b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&amp;b</li><li>c</li></ul>');
    expect(html`${raw('<b>ok</b>')}${null}${undefined}${false}${0}`.value).toBe('<b>ok</b>0');
  });
});
