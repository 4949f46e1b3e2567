import sanitizeHtml from 'sanitize-html';
import TurndownService from 'turndown';

/** Where the feed's relative links (href="/en/…") point; other publishers pass their own origin. */
const PUBLISHER_ORIGIN = 'https://travel.state.gov/';

/** The only markup an imported advisory keeps; everything else (scripts, spans, styles) is dropped. */
function policy(origin: string): sanitizeHtml.IOptions {
  return {
    // Headings are kept: newer feeds title their sections with <h3>–<h5>, and dropping the tag would glue the title to the text.
    allowedTags: ['p', 'ul', 'ol', 'li', 'a', 'b', 'strong', 'i', 'em', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: {
      // A few advisories mark headings with a styled span instead of <b>; keep them recognisable as headings.
      span: (_tag, attribs) => ({ tagName: /\bheader-paragraph\b/.test(attribs.class ?? '') ? 'b' : 'span', attribs: {} }),
      a: (_tag, attribs) => ({ tagName: 'a', attribs: absoluteHref(attribs.href, origin) }),
    },
  };
}

const POLICIES = new Map<string, sanitizeHtml.IOptions>();

/** Relative links would point at our own site once published, so they are made absolute; fragments go. */
function absoluteHref(href: string | undefined, origin: string): Record<string, string> {
  if (!href || href.startsWith('#')) return {};
  try {
    const url = new URL(href.trim(), origin);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? { href: url.href } : {};
  } catch {
    return {};
  }
}

/** Sanitises feed HTML to the safe subset and removes the publisher's typing debris (nbsp runs, empty <b></b>). */
export function cleanHtml(html: string, origin = PUBLISHER_ORIGIN): string {
  if (!POLICIES.has(origin)) POLICIES.set(origin, policy(origin));
  let clean = sanitizeHtml(html, POLICIES.get(origin))
    .replace(/&nbsp;|[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[ \t]{2,}/g, ' ');
  for (let previous = ''; previous !== clean; ) {
    previous = clean;
    clean = clean
      .replace(/<(b|strong|i|em)>(\s*)<\/\1>/g, '$2')
      // "<b>Heading<br></b>": a break inside emphasis would leave Markdown's ** dangling on the next line.
      .replace(/((?:\s*<br \/>)+\s*)<\/(b|strong|i|em)>/g, '</$2>$1')
      .replace(/<(b|strong|i|em)>((?:\s*<br \/>)+\s*)/g, '$2<$1>');
  }
  return clean;
}

/** A top-level paragraph, list or heading (`h`, with its rank 1–6) of cleaned HTML. */
export interface Block {
  tag: 'p' | 'ul' | 'ol' | 'h';
  inner: string;
  /** Heading rank: 3 for <h3>. */
  rank?: number;
}

/**
 * Splits cleaned HTML into its top-level blocks. Text outside any block becomes a paragraph; when it
 * runs straight into one that continues its sentence ("Exercise increased caution<p>in <b>Mexico</b> …",
 * as the feed often has), the two are joined. A paragraph that starts a new sentence is never joined:
 * that is how a stray title would end up glued to its text ("Crime Crime continues…").
 */
export function splitBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let loose = '';
  const flushLoose = () => {
    if (textOf(loose)) blocks.push({ tag: 'p', inner: loose.trim() });
    loose = '';
  };
  let depth = 0;
  let cursor = 0;
  let open: { tag: Block['tag']; rank: number; contentStart: number } | undefined;
  for (const match of html.matchAll(/<(\/?)(p|ul|ol|h[1-6])>/g)) {
    const closing = match[1] === '/';
    const name = match[2]!;
    const tag: Block['tag'] = name.startsWith('h') ? 'h' : (name as Block['tag']);
    if (!closing) {
      if (depth === 0) {
        loose += html.slice(cursor, match.index);
        open = { tag, rank: tag === 'h' ? Number(name[1]) : 0, contentStart: match.index + match[0].length };
      }
      depth += 1;
    } else if (depth > 0) {
      depth -= 1;
      if (depth === 0 && open) {
        let inner = html.slice(open.contentStart, match.index);
        if (open.tag === 'p' && textOf(loose) && /^[a-z]/.test(textOf(inner))) inner = `${loose.trim()} ${inner.trim()}`;
        else flushLoose();
        loose = '';
        if (textOf(inner)) blocks.push(open.tag === 'h' ? { tag: 'h', rank: open.rank, inner: inner.trim() } : { tag: open.tag, inner: inner.trim() });
        open = undefined;
        cursor = match.index + match[0].length;
      }
    }
  }
  loose += open ? html.slice(open.contentStart) : html.slice(cursor);
  flushLoose();
  return blocks;
}

export function blockHtml(block: Block): string {
  const tag = block.tag === 'h' ? `h${block.rank ?? 3}` : block.tag;
  return `<${tag}>${block.inner}</${tag}>`;
}

const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-' });
// The feed nests <b> in <b>; Markdown has no nested bold, and "****x****" renders as stray asterisks.
turndown.addRule('nestedBold', {
  filter: (node) => /^(?:B|STRONG)$/.test(node.nodeName) && /^(?:B|STRONG)$/.test(node.parentNode?.nodeName ?? ''),
  replacement: (content) => content,
});

/** Markdown for cleaned HTML; the stored form of every advisory text. */
export function toMarkdown(html: string): string {
  return html.trim() ? turndown.turndown(html).trim() : '';
}

/** Plain text of (cleaned or raw) HTML: line breaks kept as newlines, whitespace otherwise collapsed. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, ''))
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[ \t\r]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the XML entities and numeric references (titles come from the XML with entities left alone). */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (whole, dec: string, hex: string, name: string) => {
    if (name) return NAMED[name.toLowerCase()] ?? whole;
    const point = dec ? Number(dec) : parseInt(hex, 16);
    return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
  });
}
