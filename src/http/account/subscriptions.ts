import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EnrolmentError } from '../../enrolment/context.ts';
import { getProfile, type Profile } from '../../enrolment/profile.ts';
import { deleteSubscription, listSubscriptions, onlyUrgentMessages, subscribe, unsubscribe, updatePeerChanges, updateTripPreferences, type SubscriptionView } from '../../enrolment/subscriptions.ts';
import { tripsWithUrgentNews, type UrgentTrip } from '../../enrolment/urgent-trips.ts';
import { verifyToken, type UnsubscribeData } from '../../security/signed-links.ts';
import { first, formOf, type FormBody } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { page, redirect } from '../replies.ts';
import { destinationName } from '../../i18n/destination-names.ts';
import type { Translator } from '../../i18n/translator.ts';
import { message } from '../html-messages.ts';
import { enrolmentErrorText } from './errors.ts';
import { accountPage, csrfField, flash, messagePage, readerOf, type Flash, type Reader } from './layout.ts';
import { destinationInput } from './names.ts';
import { hide, idOf, noticeOf, wantsJson, type AccountScope } from './scope.ts';
import { onlyUrgentForm, urgentWarning } from './urgent-warning.ts';
import { peerChangesForm, peerChangesInput } from './peer-changes.ts';
import { accountIdentity } from './layout.ts';

/**
 * Subscriptions (news about a place without a trip there) and what a traveller receives about
 * their trips; and the signed links in every message that work without signing in: the
 * preferences page and one-click unsubscribe (RFC 8058).
 */

/** What to receive about trips, as the preferences forms send it. */
const preferencesInput = (body: FormBody) => ({
  advisories: first(body.advisories), alerts: first(body.alerts), routine: first(body.routine), frequency: first(body.frequency), resume: first(body.resume),
});

