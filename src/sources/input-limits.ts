import { FeedError } from './imported.ts';

/**
 * Linear-time checks that run before any parser sees untrusted feed text. A real feed is a few
 * hundred items, a few levels deep; these bounds are far above that, and far below what would let a
 * crafted input take minutes (backtracking regexes) or gigabytes (millions of parsed objects).
 */

/** Nesting deeper than this is not a feed: the Consular Affairs JSON is 3 deep, RSS about 5. */
export const MAX_DEPTH = 32;
/** JSON objects and arrays, or XML elements, in one feed (the real one has about 2,000). */
export const MAX_NODES = 100_000;

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

/**
 * Whether the text is an HTML page (a bot challenge, an error page) rather than XML: after an optional
 * XML declaration and any comments, an HTML doctype or <html>. One pass with indexOf, never a regex
 * over the comments, which backtracked exponentially on "<!---->" repeated.
 */
export function isHtmlPage(body: string): boolean {
  let at = skipSpace(body, 0);
  if (body.startsWith('<?xml', at)) {
    const end = body.indexOf('?>', at);
    if (end < 0) return false;
    at = skipSpace(body, end + 2);
  }
  while (body.startsWith('<!--', at)) {
    const end = body.indexOf('-->', at + 4);
    if (end < 0) return false;
    at = skipSpace(body, end + 3);
  }
  const head = body.slice(at, at + 20).toLowerCase();
  return /^<!doctype\s+html\b/.test(head) || /^<html[\s>]/.test(head) || head === '<html';
}

/** Refuses JSON nested deeper than MAX_DEPTH or with more than MAX_NODES containers, before JSON.parse. */
export function checkJsonShape(body: string): void {
  let depth = 0;
  let nodes = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip the string, escapes included.
      for (i++; i < body.length && body.charCodeAt(i) !== 0x22; i++) if (body.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > MAX_DEPTH) throw new FeedError(`the JSON is nested more than ${MAX_DEPTH} levels deep; a feed is not`);
      if (++nodes > MAX_NODES) throw new FeedError(`the JSON has more than ${MAX_NODES.toLocaleString('en')} objects and arrays; a feed has far fewer`);
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
}

/** Refuses XML with more than MAX_NODES elements or nested deeper than MAX_DEPTH (CDATA and comments skipped). */
export function checkXmlShape(body: string): void {
  let depth = 0;
  let nodes = 0;
  for (let i = body.indexOf('<'); i >= 0 && i < body.length; i = body.indexOf('<', i + 1)) {
    if (body.startsWith('<![CDATA[', i)) {
      const end = body.indexOf(']]>', i);
      if (end < 0) return;
      i = end;
    } else if (body.startsWith('<!--', i)) {
      const end = body.indexOf('-->', i);
      if (end < 0) return;
      i = end;
    } else if (body[i + 1] === '/') {
      depth--;
    } else if (body[i + 1] !== '?' && body[i + 1] !== '!') {
      const end = body.indexOf('>', i);
      if (end < 0) return;
      if (++nodes > MAX_NODES) throw new FeedError(`the XML has more than ${MAX_NODES.toLocaleString('en')} elements; a feed has far fewer`);
      if (body[end - 1] !== '/' && ++depth > MAX_DEPTH) throw new FeedError(`the XML is nested more than ${MAX_DEPTH} levels deep; a feed is not`);
      i = end;
    }
  }
}
