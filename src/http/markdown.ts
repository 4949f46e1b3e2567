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

export function renderMarkdown(markdown: string): SafeHtml {
  return raw(sanitizeHtml(marked.parse(markdown) as string, POLICY));
}

/** Plain text of Markdown, for feeds, e-mail subjects and meta descriptions. */
export function markdownToText(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
