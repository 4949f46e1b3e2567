import type { FastifyInstance } from 'fastify';
import type { Profile } from '../../enrolment/profile.ts';
import { updatePeerChanges } from '../../enrolment/subscriptions.ts';
import { first, type FormBody } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from './layout.ts';
import { hide, type AccountScope } from './scope.ts';

/**
 * "Tell me when another government changes its advice for my destinations" (docs/notifications.md,
 * "Other governments' advice"): off by default; once on, in the daily digest unless the traveller
 * chooses immediately. One form, on the account page and on the signed preferences page.
 */

export const PEER_CHANGES_TITLE = 'Tell me when another government changes its advice for my destinations';

export const peerChangesInput = (body: FormBody) => ({ enabled: first(body.enabled), frequency: first(body.frequency) });

export async function peerChangesRoutes(app: FastifyInstance, { ctx, action }: AccountScope): Promise<void> {
  app.post('/account/peer-changes', hide, action(async (session, body) => {
    await updatePeerChanges(ctx, session.travellerId, peerChangesInput(body));
    return { notice: 'preferences', anchor: 'peer-changes' };
  }));
}

/** The form: `action` is /account/peer-changes (with a CSRF token) or the signed preferences page (the token is the permission). */
export function peerChangesForm(action: string, csrf: string | null, profile: Pick<Profile, 'peerChanges'>): SafeHtml {
  const p = profile.peerChanges;
  return html`<form method="post" action="${action}">${csrf ? csrfField(csrf) : ''}<input type="hidden" name="list" value="peers">
<div class="field checks"><label><input type="checkbox" name="enabled" value="on" id="peer-enabled"${p.enabled ? html` checked` : ''}> ${PEER_CHANGES_TITLE}</label></div>
<fieldset class="field"><legend>How often</legend><div class="checks">
<label><input type="radio" name="frequency" value="digest" id="peer-digest"${p.frequency === 'digest' ? html` checked` : ''}> Daily digest</label>
<label><input type="radio" name="frequency" value="immediate" id="peer-immediate"${p.frequency === 'immediate' ? html` checked` : ''}> As it happens</label></div>
<p class="hint">Their level, a region's level or a call to leave, for the destinations of your trips and subscriptions. It is their advice, not ours, and never urgent.</p></fieldset>
<button type="submit">Save</button>
</form>`;
}

/** The account page's card. */
export function peerChangesSection(profile: Pick<Profile, 'peerChanges'>, csrf: string): SafeHtml {
  return html`<section class="card" id="peer-changes" aria-labelledby="peer-changes-title">
<h2 id="peer-changes-title">Other governments' advice</h2>
${peerChangesForm('/account/peer-changes', csrf, profile)}
</section>`;
}
