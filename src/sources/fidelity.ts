import type { ParsedFeed } from './imported.ts';

/**
 * How faithfully a parsed feed keeps what the publisher wrote: the figures of the fidelity table in
 * docs/sources.md, checked by the tests over the bundled feed and the hand-made later-feed fixture.
 */
export interface Fidelity {
  items: number;
  /** Advisories: one per destination. */
  destinations: number;
  /** Items merged into another item's advisory (as a region, or superseded by a newer one). */
  merged: number;
  unmapped: number;
  /** Items naming a group of territories, each applied to its destinations (counted in `destinations`). */
  groupItems: number;
  /** Items with no decision at all: must be 0. */
  droppedSilently: number;
  regions: number;
  advisoriesWithRegions: number;
  sections: number;
  /** Headings kept inside a section (### and ####). */
  subHeadings: number;
  advisoriesWithoutSections: number;
  /** <h1>–<h6> in the feed's descriptions. */
  htmlHeadings: number;
  /** Heading titles run into the next sentence ("Crime Crime continues…"): must be 0. */
  headingsGlued: number;
}

/**
 * The titles an item's description sets apart as headings: <hN>, a bold paragraph of its own, or bold
 * ended by a line break ("<b>Title<br></b>"). Bold that runs on into its sentence is emphasis.
 */
function headingTitles(html: string): string[] {
  const titles = [
    ...html.matchAll(/<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/gi),
    ...html.matchAll(/<p[^>]*>\s*<(?:b|strong)[^>]*>([^<]{2,80}?)(?:<br\s*\/?>\s*<\/(?:b|strong)>|<\/(?:b|strong)>\s*(?:<br\s*\/?>|<\/p>))/gi),
  ].map((m) => m[1]!.replace(/<[^>]*>/g, '').replace(/&nbsp;|\s+/g, ' ').trim().replace(/:$/, ''));
  return [...new Set(titles.filter((t) => t && !/[.!?]$/.test(t) && t.split(' ').length <= 8))];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a title starts a line of the plain text and runs straight into a new sentence. */
function glued(title: string, text: string): boolean {
  return new RegExp(`(?:^|\\n)${escapeRegExp(title)}[ \\t]+[A-Z]`).test(text);
}

/** Markdown to plain lines: emphasis, heading marks and list bullets removed. */
function plain(markdown: string): string {
  return markdown.replace(/^#{1,6}\s+/gm, '').replace(/^\s*[-*]\s+/gm, '').replace(/[*_]{1,2}/g, '');
}

/** The descriptions of the items of an RSS feed, by title (the same title twice keeps both). */
function descriptions(rss: string): Map<string, string[]> {
  const byTitle = new Map<string, string[]>();
  for (const item of rss.split(/<item>/).slice(1)) {
    const title = (/<title>([\s\S]*?)<\/title>/.exec(item)?.[1] ?? '').replace(/\s+/g, ' ').trim();
    const html = /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(item)?.[1] ?? '';
    byTitle.set(title, [...(byTitle.get(title) ?? []), html]);
  }
  return byTitle;
}

export function measureFidelity(rss: string, feed: ParsedFeed): Fidelity {
  const html = descriptions(rss);
  let headingsGlued = 0;
  for (const entry of feed.entries) {
    const text = plain([entry.content.summary, ...entry.content.sections.map((s) => s.body), ...entry.content.regions.map((r) => r.summary)].join('\n'));
    const items = [entry.title, ...feed.merges.filter((m) => m.code === entry.code).map((m) => m.title)];
    const titles = items.flatMap((title) => html.get(title) ?? []).flatMap(headingTitles);
    headingsGlued += titles.filter((title) => glued(title, text)).length;
  }
  const sections = feed.entries.flatMap((e) => e.content.sections);
  return {
    items: feed.items,
    destinations: feed.entries.length,
    merged: feed.merges.length,
    unmapped: feed.unmapped.length,
    groupItems: feed.groups.length,
    // A group item's copies (entries and merges marked fromGroup) are one item, counted once as a group.
    droppedSilently: feed.items - feed.entries.filter((e) => !e.fromGroup).length - feed.merges.filter((m) => !m.fromGroup).length - feed.unmapped.length - feed.groups.length,
    regions: feed.entries.reduce((n, e) => n + e.content.regions.length, 0),
    advisoriesWithRegions: feed.entries.filter((e) => e.content.regions.length > 0).length,
    sections: sections.length,
    subHeadings: sections.reduce((n, s) => n + (s.body.match(/^#{3,4} /gm)?.length ?? 0), 0),
    advisoriesWithoutSections: feed.entries.filter((e) => e.content.sections.length === 0).length,
    htmlHeadings: [...html.values()].flat().reduce((n, d) => n + (d.match(/<h[1-6][\s>]/gi)?.length ?? 0), 0),
    headingsGlued,
  };
}
