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
import { accountPage, csrfField, flash, messagePage, type Flash } from './layout.ts';
import { hide, idOf, NOTICES, wantsJson, type AccountScope } from './scope.ts';
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
      kind: first(body.kind), destination: first(body.destination), advisories: first(body.advisories), alerts: first(body.alerts), routine: first(body.routine), frequency: first(body.frequency),
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
  const badLink = (reply: FastifyReply, reason: string) =>
    page(reply, messagePage(publicUrl, 'This link does not work', [
      reason === 'expired' ? 'This link has expired.' : 'This link is not valid.',
      html`<a href="/account/sign-in">Sign in</a> to manage what you receive.`,
    ]), reason === 'expired' ? 410 : 400);

  app.get('/preferences', hide, async (request, reply) => {
    const token = tokenOf(request);
    const verified = verifyToken<{ t?: unknown }>(ctx.config.secret, 'preferences', token, { now: ctx.now() });
    if (!verified.ok) return badLink(reply, verified.reason);
    const profile = typeof verified.data.t === 'number' ? await getProfile(ctx, verified.data.t) : null;
    if (!profile) return page(reply, messagePage(publicUrl, 'No such account', ['This account no longer exists.']), 404);
    const done = (request.query as { done?: string }).done;
    const urgent = profile.unsubscribedAt ? await tripsWithUrgentNews(ctx, profile.id) : [];
    return page(reply, tokenPreferencesPage(publicUrl, { profile, subscriptions: await listSubscriptions(ctx, profile.id), token: token!, urgent }, { notice: done ? NOTICES[done] : undefined }));
  });

  // The signed token is the authorisation (and, being secret to the recipient, the CSRF defence).
  app.post('/preferences', hide, async (request, reply) => {
    const token = tokenOf(request);
    const verified = verifyToken<{ t?: unknown }>(ctx.config.secret, 'preferences', token, { now: ctx.now() });
    if (!verified.ok) return badLink(reply, verified.reason);
    const travellerId = verified.data.t;
    if (typeof travellerId !== 'number' || !(await getProfile(ctx, travellerId))) return page(reply, messagePage(publicUrl, 'No such account', ['This account no longer exists.']), 404);
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
      return page(reply, messagePage(publicUrl, 'Not saved', [error.message]), error.status);
    }
    return redirect(reply, `/preferences?token=${token}&done=preferences`);
  });

  app.get('/unsubscribe', hide, async (request, reply) => {
    const token = tokenOf(request);
    const verified = verifyToken<UnsubscribeData>(ctx.config.secret, 'unsubscribe', token, { now: ctx.now() });
    if (!verified.ok) return badLink(reply, verified.reason);
    let what = `all messages from ${accountIdentity().authorityName}`;
    let urgent: UrgentTrip[] = [];
    if (typeof verified.data.s !== 'number' && !verified.data.l && typeof verified.data.t === 'number') urgent = await tripsWithUrgentNews(ctx, verified.data.t);
    if (verified.data.l === 'peers') what = "news of other governments' advice";
    if (typeof verified.data.s === 'number') {
      const subscription = await store.db.selectFrom('subscriptions').leftJoin('destinations', 'destinations.code', 'subscriptions.destination_code')
        .select(['subscriptions.kind', 'destinations.name']).where('subscriptions.id', '=', verified.data.s).where('subscriptions.traveller_id', '=', verified.data.t).executeTakeFirst();
      if (!subscription) return page(reply, messagePage(publicUrl, 'Already unsubscribed', ['This subscription no longer exists: nothing more will come from it.']));
      what = subscription.kind === 'level4' ? 'messages about every Level 4 change' : `messages about ${subscription.name}`;
    }
    return page(reply, unsubscribeConfirmPage(publicUrl, token!, what, urgent));
  });

  /** RFC 8058 one-click: a mail client POSTs `List-Unsubscribe=One-Click`; no session, no CSRF token, 200. */
  app.post('/unsubscribe', hide, async (request, reply) => {
    const verified = verifyToken<UnsubscribeData>(ctx.config.secret, 'unsubscribe', tokenOf(request), { now: ctx.now() });
    if (!verified.ok) {
      if (wantsJson(request)) return sendProblem(reply, verified.reason === 'expired' ? 410 : 400, `This unsubscribe link is ${verified.reason === 'expired' ? 'expired' : 'not valid'}.`);
      return badLink(reply, verified.reason);
    }
    const result = await unsubscribe(ctx, verified.data);
    if (wantsJson(request)) return { status: 'unsubscribed', scope: typeof verified.data.s === 'number' ? 'subscription' : verified.data.l ? 'list' : 'everything', changed: result !== 'nothing' };
    return page(reply, messagePage(publicUrl, 'You are unsubscribed', [
      typeof verified.data.s === 'number' ? 'You will get no more messages from this subscription.' : verified.data.l ? "You will get no more news of other governments' advice." : `You will get no more messages from ${accountIdentity().authorityName}.`,
      html`Changed your mind? <a href="/account">Sign in</a> to choose again.`,
    ]));
  });
}