export async function subscriptionRoutes(app: FastifyInstance, { store, ctx, publicUrl, action }: AccountScope): Promise<void> {
  app.post('/account/subscriptions', hide, action(async (session, body) => {
    const id = await subscribe(ctx, session.travellerId, {
      kind: first(body.kind), destination: destinationInput(first(body.destination)), advisories: first(body.advisories), alerts: first(body.alerts), routine: first(body.routine), frequency: first(body.frequency),
    });
    return { notice: 'subscribed', anchor: 'subscriptions', json: { id }, status: 201 };
  }));

  app.post('/account/subscriptions/:id/delete', hide, action(async (session, _body, request) => {
    await deleteSubscription(ctx, session.travellerId, idOf(request));
    return { notice: 'unsubscribed', anchor: 'subscriptions' };
  }));

  app.post('/account/preferences', hide, action(async (session, body) => {
    if (first(body.only) === 'urgent') {
      await onlyUrgentMessages(ctx, session.travellerId);
      return { notice: 'only-urgent', anchor: 'preferences' };
    }
    await updateTripPreferences(ctx, session.travellerId, preferencesInput(body));
    return { notice: 'preferences', anchor: 'preferences' };
  }));

  // ---- Signed links that work without signing in ----

  const tokenOf = (request: FastifyRequest) => {
    const value = (request.query as Record<string, string | string[] | undefined>).token;
    return Array.isArray(value) ? value[0] : value;
  };
  const badLink = (request: FastifyRequest, reply: FastifyReply, reason: string) => {
    const reader = readerOf(request, null, '/account/sign-in');
    const { tr } = reader;
    return page(reply, messagePage(publicUrl, tr.t('accountAnswers.badLinkTitle'), [
      tr.t(reason === 'expired' ? 'accountSettings.linkExpired' : 'account.link.invalid'),
      message(tr, 'accountSettings.signInToManage', { link: html`<a href="/account/sign-in">${tr.t('account.signInLink')}</a>` }),
    ], undefined, reader), reason === 'expired' ? 410 : 400);
  };
  const noAccount = (request: FastifyRequest, reply: FastifyReply) => {
    const reader = readerOf(request, null, '/account/sign-in');
    return page(reply, messagePage(publicUrl, reader.tr.t('accountSettings.noAccountTitle'), [reader.tr.t('accountSettings.noAccount')], undefined, reader), 404);
  };

  app.get('/preferences', hide, async (request, reply) => {
    const token = tokenOf(request);
    const verified = verifyToken<{ t?: unknown }>(ctx.config.secret, 'preferences', token, { now: ctx.now() });
    if (!verified.ok) return badLink(request, reply, verified.reason);
    const profile = typeof verified.data.t === 'number' ? await getProfile(ctx, verified.data.t) : null;
    if (!profile) return noAccount(request, reply);
    const reader = readerOf(request, profile.language, `/preferences?token=${token}`);
    const urgent = profile.unsubscribedAt ? await tripsWithUrgentNews(ctx, profile.id) : [];
    return page(reply, tokenPreferencesPage(publicUrl, reader, { profile, subscriptions: await listSubscriptions(ctx, profile.id), token: token!, urgent }, { notice: noticeOf(reader.tr, (request.query as { done?: string }).done) }));
  });

  // The signed token is the authorisation (and, being secret to the recipient, the CSRF defence).
  app.post('/preferences', hide, async (request, reply) => {
    const token = tokenOf(request);
    const verified = verifyToken<{ t?: unknown }>(ctx.config.secret, 'preferences', token, { now: ctx.now() });
    if (!verified.ok) return badLink(request, reply, verified.reason);
    const travellerId = verified.data.t;
    const profile = typeof travellerId === 'number' ? await getProfile(ctx, travellerId) : null;
    if (typeof travellerId !== 'number' || !profile) return noAccount(request, reply);
    const body = formOf(request);
    if (first(body.only) === 'urgent') {
      await onlyUrgentMessages(ctx, travellerId);
      return redirect(reply, `/preferences?token=${token}&done=only-urgent`);
    }
    const remove = Number(first(body.remove));
    if (Number.isSafeInteger(remove) && remove > 0) {
      await deleteSubscription(ctx, travellerId, remove);
      return redirect(reply, `/preferences?token=${token}&done=unsubscribed`);
    }
    try {
      if (first(body.list) === 'peers') await updatePeerChanges(ctx, travellerId, peerChangesInput(body));
      else await updateTripPreferences(ctx, travellerId, preferencesInput(body));
    } catch (error) {
      if (!(error instanceof EnrolmentError)) throw error;
      const reader = readerOf(request, profile.language, `/preferences?token=${token}`);
      return page(reply, messagePage(publicUrl, reader.tr.t('accountSettings.notSaved'), [enrolmentErrorText(reader.tr, error)], undefined, reader), error.status);
    }
    return redirect(reply, `/preferences?token=${token}&done=preferences`);
  });

  /** The reader of an unsubscribe link: their own choice, then the language of the person it is for. */
  const unsubscribeReader = async (request: FastifyRequest, travellerId: unknown, token: string) =>
    readerOf(request, typeof travellerId === 'number' ? (await getProfile(ctx, travellerId))?.language : null, `/unsubscribe?token=${token}`);

  app.get('/unsubscribe', hide, async (request, reply) => {
    const token = tokenOf(request);
    const verified = verifyToken<UnsubscribeData>(ctx.config.secret, 'unsubscribe', token, { now: ctx.now() });
    if (!verified.ok) return badLink(request, reply, verified.reason);
    const reader = await unsubscribeReader(request, verified.data.t, token!);
    const { tr } = reader;
    let what = tr.t('accountSettings.unsubscribe.all', { authority: accountIdentity().authorityName });
    let urgent: UrgentTrip[] = [];
    if (typeof verified.data.s !== 'number' && !verified.data.l && typeof verified.data.t === 'number') urgent = await tripsWithUrgentNews(ctx, verified.data.t);
    if (verified.data.l === 'peers') what = tr.t('accountSettings.unsubscribe.peers');
    if (typeof verified.data.s === 'number') {
      const subscription = await store.db.selectFrom('subscriptions')
        .select(['subscriptions.kind', 'subscriptions.destination_code']).where('subscriptions.id', '=', verified.data.s).where('subscriptions.traveller_id', '=', verified.data.t).executeTakeFirst();
      if (!subscription) return page(reply, messagePage(publicUrl, tr.t('accountSettings.unsubscribe.alreadyTitle'), [tr.t('accountSettings.unsubscribe.already')], undefined, reader));
      what = subscription.kind === 'level4' ? tr.t('accountSettings.unsubscribe.level4') : tr.t('accountSettings.unsubscribe.about', { place: destinationName(subscription.destination_code ?? '', tr.locale) });
    }
    return page(reply, unsubscribeConfirmPage(publicUrl, reader, token!, what, urgent));
  });

  /** RFC 8058 one-click: a mail client POSTs `List-Unsubscribe=One-Click`; no session, no CSRF token, 200. */
  app.post('/unsubscribe', hide, async (request, reply) => {
    const verified = verifyToken<UnsubscribeData>(ctx.config.secret, 'unsubscribe', tokenOf(request), { now: ctx.now() });
    if (!verified.ok) {
      if (wantsJson(request)) return sendProblem(reply, verified.reason === 'expired' ? 410 : 400, `This unsubscribe link is ${verified.reason === 'expired' ? 'expired' : 'not valid'}.`);
      return badLink(request, reply, verified.reason);
    }
    // Read before unsubscribing: the answer is in the language of the person it is for.
    const reader = await unsubscribeReader(request, verified.data.t, tokenOf(request) ?? '');
    const result = await unsubscribe(ctx, verified.data);
    if (wantsJson(request)) return { status: 'unsubscribed', scope: typeof verified.data.s === 'number' ? 'subscription' : verified.data.l ? 'list' : 'everything', changed: result !== 'nothing' };
    const { tr } = reader;
    return page(reply, messagePage(publicUrl, tr.t('accountSettings.unsubscribed.title'), [
      typeof verified.data.s === 'number' ? tr.t('accountSettings.unsubscribed.subscription') : verified.data.l ? tr.t('accountSettings.unsubscribed.peers') : tr.t('accountSettings.unsubscribed.all', { authority: accountIdentity().authorityName }),
      message(tr, 'accountSettings.unsubscribed.changed', { link: html`<a href="/account">${tr.t('account.signInLink')}</a>` }),
    ], undefined, { ...reader, here: '/account/sign-in' }));
  });
}

