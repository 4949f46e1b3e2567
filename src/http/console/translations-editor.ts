import { LOCALE_NAMES, type Locale } from '../../i18n/locales.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import type { FieldMessage } from './layout.ts';
import { field } from './missions-editor.ts';
import type { SectionModel } from './form.ts';
import { TRANSLATION_LANGUAGES, type TranslationsModel } from './translations-form.ts';

/**
 * The editor's "Translations" card (translations-form.ts reads it back): one part per language,
 * chosen by opening it, holding the summary and, for each section of the original already saved,
 * its heading and text. Reviewed and published with the draft; a part left empty is shown to
 * readers in the original with a note.
 */
export function translationsCard(tr: Translator, errors: readonly FieldMessage[], sections: readonly SectionModel[], model: TranslationsModel): SafeHtml {
  const saved = sections.filter((s) => s.slug);
  return html`<section class="card" id="translations"><h2>${tr.t('consoleDrafts.translations.title')}</h2>
<p class="hint">${tr.t('consoleDrafts.translations.hint')}</p>
${TRANSLATION_LANGUAGES.map((lang) => languagePart(tr, errors, lang, saved, model[lang]))}
</section>`;
}

function languagePart(tr: Translator, errors: readonly FieldMessage[], lang: Locale, sections: readonly SectionModel[], t: TranslationsModel[Locale]): SafeHtml {
  const at = `translations.${lang}`;
  const mine = errors.filter((e) => e.field === at || e.field.startsWith(`${at}.`));
  const done = sections.filter((s) => t?.sections[s.slug]?.body.trim()).length;
  return html`<details class="block" id="f-translations-${lang}"${t || mine.length ? html` open` : ''}>
<summary><span class="title">${LOCALE_NAMES[lang]} (${lang})</span> <span class="small">${t ? tr.t('consoleDrafts.translations.state', { summary: t.summary.trim() ? 'translated' : 'missing', done, total: sections.length }) : tr.t('consoleDrafts.translations.none')}</span></summary>
<div lang="${lang}">
${field(errors, `${at}.summary`, `tr_${lang}_summary`, tr.t('consoleDrafts.translations.summary', { language: LOCALE_NAMES[lang] }), t?.summary ?? '', { rows: 8, hint: tr.t('consoleDrafts.translations.summaryHint') })}
${sections.map((section) => html`<fieldset class="field"><legend lang="en">${section.title || section.slug}</legend>
${field(errors, `${at}.sections.${section.slug}.title`, `tr_${lang}_s_${section.slug}_title`, tr.t('consoleDrafts.edit.heading'), t?.sections[section.slug]?.title ?? '', { hint: tr.t('consoleDrafts.translations.headingHint') })}
${field(errors, `${at}.sections.${section.slug}`, `tr_${lang}_s_${section.slug}_body`, tr.t('consoleDrafts.edit.text'), t?.sections[section.slug]?.body ?? '', { rows: 5 })}
</fieldset>`)}
</div>
</details>`;
}
