import type { MessageId } from '../i18n/catalog.ts';
import { LOCALE_NAMES, LOCALES, type Locale } from '../i18n/locales.ts';
import type { Translator } from '../i18n/translator.ts';
import { html, SafeHtml } from './html.ts';

/**
 * A message as markup: its own text escaped, `SafeHtml` arguments (a link, a <strong>) placed
 * as they are. Translators write `{link}` where the fragment goes, so word order stays theirs.
 */
export function message(tr: Translator, id: MessageId, values: Record<string, SafeHtml | string | number | Date> = {}): SafeHtml {
  return html`${tr.parts<SafeHtml>(id, values)}`;
}

/**
 * Links to the same page in each language the site speaks. Each link names its language in that
 * language (lang and hreflang set, so screen readers pronounce it right); the current one is marked.
 */
export function languageMenu(tr: Translator, pathWithQuery: string, pageIn?: (locale: Locale) => string): SafeHtml {
  const [path = '/', query = ''] = pathWithQuery.split('?');
  const params = new URLSearchParams(query);
  // A static copy has no server to read ?lang=: it links to the page's copy in each language's folder.
  const hrefFor = pageIn ?? ((locale: Locale) => {
    params.set('lang', locale);
    return `${path}?${params.toString()}`;
  });
  return html`<nav class="language-menu" aria-label="${tr.t('common.languageMenu')}"><ul>${LOCALES.map((locale) => html`<li><a href="${hrefFor(locale)}" lang="${locale}" hreflang="${locale}"${locale === tr.locale ? html` aria-current="true"` : ''}>${LOCALE_NAMES[locale]}</a></li>`)}</ul></nav>`;
}