/** Registered beside one-click unsubscribe, which stays exactly as RFC 8058 has it. */
export async function onlyUrgentRoute(app: FastifyInstance, { ctx, publicUrl }: AccountScope): Promise<void> {
  const readerFor = async (request: FastifyRequest, travellerId: unknown) =>
    readerOf(request, typeof travellerId === 'number' ? (await getProfile(ctx, travellerId))?.language : null, '/account/sign-in');
  /** The alternative the unsubscribe page offers when urgent messages are about a trip now: the same signed link is its permission. */
  app.post('/unsubscribe/only-urgent', hide, async (request, reply) => {
    const token = (request.query as { token?: unknown }).token;
    const verified = verifyToken<UnsubscribeData>(ctx.config.secret, 'unsubscribe', typeof token === 'string' ? token : undefined, { now: ctx.now() });
    if (!verified.ok || typeof verified.data.t !== 'number' || typeof verified.data.s === 'number' || verified.data.l) {
      const expired = !verified.ok && verified.reason === 'expired';
      if (wantsJson(request)) return sendProblem(reply, expired ? 410 : 400, `This link is ${expired ? 'expired' : 'not valid'} for choosing urgent messages only.`);
      const reader = await readerFor(request, null);
      return page(reply, messagePage(publicUrl, reader.tr.t('accountAnswers.badLinkTitle'), [reader.tr.t(expired ? 'accountSettings.linkExpired' : 'account.link.invalid')], undefined, reader), expired ? 410 : 400);
    }
    await onlyUrgentMessages(ctx, verified.data.t);
    if (wantsJson(request)) return { status: 'only-urgent' };
    const reader = await readerFor(request, verified.data.t);
    const { tr } = reader;
    return page(reply, messagePage(publicUrl, tr.t('accountTrips.onlyUrgent'), [
      tr.t('account.notice.onlyUrgent'), message(tr, 'accountSettings.signInToChoose', { link: html`<a href="/account">${tr.t('account.signInLink')}</a>` }),
    ], undefined, reader));
  });
}