/** Registered beside one-click unsubscribe, which stays exactly as RFC 8058 has it. */
export async function onlyUrgentRoute(app: FastifyInstance, { ctx, publicUrl }: AccountScope): Promise<void> {
  /** The alternative the unsubscribe page offers when urgent messages are about a trip now: the same signed link is its permission. */
  app.post('/unsubscribe/only-urgent', hide, async (request, reply) => {
    const token = (request.query as { token?: unknown }).token;
    const verified = verifyToken<UnsubscribeData>(ctx.config.secret, 'unsubscribe', typeof token === 'string' ? token : undefined, { now: ctx.now() });
    if (!verified.ok || typeof verified.data.t !== 'number' || typeof verified.data.s === 'number' || verified.data.l) {
      const expired = !verified.ok && verified.reason === 'expired';
      if (wantsJson(request)) return sendProblem(reply, expired ? 410 : 400, `This link is ${expired ? 'expired' : 'not valid'} for choosing urgent messages only.`);
      return page(reply, messagePage(publicUrl, 'This link does not work', [expired ? 'This link has expired.' : 'This link is not valid.']), expired ? 410 : 400);
    }
    await onlyUrgentMessages(ctx, verified.data.t);
    if (wantsJson(request)) return { status: 'only-urgent' };
    return page(reply, messagePage(publicUrl, 'Only urgent messages', [NOTICES['only-urgent']!, html`<a href="/account">Sign in</a> to choose again.`]));
  });
}

/** The subscriptions card of the account page. */
export function subscriptionsSection(subscriptions: readonly SubscriptionView[], csrf: string): SafeHtml {
  return html`<section class="card" id="subscriptions" aria-labelledby="subs-title">
<h2 id="subs-title">Subscriptions</h2>
<p class="hint">News about a place without a trip there.</p>
${subscriptions.length ? html`<ul class="items">${subscriptions.map((s) => html`<li><div class="item-main"><span class="item-title">${subscriptionTitle(s)}</span><span class="item-meta">${typesText(s)} · ${s.frequency === 'digest' ? 'daily digest' : 'immediately'}</span></div>
<form method="post" action="/account/subscriptions/${s.id}/delete">${csrfField(csrf)}<button class="secondary" type="submit">Unsubscribe<span class="visually-hidden"> from ${subscriptionTitle(s)}</span></button></form></li>`)}</ul>` : html`<p class="empty">No subscriptions yet.</p>`}
<h3>Subscribe</h3>
<form method="post" action="/account/subscriptions">${csrfField(csrf)}
<fieldset class="field"><legend>About</legend><div class="checks">
<label><input type="radio" name="kind" value="destination" checked> One destination</label>
<label><input type="radio" name="kind" value="level4"> Every Level 4 change, anywhere</label></div></fieldset>
<div class="field"><label for="sub-destination">Destination</label><input id="sub-destination" name="destination" type="text" list="destination-names" autocomplete="off" placeholder="e.g. Russia"></div>
${typeChecks('sub', { advisories: true, alerts: true, routine: false })}
${frequencyChoice('sub', 'immediate')}
<button type="submit">Subscribe</button>
</form>
</section>`;
}

/** The account page's card of what a traveller receives about their trips. */
export function preferencesSection(profile: Profile, csrf: string): SafeHtml {
  return html`<section class="card" id="preferences" aria-labelledby="prefs-title">
<h2 id="prefs-title">Preferences for your trips</h2>
${preferencesForm('/account/preferences', csrf, profile)}
${onlyUrgentForm('/account/preferences', csrf)}
</section>`;
}

function subscriptionTitle(s: SubscriptionView): string {
  return s.kind === 'level4' ? 'Every Level 4 change, anywhere' : s.destinationName ?? s.destinationCode ?? '';
}

