import type { FastifyInstance } from 'fastify';
import { addSms, addWebhook, confirmWebhook, deleteChannel, type ChannelView } from '../../enrolment/channels.ts';
import { EnrolmentError } from '../../enrolment/context.ts';
import { sendSmsCode, verifySmsCode } from '../../enrolment/sms-verification.ts';
import { first } from '../forms.ts';
import type { Translator } from '../../i18n/translator.ts';
import { UnconfiguredSmsProvider } from '../../notify/channels/sms-provider.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from './layout.ts';
import { reasonText } from './reasons.ts';
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
export function channelsSection(tr: Translator, channels: readonly ChannelView[], smsNote: string, csrf: string): SafeHtml {
  return html`<section class="card" id="channels" aria-labelledby="channels-title">
<h2 id="channels-title">${tr.t('accountSettings.channels.title')}</h2>
<ul class="items">${channels.map((c) => channelItem(tr, c, csrf))}</ul>
<div class="grid-2">
<form method="post" action="/account/channels/webhook">${csrfField(csrf)}
<div class="field"><label for="webhook-url">${tr.t('accountSettings.channels.addWebhook')}</label><input id="webhook-url" name="url" type="url" placeholder="https://example.org/waypost" maxlength="2000">
<p class="hint">${tr.t('accountSettings.channels.webhookHint')}</p></div>
<button type="submit" class="secondary">${tr.t('accountSettings.channels.addWebhookButton')}</button></form>
<form method="post" action="/account/channels/sms">${csrfField(csrf)}
<div class="field"><label for="sms-number">${tr.t('accountSettings.channels.addSms')}</label><input id="sms-number" name="phone" type="tel" placeholder="+44 7700 900123" maxlength="30">
<p class="hint">${smsNoteText(tr, smsNote)}</p></div>
<button type="submit" class="secondary">${tr.t('accountSettings.channels.addSmsButton')}</button></form>
</div>
</section>`;
}

/** The SMS provider's note is written for staff in English; travellers reading another language get ours. */
function smsNoteText(tr: Translator, note: string): string {
  if (tr.locale === 'en') return note;
  return tr.t(note === new UnconfiguredSmsProvider().describe() ? 'accountSettings.channels.smsNone' : 'accountSettings.channels.smsNote');
}

function channelItem(tr: Translator, c: ChannelView, csrf: string): SafeHtml {
  const state = c.disabledAt ? html`<span class="status off">${tr.t('accountSettings.channels.disabled', { reason: reasonText(tr, c.disabledReason ?? '') })}</span>`
    : c.confirmedAt ? html`<span class="status ok">${tr.t(c.kind === 'sms' ? 'accountSettings.channels.verified' : 'accountSettings.channels.confirmed')}</span>`
    : html`<span class="status">${tr.t(c.kind === 'sms' ? 'accountSettings.channels.notVerified' : 'accountSettings.channels.notConfirmed')}</span>`;
  const label = c.kind === 'email' ? tr.t('accountSettings.profile.email') : c.kind === 'webhook' ? 'Webhook' : 'SMS';
  return html`<li><div class="item-main"><span class="item-title">${label}: ${c.address} ${state}</span>
${c.kind === 'webhook' && c.secret ? html`<span class="item-meta">${tr.t('accountSettings.channels.secret')} <code class="secret">${c.secret}</code></span>` : ''}
${c.kind === 'email' ? html`<span class="item-meta">${tr.t('accountSettings.channels.alwaysOn')}</span>` : ''}</div>
${c.kind === 'email' ? '' : html`<div class="actions">${c.kind === 'webhook' && !c.confirmedAt ? html`<form method="post" action="/account/channels/${c.id}/confirm">${csrfField(csrf)}<button class="secondary" type="submit">${tr.t('accountSettings.channels.challengeAgain')}</button></form>` : ''}
${c.kind === 'sms' && !c.confirmedAt ? smsCodeForms(tr, c.id, csrf) : ''}
<form method="post" action="/account/channels/${c.id}/delete">${csrfField(csrf)}<button class="secondary" type="submit">${tr.t('accountSettings.channels.remove')}</button></form></div>`}</li>`;
}

/** An unverified number: enter the texted code, or ask for a new one. */
function smsCodeForms(tr: Translator, id: number, csrf: string): SafeHtml {
  return html`<form method="post" action="/account/channels/${id}/verify">${csrfField(csrf)}<label for="sms-code-${id}">${tr.t('accountSettings.channels.code')}</label>
<input id="sms-code-${id}" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxlength="7" required>
<button type="submit">${tr.t('accountSettings.channels.verify')}</button></form>
<form method="post" action="/account/channels/${id}/code">${csrfField(csrf)}<button class="secondary" type="submit">${tr.t('accountSettings.channels.newCode')}</button></form>`;
}