/** The subscriptions card of the account page. */
export function subscriptionsSection(tr: Translator, subscriptions: readonly SubscriptionView[], csrf: string): SafeHtml {
  return html`<section class="card" id="subscriptions" aria-labelledby="subs-title">
<h2 id="subs-title">${tr.t('accountSettings.subscriptions')}</h2>
<p class="hint">${tr.t('accountSettings.subscriptionsHint')}</p>
${subscriptions.length ? html`<ul class="items">${subscriptions.map((s) => html`<li><div class="item-main"><span class="item-title">${subscriptionTitle(tr, s)}</span><span class="item-meta">${subscriptionMeta(tr, s)}</span></div>
<form method="post" action="/account/subscriptions/${s.id}/delete">${csrfField(csrf)}<button class="secondary" type="submit">${tr.t('accountSettings.unsubscribe')}<span class="visually-hidden"> ${tr.t('accountSettings.unsubscribeFrom', { what: subscriptionTitle(tr, s) })}</span></button></form></li>`)}</ul>` : html`<p class="empty">${tr.t('accountSettings.noSubscriptionsYet')}</p>`}
<h3>${tr.t('accountSettings.subscribe')}</h3>
<form method="post" action="/account/subscriptions">${csrfField(csrf)}
<fieldset class="field"><legend>${tr.t('accountSettings.about')}</legend><div class="checks">
<label><input type="radio" name="kind" value="destination" checked> ${tr.t('accountSettings.oneDestination')}</label>
<label><input type="radio" name="kind" value="level4"> ${tr.t('accountSettings.everyLevel4')}</label></div></fieldset>
<div class="field"><label for="sub-destination">${tr.t('accountTrips.destination')}</label><input id="sub-destination" name="destination" type="text" list="destination-names" autocomplete="off" placeholder="${tr.t('accountTrips.destinationExample')}"></div>
${typeChecks(tr, 'sub', { advisories: true, alerts: true, routine: false })}
${frequencyChoice(tr, 'sub', 'immediate')}
<button type="submit">${tr.t('accountSettings.subscribe')}</button>
</form>
</section>`;
}

/** The account page's card of what a traveller receives about their trips. */
export function preferencesSection(tr: Translator, profile: Profile, csrf: string): SafeHtml {
  return html`<section class="card" id="preferences" aria-labelledby="prefs-title">
<h2 id="prefs-title">${tr.t('accountSettings.preferences')}</h2>
${preferencesForm(tr, '/account/preferences', csrf, profile)}
${onlyUrgentForm(tr, '/account/preferences', csrf)}
</section>`;
}

function subscriptionTitle(tr: Translator, s: SubscriptionView): string {
  return s.kind === 'level4' ? tr.t('accountSettings.everyLevel4') : s.destinationCode ? destinationName(s.destinationCode, tr.locale) : s.destinationName ?? '';
}

/** "advisories, alerts · immediately" */
function subscriptionMeta(tr: Translator, s: SubscriptionView): string {
  const types = [s.advisories && tr.t('accountSettings.type.advisories'), s.alerts && tr.t('accountSettings.type.alerts'), s.routine && tr.t('accountSettings.type.routine')].filter((t): t is string => !!t);
  return `${types.length ? tr.list(types) : tr.t('accountSettings.type.nothing')} · ${tr.t(s.frequency === 'digest' ? 'accountSettings.dailyDigestMeta' : 'accountSettings.immediately')}`;
}

function typeChecks(tr: Translator, prefix: string, value: { advisories: boolean; alerts: boolean; routine: boolean }): SafeHtml {
  return html`<fieldset class="field"><legend>${tr.t('accountSettings.messages')}</legend><div class="checks">
<label><input type="checkbox" name="advisories" value="on" id="${prefix}-advisories"${value.advisories ? html` checked` : ''}> ${tr.t('accountSettings.advisoryChanges')}</label>
<label><input type="checkbox" name="alerts" value="on" id="${prefix}-alerts"${value.alerts ? html` checked` : ''}> ${tr.t('accountSettings.alerts')}</label>
<label><input type="checkbox" name="routine" value="on" id="${prefix}-routine"${value.routine ? html` checked` : ''}> ${tr.t('accountSettings.routine')}</label></div></fieldset>`;
}

