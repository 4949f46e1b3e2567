import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { raw, type SafeHtml } from './html.ts';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/**
 * Advisory text is Markdown from editors and importers. It is rendered, then sanitised to a small
 * safe subset, so neither a hostile editor nor a hostile feed can put script on a public page.
 */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'ul', 'ol', 'li', 'a', 'strong', 'b', 'em', 'i', 'br', 'h3', 'h4', 'blockquote', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};
POLICY.allowedAttributes = { a: ['href', 'rel'] };

/**
 * Rendered text by its Markdown: the same sections show on a destination's page in each language and
 * on each of its revision pages, and rendering plus sanitising is the export's largest cost. Bounded:
 * emptied when full, which on a live server happens only after thousands of distinct texts.
 */
const rendered = new Map<string, SafeHtml>();
const RENDERED_MAX = 5000;

export function renderMarkdown(markdown: string): SafeHtml {
  let html = rendered.get(markdown);
  if (!html) {
    if (rendered.size >= RENDERED_MAX) rendered.clear();
    rendered.set(markdown, html = raw(sanitizeHtml(marked.parse(markdown) as string, POLICY)));
  }
  return html;
}

/** Plain text of Markdown, for feeds, e-mail subjects and meta descriptions. */
export function markdownToText(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
