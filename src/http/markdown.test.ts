import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown.ts';

describe('markdown', () => {
  it('renders lists, emphasis and links', () => {
    expect(renderMarkdown('**Leave** now.\n\n- one\n- [two](https://example.org)').value).toBe(
      '<p><strong>Leave</strong> now.</p>\n<ul>\n<li>one</li>\n<li><a href="https://example.org" rel="noopener noreferrer">two</a></li>\n</ul>\n',
    );
  });

  it('makes script, event handlers and javascript: links inert', () => {
    const out = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href="#" onclick="alert(1)">y</a>').value;
    expect(out).not.toMatch(/<script|onerror|onclick|href="javascript:|<img/i);
    expect(out).toContain("<a href=\"#\"");
  });

  it('gives plain text for feeds', () => {
    expect(markdownToText('**Do not** travel & <b>stay</b> safe.')).toBe('Do not travel & stay safe.');
  });
});