function frequencyChoice(tr: Translator, prefix: string, value: 'immediate' | 'digest'): SafeHtml {
  return html`<fieldset class="field"><legend>${tr.t('accountSettings.howOften')}</legend><div class="checks">
<label><input type="radio" name="frequency" value="immediate" id="${prefix}-immediate"${value === 'immediate' ? html` checked` : ''}> ${tr.t('accountSettings.asItHappens')}</label>
<label><input type="radio" name="frequency" value="digest" id="${prefix}-digest"${value === 'digest' ? html` checked` : ''}> ${tr.t('accountSettings.dailyDigest')}</label></div>
<p class="hint">${tr.t('accountSettings.urgentAlwaysAtOnce')}</p></fieldset>`;
}

function preferencesForm(tr: Translator, action: string, csrf: string | null, profile: Profile): SafeHtml {
  const p = profile.tripPreferences;
  return html`<form method="post" action="${action}">${csrf ? csrfField(csrf) : ''}
${typeChecks(tr, 'trip', p)}
${frequencyChoice(tr, 'trip', p.frequency)}
${profile.unsubscribedAt ? html`<div class="field checks"><label><input type="checkbox" name="resume" value="on" checked> ${tr.t('accountSettings.resume')}</label></div>` : ''}
<button type="submit">${tr.t('accountSettings.savePreferences')}</button>
</form>`;
}

function tokenPreferencesPage(publicUrl: string, reader: Reader, data: { profile: Profile; subscriptions: SubscriptionView[]; token: string; urgent: readonly UrgentTrip[] }, flashed: Flash = {}): string {
  const { tr } = reader;
  const action = `/preferences?token=${data.token}`;
  return accountPage(publicUrl, tr.t('accountSettings.yourPreferences'), html`
<div class="narrow">
<h1>${tr.t('accountSettings.whatYouReceive')}</h1>
<p class="meta">${message(tr, 'accountSettings.forEmail', { email: data.profile.email, link: html`<a href="/account">${tr.t('account.signInLink')}</a>` })}</p>
${flash(flashed)}
${urgentWarning(tr, data.urgent, true)}
<section class="card"><h2>${tr.t('accountSettings.aboutTrips')}</h2>${preferencesForm(tr, action, null, data.profile)}${onlyUrgentForm(tr, action, null)}</section>
<section class="card" id="peer-changes"><h2>${tr.t('accountSettings.peers')}</h2>${peerChangesForm(tr, action, null, data.profile)}</section>
<section class="card"><h2>${tr.t('accountSettings.subscriptions')}</h2>
${data.subscriptions.length ? html`<ul class="items">${data.subscriptions.map((s) => html`<li><div class="item-main"><span class="item-title">${subscriptionTitle(tr, s)}</span><span class="item-meta">${subscriptionMeta(tr, s)}</span></div>
<form method="post" action="${action}"><input type="hidden" name="remove" value="${s.id}"><button class="secondary" type="submit">${tr.t('accountSettings.unsubscribe')}</button></form></li>`)}</ul>` : html`<p class="empty">${tr.t('accountSettings.noSubscriptions')}</p>`}
</section>
</div>`, reader);
}

function unsubscribeConfirmPage(publicUrl: string, reader: Reader, token: string, what: string, urgent: readonly UrgentTrip[]): string {
  const { tr } = reader;
  const stop = html`<form class="card" method="post" action="/unsubscribe?token=${token}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button${urgent.length ? html` class="secondary"` : ''} type="submit">${tr.t(urgent.length ? 'accountSettings.stopAnyway' : 'accountSettings.unsubscribe')}</button></form>`;
  return accountPage(publicUrl, tr.t('accountSettings.unsubscribe'), html`
<div class="narrow"><h1>${tr.t('accountSettings.unsubscribe')}</h1>
<p class="lede">${tr.t('accountSettings.stopWhat', { what })}</p>
${urgentWarning(tr, urgent, false)}
${urgent.length ? html`<div class="card">${onlyUrgentForm(tr, `/unsubscribe/only-urgent?token=${token}`, null, true)}</div>` : ''}
${stop}
</div>`, reader);
}
