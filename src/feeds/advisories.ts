import { Feed } from 'feed';
import { ORIGINAL_LANGUAGE } from '../domain/advisory-translations.ts';
import { DEFAULT_LOCALE } from '../i18n/locales.ts';
import { INDICATOR_NAMES } from '../domain/indicators.ts';
import { levelLabel } from '../domain/levels.ts';
import { html } from '../http/html.ts';
import type { PublishedChange } from '../site/queries.ts';

/** What a feed is about and where it lives; every URL absolute. */
export interface FeedDescription {
  title: string;
  description: string;
  /** The feed's own URL (Atom rel="self", and its id). */
  selfUrl: string;
  /** The page the feed follows. */
  pageUrl: string;
  /** Absolute URLs of the destination page and revision page of a change. */
  pageFor(change: PublishedChange): string;
  revisionFor(change: PublishedChange): string;
  /** The deployment's authority (docs/identity.md): the feed's author; each entry names its own source. */
  publisher: string;
}

/** "Russia: Level 4 – Do Not Travel": how every entry is titled. */
export function changeTitle(change: Pick<PublishedChange, 'name' | 'level'>): string {
  return `${change.name}: Level ${change.level} – ${levelLabel(change.level)}`;
}

/**
 * Builds one feed of major changes (the ones that notify people), newest first. Each entry links
 * to the destination page, carries the change note and the level, and is identified by the
 * revision page, which never changes.
 */
function buildFeed(about: FeedDescription, changes: readonly PublishedChange[], titleText: (plain: string) => string): Feed {
  const newest = changes[0];
  const feed = new Feed({
    title: about.title,
    description: about.description,
    id: about.selfUrl,
    link: about.pageUrl,
    feed: about.selfUrl,
    // Feeds are written in the default language (docs/public-site.md): their titles are the advisories' own.
    language: DEFAULT_LOCALE,
    // The software, as in "powered by"; the publisher is the author.
    generator: 'Waypost',
    author: { name: about.publisher },
    // The newest change, not the clock: the same publication gives byte-identical feeds (and ETags).
    updated: new Date(newest ? newest.publishedAt : 0),
    copyright: 'Advisory texts as credited by each source',
  });
  for (const change of changes) {
    const page = about.pageFor(change);
    feed.addItem({
      title: titleText(changeTitle(change)),
      id: about.revisionFor(change),
      guid: about.revisionFor(change),
      link: page,
      date: new Date(change.publishedAt),
      // Atom summaries are type="html" and RSS readers treat descriptions as HTML: a note saying "<b>" stays text.
      description: escapeText(change.changeNote || `No change note. ${changeTitle(change)}.`),
      content: entryContent(change),
      category: [{ name: `Level ${change.level}`, term: `level-${change.level}` }],
      // Published here: the authority it was credited to; imported: its government, as on the page.
      author: [{ name: change.sourceAuthority }],
    });
  }
  return feed;
}

function entryContent(change: PublishedChange): string {
  const risks = change.indicators.map((code) => INDICATOR_NAMES[code]).join(', ');
  return html`<p><strong>Level ${change.level}: ${levelLabel(change.level)}</strong>${change.departureUrged ? ' – departure urged' : ''}</p>
<p>${change.changeNote}</p>${risks ? html`<p>Risks: ${risks}</p>` : ''}`.toString();
}

/**
 * Atom titles are type="html" too. Each entry says the language of its text (xml:lang): the
 * change note and title are the original's words, whatever translations the advisory has. The
 * feed library has no per-entry language; every `<entry>` tag is its own (text inside is escaped).
 */
export function atomFeed(about: FeedDescription, changes: readonly PublishedChange[]): string {
  // The feed library writes no xml:lang; Atom readers take the language from it (RSS has <language>); each entry's text is the original's.
  return buildFeed(about, changes, escapeText).atom1().replaceAll('<entry>', `<entry xml:lang="${ORIGINAL_LANGUAGE}">`).replace('<feed xmlns="http://www.w3.org/2005/Atom">', `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${DEFAULT_LOCALE}">`);
}

/** RSS titles are plain text. */
export function rssFeed(about: FeedDescription, changes: readonly PublishedChange[]): string {
  return buildFeed(about, changes, (plain) => plain).rss2();
}

const escapeText = (plain: string) => plain.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
