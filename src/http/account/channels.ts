import type { FastifyInstance } from 'fastify';
import { addSms, addWebhook, confirmWebhook, deleteChannel, type ChannelView } from '../../enrolment/channels.ts';
import { EnrolmentError } from '../../enrolment/context.ts';
import { sendSmsCode, verifySmsCode } from '../../enrolment/sms-verification.ts';
import { first } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from './layout.ts';
import { hide, idOf, type AccountScope } from './scope.ts';

/**
 * How a traveller is reached besides their e-mail address: webhooks (confirmed by a signed
 * challenge; private addresses refused) and SMS numbers (verified by a texted code).
 */

export async function channelRoutes(app: FastifyInstance, { ctx, action }: AccountScope): Promise<void> {
  app.post('/account/channels/webhook', hide, action(async (session, body) => {
    const result = await addWebhook(ctx, session.travellerId, first(body.url));
    if (!result.confirmed) throw new EnrolmentError(`The webhook was saved but is not confirmed: ${result.reason}. Make the endpoint echo the challenge, then send it again.`, 422, 'url');
    return { notice: 'webhook-confirmed', anchor: 'channels', json: result, status: 201 };
  }));

  app.post('/account/channels/sms', hide, action(async (session, body) => {
    const result = await addSms(ctx, session.travellerId, first(body.phone));
    return { notice: result.codeSent ? 'sms-code-sent' : 'sms', anchor: 'channels', json: result, status: 201 };
  }));

  app.post('/account/channels/:id/code', hide, action(async (session, _body, request) => {
    const result = await sendSmsCode(ctx, session.travellerId, idOf(request));
    if (!result.sent) throw new EnrolmentError(`No code was sent: ${result.reason}.`, 409);
    return { notice: 'sms-code-sent', anchor: 'channels', json: result };
  }));

  app.post('/account/channels/:id/verify', hide, action(async (session, body, request) => {
    const result = await verifySmsCode(ctx, session.travellerId, idOf(request), first(body.code));
    return { notice: 'sms-verified', anchor: 'channels', json: result };
  }));

  app.post('/account/channels/:id/confirm', hide, action(async (session, _body, request) => {
    const result = await confirmWebhook(ctx, session.travellerId, idOf(request));
    if (!result.confirmed) throw new EnrolmentError(`The webhook is still not confirmed: ${result.reason}.`, 422);
    return { notice: 'webhook-confirmed', anchor: 'channels', json: result };
  }));

  app.post('/account/channels/:id/delete', hide, action(async (session, _body, request) => {
    await deleteChannel(ctx, session.travellerId, idOf(request));
    return { notice: 'channel-removed', anchor: 'channels' };
  }));
}

/** The channels card of the account page. */
export function channelsSection(channels: readonly ChannelView[], smsNote: string, csrf: string): SafeHtml {
  return html`<section class="card" id="channels" aria-labelledby="channels-title">
<h2 id="channels-title">How we reach you</h2>
<ul class="items">${channels.map((c) => channelItem(c, csrf))}</ul>
<div class="grid-2">
<form method="post" action="/account/channels/webhook">${csrfField(csrf)}
<div class="field"><label for="webhook-url">Add a webhook (for organisations)</label><input id="webhook-url" name="url" type="url" placeholder="https://example.org/waypost" maxlength="2000">
<p class="hint">We POST a signed challenge (Standard Webhooks); your endpoint confirms by echoing it back.</p></div>
<button type="submit" class="secondary">Add webhook</button></form>
<form method="post" action="/account/channels/sms">${csrfField(csrf)}
<div class="field"><label for="sms-number">Add an SMS number</label><input id="sms-number" name="phone" type="tel" placeholder="+44 7700 900123" maxlength="30">
<p class="hint">${smsNote}</p></div>
<button type="submit" class="secondary">Add SMS number</button></form>
</div>
</section>`;
}

function channelItem(c: ChannelView, csrf: string): SafeHtml {
  const state = c.disabledAt ? html`<span class="status off">disabled: ${c.disabledReason ?? ''}</span>`
    : c.confirmedAt ? html`<span class="status ok">${c.kind === 'sms' ? 'verified' : 'confirmed'}</span>` : html`<span class="status">${c.kind === 'sms' ? 'not verified: receives nothing' : 'not confirmed'}</span>`;
  const label = c.kind === 'email' ? 'E-mail' : c.kind === 'webhook' ? 'Webhook' : 'SMS';
  return html`<li><div class="item-main"><span class="item-title">${label}: ${c.address} ${state}</span>
${c.kind === 'webhook' && c.secret ? html`<span class="item-meta">Signing secret: <code class="secret">${c.secret}</code></span>` : ''}
${c.kind === 'email' ? html`<span class="item-meta">Always on: this is your account's address.</span>` : ''}</div>
${c.kind === 'email' ? '' : html`<div class="actions">${c.kind === 'webhook' && !c.confirmedAt ? html`<form method="post" action="/account/channels/${c.id}/confirm">${csrfField(csrf)}<button class="secondary" type="submit">Send challenge again</button></form>` : ''}
${c.kind === 'sms' && !c.confirmedAt ? smsCodeForms(c.id, csrf) : ''}
<form method="post" action="/account/channels/${c.id}/delete">${csrfField(csrf)}<button class="secondary" type="submit">Remove</button></form></div>`}</li>`;
}

/** An unverified number: enter the texted code, or ask for a new one. */
function smsCodeForms(id: number, csrf: string): SafeHtml {
  return html`<form method="post" action="/account/channels/${id}/verify">${csrfField(csrf)}<label for="sms-code-${id}">Code we texted</label>
<input id="sms-code-${id}" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required>
<button type="submit">Verify</button></form>
<form method="post" action="/account/channels/${id}/code">${csrfField(csrf)}<button class="secondary" type="submit">Text me a new code</button></form>`;
}