function typesText(s: { advisories: boolean; alerts: boolean; routine: boolean }): string {
  return [s.advisories && 'advisories', s.alerts && 'alerts', s.routine && 'routine messages'].filter(Boolean).join(', ') || 'nothing';
}

function typeChecks(prefix: string, value: { advisories: boolean; alerts: boolean; routine: boolean }): SafeHtml {
  return html`<fieldset class="field"><legend>Messages</legend><div class="checks">
<label><input type="checkbox" name="advisories" value="on" id="${prefix}-advisories"${value.advisories ? html` checked` : ''}> Advisory changes</label>
<label><input type="checkbox" name="alerts" value="on" id="${prefix}-alerts"${value.alerts ? html` checked` : ''}> Alerts</label>
<label><input type="checkbox" name="routine" value="on" id="${prefix}-routine"${value.routine ? html` checked` : ''}> Routine messages</label></div></fieldset>`;
}

function frequencyChoice(prefix: string, value: 'immediate' | 'digest'): SafeHtml {
  return html`<fieldset class="field"><legend>How often</legend><div class="checks">
<label><input type="radio" name="frequency" value="immediate" id="${prefix}-immediate"${value === 'immediate' ? html` checked` : ''}> As it happens</label>
<label><input type="radio" name="frequency" value="digest" id="${prefix}-digest"${value === 'digest' ? html` checked` : ''}> Daily digest</label></div>
<p class="hint">Urgent messages — leave now, Level 4, check-ins — always come at once.</p></fieldset>`;
}

function preferencesForm(action: string, csrf: string | null, profile: Profile): SafeHtml {
  const p = profile.tripPreferences;
  return html`<form method="post" action="${action}">${csrf ? csrfField(csrf) : ''}
${typeChecks('trip', p)}
${frequencyChoice('trip', p.frequency)}
${profile.unsubscribedAt ? html`<div class="field checks"><label><input type="checkbox" name="resume" value="on" checked> Send me messages again</label></div>` : ''}
<button type="submit">Save preferences</button>
</form>`;
}

function tokenPreferencesPage(publicUrl: string, data: { profile: Profile; subscriptions: SubscriptionView[]; token: string; urgent: readonly UrgentTrip[] }, message: Flash = {}): string {
  const action = `/preferences?token=${data.token}`;
  return accountPage(publicUrl, 'Your preferences', html`
<div class="narrow">
<h1>What you receive</h1>
<p class="meta">For ${data.profile.email}. <a href="/account">Sign in</a> to change trips and your profile.</p>
${flash(message)}
${urgentWarning(data.urgent, true)}
<section class="card"><h2>Messages about your trips</h2>${preferencesForm(action, null, data.profile)}${onlyUrgentForm(action, null)}</section>
<section class="card" id="peer-changes"><h2>Other governments' advice</h2>${peerChangesForm(action, null, data.profile)}</section>
<section class="card"><h2>Subscriptions</h2>
${data.subscriptions.length ? html`<ul class="items">${data.subscriptions.map((s) => html`<li><div class="item-main"><span class="item-title">${subscriptionTitle(s)}</span><span class="item-meta">${typesText(s)} · ${s.frequency === 'digest' ? 'daily digest' : 'immediately'}</span></div>
<form method="post" action="${action}"><input type="hidden" name="remove" value="${s.id}"><button class="secondary" type="submit">Unsubscribe</button></form></li>`)}</ul>` : html`<p class="empty">No subscriptions.</p>`}
</section>
</div>`);
}

function unsubscribeConfirmPage(publicUrl: string, token: string, what: string, urgent: readonly UrgentTrip[]): string {
  const stop = html`<form class="card" method="post" action="/unsubscribe?token=${token}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button${urgent.length ? html` class="secondary"` : ''} type="submit">${urgent.length ? 'Stop all messages anyway' : 'Unsubscribe'}</button></form>`;
  return accountPage(publicUrl, 'Unsubscribe', html`
<div class="narrow"><h1>Unsubscribe</h1>
<p class="lede">Stop ${what}?</p>
${urgentWarning(urgent, false)}
${urgent.length ? html`<div class="card">${onlyUrgentForm(`/unsubscribe/only-urgent?token=${token}`, null, true)}</div>` : ''}
${stop}
</div>`);
}
