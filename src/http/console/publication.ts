import type { Draft } from '../../publishing/draft-record.ts';
import type { PublicationPreview } from '../../publishing/publication-preview.ts';
import { html, type SafeHtml } from '../html.ts';
import { consolePage, csrfField, fieldLabel, type Viewer, frameOf } from './layout.ts';

/**
 * What publishing a draft now would be, as the reviewer's screen and the publish confirmation show
 * it (src/publishing/publication-preview.ts): the change type derived from what changed, the one
 * the editor chose when that differs, the changes that force "major", and who would be told.
 */

/** "3 people will be notified (4 messages), urgently." — counted by the fan-out's own query. */
export function audienceText(preview: PublicationPreview): string {
  if (!preview.notify) return 'Nobody will be notified: a minor change.';
  const { people, deliveries } = preview.audience;
  const messages = deliveries === people ? '' : ` (${deliveries} messages)`;
  return `${people} ${people === 1 ? 'person' : 'people'} will be notified${messages}${preview.urgent ? ', urgently' : ''}.`;
}

export function publicationFacts(preview: PublicationPreview): SafeHtml {
  const chosen = preview.chosenChangeType;
  return html`<dl class="facts publication">
<dt>Published as</dt><dd id="derived-type"><strong>${preview.changeType}</strong>${preview.changeTypeDerived ? ' (derived from what changed)' : ''}</dd>
${chosen !== preview.changeType ? html`<dt>Chosen</dt><dd id="chosen-type">${chosen ?? 'not chosen yet'}</dd>` : ''}
${preview.mandatoryChanges.length ? html`<dt>Always major</dt><dd><ul class="mandatory">${preview.mandatoryChanges.map((c) => html`<li><strong>${fieldLabel(c.field)}</strong>: ${c.message}</li>`)}</ul></dd>` : ''}
${preview.notify ? html`<dt>Public note</dt><dd>${preview.changeNote}</dd>` : ''}
<dt>Notifies</dt><dd id="audience">${audienceText(preview)}</dd>
</dl>`;
}

/**
 * The publish confirmation: nothing is published until the reviewer has seen what it will be and
 * who will be told, and confirms. The form carries the version they saw, so a draft that changed
 * meanwhile is refused, not published.
 */
export function confirmationPage(viewer: Viewer, draft: Draft, version: number, preview: PublicationPreview): string {
  return consolePage({
    title: `Publish ${draft.name}?`,
    ...frameOf(viewer),
    nav: 'destinations',
    main: html`<div class="crumbs"><a href="/console/destinations">Destinations</a> › <a href="/console/destinations/${draft.code}">${draft.name}</a> › <a href="/console/drafts/${draft.id}">draft ${draft.id}</a> ›</div>
<div class="card narrow confirm" id="confirm-publish"><h1>Publish ${draft.name} now?</h1>
${preview.changeTypeDerived ? html`<div class="callout"><strong>This change will be published as major although it was marked ${preview.chosenChangeType ?? 'nothing'}</strong>: travellers are always told of it.</div>` : ''}
${publicationFacts(preview)}
<p class="small muted">The public pages, API and feeds show the new revision at once. Trips and subscriptions change: the count is the one of this moment.</p>
<form method="post" action="/console/drafts/${draft.id}/publish" class="row">${csrfField(viewer.csrf)}<input type="hidden" name="version" value="${version}"><input type="hidden" name="confirm" value="yes">
<button type="submit" class="ok">Publish now</button>
<a class="button secondary" href="/console/drafts/${draft.id}">Cancel</a>
<a href="/console/drafts/${draft.id}/diff">Review the changes</a></form>
</div>`,
  });
}
