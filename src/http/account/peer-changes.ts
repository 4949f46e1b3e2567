import type { FastifyInstance } from 'fastify';
import type { Profile } from '../../enrolment/profile.ts';
import { updatePeerChanges } from '../../enrolment/subscriptions.ts';
import { first, type FormBody } from '../forms.ts';
import type { Translator } from '../../i18n/translator.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from './layout.ts';
import { hide, type AccountScope } from './scope.ts';

/**
 * "Tell me when another government changes its advice for my destinations" (docs/notifications.md,
 * "Other governments' advice"): off by default; once on, in the daily digest unless the traveller
 * chooses immediately. One form, on the account page and on the signed preferences page.
 */

export const peerChangesInput = (body: FormBody) => ({ enabled: first(body.enabled), frequency: first(body.frequency) });

export async function peerChangesRoutes(app: FastifyInstance, { ctx, action }: AccountScope): Promise<void> {
  app.post('/account/peer-changes', hide, action(async (session, body) => {
    await updatePeerChanges(ctx, session.travellerId, peerChangesInput(body));
    return { notice: 'preferences', anchor: 'peer-changes' };
  }));
}

/** The form: `action` is /account/peer-changes (with a CSRF token) or the signed preferences page (the token is the permission). */
export function peerChangesForm(tr: Translator, action: string, csrf: string | null, profile: Pick<Profile, 'peerChanges'>): SafeHtml {
  const p = profile.peerChanges;
  return html`<form method="post" action="${action}">${csrf ? csrfField(csrf) : ''}<input type="hidden" name="list" value="peers">
<div class="field checks"><label><input type="checkbox" name="enabled" value="on" id="peer-enabled"${p.enabled ? html` checked` : ''}> ${tr.t('accountSettings.peersTitle')}</label></div>
<fieldset class="field"><legend>${tr.t('accountSettings.howOften')}</legend><div class="checks">
<label><input type="radio" name="frequency" value="digest" id="peer-digest"${p.frequency === 'digest' ? html` checked` : ''}> ${tr.t('accountSettings.dailyDigest')}</label>
<label><input type="radio" name="frequency" value="immediate" id="peer-immediate"${p.frequency === 'immediate' ? html` checked` : ''}> ${tr.t('accountSettings.asItHappens')}</label></div>
<p class="hint">${tr.t('accountSettings.peersHint')}</p></fieldset>
<button type="submit">${tr.t('accountSettings.save')}</button>
</form>`;
}

/** The account page's card. */
export function peerChangesSection(tr: Translator, profile: Pick<Profile, 'peerChanges'>, csrf: string): SafeHtml {
  return html`<section class="card" id="peer-changes" aria-labelledby="peer-changes-title">
<h2 id="peer-changes-title">${tr.t('accountSettings.peers')}</h2>
${peerChangesForm(tr, '/account/peer-changes', csrf, profile)}
</section>`;
}
