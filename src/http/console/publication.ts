import type { Draft } from '../../publishing/draft-record.ts';
import type { PublicationPreview } from '../../publishing/publication-preview.ts';
import { html, type SafeHtml } from '../html.ts';
import type { Translator } from '../../i18n/translator.ts';
import { changeText } from './editorial-refusals.ts';
import { consolePage, csrfField, fieldLabel, type Viewer, frameOf, placeName } from './layout.ts';

/**
 * What publishing a draft now would be, as the reviewer's screen and the publish confirmation show
 * it (src/publishing/publication-preview.ts): the change type derived from what changed, the one
 * the editor chose when that differs, the changes that force "major", and who would be told.
 */

/** "3 people will be notified (4 messages), urgently." — counted by the fan-out's own query. */
export function audienceText(preview: PublicationPreview, tr: Translator): string {
  if (!preview.notify) return tr.t('consoleEditorial.audience.none');
  const { people, deliveries } = preview.audience;
  const messages = deliveries === people ? '' : tr.t('consoleEditorial.audience.messages', { deliveries: String(deliveries) });
  return tr.t('consoleEditorial.audience', { people, messages, urgent: preview.urgent ? 'yes' : 'no' });
}

const changeType = (tr: Translator, type: string | null) => (type ? tr.t('consoleEditorial.changeType', { type }) : tr.t('consoleEditorial.facts.notChosen'));

export function publicationFacts(preview: PublicationPreview, tr: Translator): SafeHtml {
  const chosen = preview.chosenChangeType;
  const separator = tr.t('consoleEditorial.labelSeparator');
  return html`<dl class="facts publication">
<dt>${tr.t('consoleEditorial.facts.publishedAs')}</dt><dd id="derived-type"><strong>${changeType(tr, preview.changeType)}</strong>${preview.changeTypeDerived ? tr.t('consoleEditorial.facts.derived') : ''}</dd>
${chosen !== preview.changeType ? html`<dt>${tr.t('consoleEditorial.facts.chosen')}</dt><dd id="chosen-type">${changeType(tr, chosen)}</dd>` : ''}
${preview.mandatoryChanges.length ? html`<dt>${tr.t('consoleEditorial.facts.alwaysMajor')}</dt><dd><ul class="mandatory">${preview.mandatoryChanges.map((c) => html`<li><strong>${fieldLabel(c.field, tr)}</strong>${separator}${changeText(tr, c.message)}</li>`)}</ul></dd>` : ''}
${preview.notify ? html`<dt>${tr.t('consoleEditorial.facts.publicNote')}</dt><dd>${preview.changeNote}</dd>` : ''}
<dt>${tr.t('consoleEditorial.facts.notifies')}</dt><dd id="audience">${audienceText(preview, tr)}</dd>
</dl>`;
}

/**
 * The publish confirmation: nothing is published until the reviewer has seen what it will be and
 * who will be told, and confirms. The form carries the version they saw, so a draft that changed
 * meanwhile is refused, not published.
 */
export function confirmationPage(viewer: Viewer, draft: Draft, version: number, preview: PublicationPreview): string {
  const { tr } = viewer;
  return consolePage({
    title: tr.t('consoleEditorial.confirm.title', { name: placeName(tr, draft.code, draft.name) }),
    ...frameOf(viewer),
    nav: 'destinations',
    main: html`<div class="crumbs"><a href="/console/destinations">${tr.t('console.nav.destinations')}</a> › <a href="/console/destinations/${draft.code}">${placeName(tr, draft.code, draft.name)}</a> › <a href="/console/drafts/${draft.id}">${tr.t('consoleEditorial.drafts.draft', { id: draft.id })}</a> ›</div>
<div class="card narrow confirm" id="confirm-publish"><h1>${tr.t('consoleEditorial.confirm.heading', { name: placeName(tr, draft.code, draft.name) })}</h1>
${preview.changeTypeDerived ? html`<div class="callout"><strong>${tr.t('consoleEditorial.confirm.forced', { chosen: preview.chosenChangeType ? changeType(tr, preview.chosenChangeType) : tr.t('consoleEditorial.confirm.nothing') })}</strong>${tr.t('consoleEditorial.confirm.forcedWhy')}</div>` : ''}
${publicationFacts(preview, tr)}
<p class="small muted">${tr.t('consoleEditorial.confirm.atOnce')}</p>
<form method="post" action="/console/drafts/${draft.id}/publish" class="row">${csrfField(viewer.csrf)}<input type="hidden" name="version" value="${version}"><input type="hidden" name="confirm" value="yes">
<button type="submit" class="ok">${tr.t('consoleEditorial.confirm.publish')}</button>
<a class="button secondary" href="/console/drafts/${draft.id}">${tr.t('consoleEditorial.confirm.cancel')}</a>
<a href="/console/drafts/${draft.id}/diff">${tr.t('consoleEditorial.confirm.review')}</a></form>
</div>`,
  });
}
