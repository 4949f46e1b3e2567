import type { Section } from '../../domain/advisory.ts';
import { localiseText, ORIGINAL_LANGUAGE, type AdvisoryTranslations, type LocalisedText } from '../../domain/advisory-translations.ts';
import type { Locale } from '../../i18n/locales.ts';
import { translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { renderMarkdown } from '../markdown.ts';

/**
 * An advisory's summary and sections on the destination page in the reader's language (issue 16):
 * the translation where there is one, otherwise the original under a visible note in the reader's
 * language. Each block says its language (`lang`), so screen readers and translation tools read it
 * right. A reader of the original's language gets exactly the markup the page always had.
 */
export interface AdvisoryText {
  summary: SafeHtml;
  sections: SafeHtml;
  /** The sections' headings as shown, for the contents list. */
  headings: Section[];
}

type Content = { summary: string; sections: readonly Section[]; translations?: AdvisoryTranslations | null };

export function advisoryText(content: Content, locale: Locale): AdvisoryText {
  const text = localiseText(content, locale);
  const tr = translator(locale);
  // Only when a translation was wanted: the original's readers see no lang attributes and no notes.
  const wanted = locale !== ORIGINAL_LANGUAGE;
  const lang = (piece: LocalisedText) => (wanted ? html` lang="${piece.lang}"` : '');
  const note = (piece: LocalisedText) => (piece.missing ? html`<p class="translation-note" lang="${locale}">${tr.t('common.translationMissing')}</p>` : '');
  const translated = wanted && !text.summary.missing ? html`<p class="translation-note" lang="${locale}">${tr.t('translations.translatedNote')}</p>` : '';
  return {
    summary: html`${note(text.summary)}${translated}<div class="prose"${lang(text.summary)}>${renderMarkdown(text.summary.text)}</div>`,
    sections: html`${text.sections.map((section) => html`<details class="advice-section fold">
<summary><h2 id="${section.slug}"${lang(section.title)}>${section.title.text}</h2></summary>
${note(section.body)}<div class="prose"${lang(section.body)}>${renderMarkdown(section.body.text)}</div>
</details>`)}`,
    headings: text.sections.map((section) => ({ slug: section.slug, title: section.title.text, body: '' })),
  };
}
