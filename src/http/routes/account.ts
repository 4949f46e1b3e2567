import { randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { listChannels, addSms, addWebhook, confirmWebhook, deleteChannel } from '../../enrolment/channels.ts';
import { EnrolmentError, enrolmentSettings, today, type EnrolmentContext, type EnrolmentSettings } from '../../enrolment/context.ts';
import { CsvFileError, importEnrolmentCsv } from '../../enrolment/csv-import.ts';
import { tripConfirmationMail } from '../../enrolment/mail.ts';
import { regionLabel } from '../../enrolment/regions.ts';
import { adminOrganisation, createOrganisation, exposure, memberships } from '../../enrolment/organisations.ts';
import { deleteTraveller, exportTraveller } from '../../enrolment/privacy.ts';
import { getProfile, updateProfile } from '../../enrolment/profile.ts';
import { deleteSubscription, listSubscriptions, subscribe, unsubscribe, updateTripPreferences } from '../../enrolment/subscriptions.ts';
import { addTrip, cancelTrip, listTrips, updateTrip, type TripInput } from '../../enrolment/trips.ts';
import { consumeSignInLink, createSession, endSession, findSession, requestSignInLink, type TravellerSession } from '../../enrolment/travellers.ts';
import { createMailTransport, type MailTransport } from '../../mail/transport.ts';
import { smsProvider } from '../../notify/channels/sms.ts';
import { signToken, verifyToken, type UnsubscribeData } from '../../security/signed-links.ts';
import { sameToken } from '../../staff/sessions.ts';
import type { Store } from '../../store/connect.ts';
import { all, first, formOf, registerFormParsing, registerMultipart, type FormBody } from '../forms.ts';
import { html } from '../html.ts';
import { sendProblem } from '../problem.ts';
import { ACCOUNT_CSS, ACCOUNT_CSS_PATH } from '../account/layout.ts';
import * as pages from '../account/pages.ts';
import { idParam as positiveId, page, redirect } from '../replies.ts';

/** The traveller session cookie; staff sessions use `waypost_session`. */
export const TRAVELLER_COOKIE = 'waypost_traveller';

export interface AccountRouteOptions {
  /** Injectable clock (tests). */
  now?: () => Date;
  /** Used as given (by reference), so tests can change it between requests. Default: from the environment. */
  settings?: EnrolmentSettings;
  mail?: MailTransport;
  /** Sign-in requests one client may make per minute (default 20); 0 turns the limit off (tests). */
  signInsPerMinute?: number;
}

const NOTICES: Record<string, string> = {
  welcome: 'Your address is confirmed and you are signed in. Enrol a trip or subscribe to a destination below.',
  signed: 'You are signed in.',
  trip: 'Trip enrolled. You will get its advisories and alerts.',
  'trip-saved': 'Trip saved.',
  'trip-cancelled': 'Trip cancelled: it brings no more messages.',
  subscribed: 'Subscribed.',
  unsubscribed: 'Unsubscribed.',
  preferences: 'Preferences saved.',
  profile: 'Profile saved.',
  'webhook-confirmed': 'Webhook confirmed: it answered the challenge.',
  sms: 'SMS number saved.',
  'channel-removed': 'Channel removed.',
  organisation: 'Organisation created: you are its admin.',
};

/** Query strings and paths that carry tokens are never written to the log. */
function redactUrl(url: string): string {
  return url.replace(/(\/account\/link\/)[^/?#]+/, '$1[redacted]').replace(/([?&]token=)[^&#]*/g, '$1[redacted]');
}

export function accountRoutes(store: Store, config: Pick<Config, 'publicUrl'> & Partial<Pick<Config, 'secret' | 'smtpUrl'>>, options: AccountRouteOptions = {}) {
  return async function register(app: FastifyInstance): Promise<void> {
    const mail = options.mail ?? createMailTransport(config.smtpUrl, store.db);
    if (!options.mail) app.addHook('onClose', async () => mail.close());
    const ctx: EnrolmentContext = {
      db: store.db,
      // Callers that build the app without a secret (some API tests) get one for this process only.
      config: { publicUrl: config.publicUrl, secret: config.secret ?? randomBytes(32).toString('base64url') },
      mail,
      now: options.now ?? (() => new Date()),
      settings: options.settings ?? enrolmentSettings(),
    };
    const secureCookie = config.publicUrl.startsWith('https:');
    const publicUrl = config.publicUrl;

    await registerFormParsing(app, { bodyLimit: 256 * 1024 });
    // Per-client limits on the routes that send mail or take links (beside the per-address limit).
    if (!app.hasDecorator('rateLimit')) await app.register(rateLimit, { global: false });
    // CSV uploads, and RFC 8058 allows one-click unsubscribe as multipart too.
    registerMultipart(app, { bodyLimit: 25 * 1024 * 1024 });

    // The CSV may also be sent as the raw body (text/csv) by scripts.
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 25 * 1024 * 1024 }, (_request, body, done) => done(null, body));

    // Tokens travel in paths and query strings here: the request log gets them redacted.
    app.addHook('onRoute', (route) => {
      route.logSerializers = {
        ...route.logSerializers,
        req: (req: { method?: string; url?: string; ip?: string; hostname?: string }) => ({ method: req.method, url: redactUrl(req.url ?? ''), hostname: req.hostname, remoteAddress: req.ip }),
      };
    });
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
      // Token-bearing URLs must not leak through Referer to links on the page.
      reply.header('referrer-policy', 'no-referrer');
      reply.header('x-frame-options', 'DENY');
      reply.header('content-security-policy', "frame-ancestors 'none'");
    });

    const wantsJson = (request: FastifyRequest) => {
      const accept = String(request.headers.accept ?? '');
      return String(request.headers['content-type'] ?? '').startsWith('application/json') || (accept.includes('application/json') && !accept.includes('text/html'));
    };

    async function sessionOf(request: FastifyRequest): Promise<TravellerSession | null> {
      return findSession(ctx, request.cookies[TRAVELLER_COOKIE]);
    }

    /** The signed-in traveller, or a redirect to sign in (pages) / 401 (API). Checks CSRF on form posts. */
    async function requireSession(request: FastifyRequest, reply: FastifyReply): Promise<TravellerSession | null> {
      const session = await sessionOf(request);
      if (!session) {
        if (wantsJson(request)) sendProblem(reply, 401, 'Sign in first: ask for a link at /account/sign-in.');
        else redirect(reply, '/account/sign-in');
        return null;
      }
      if (request.method === 'POST' && !String(request.headers['content-type'] ?? '').startsWith('application/json')) {
        if (!sameToken(first(formOf(request)._csrf), session.csrfToken)) {
          if (wantsJson(request)) sendProblem(reply, 403, 'The form is out of date (missing or wrong CSRF token). Reload the page and try again.');
          else page(reply, pages.messagePage(publicUrl, 'Please try again', ['This form was out of date. Go back, reload the page and send it again.'], html`<p><a class="btn" href="/account">Back to your account</a></p>`), 403);
          return null;
        }
      }
      return session;
    }

    async function accountData(session: TravellerSession) {
      const profile = await getProfile(ctx, session.travellerId);
      if (!profile) return null;
      const [trips, subscriptions, channels, orgs] = await Promise.all([
        listTrips(ctx, session.travellerId), listSubscriptions(ctx, session.travellerId), listChannels(ctx, session.travellerId), memberships(ctx, session.travellerId),
      ]);
      return { profile, trips, subscriptions, channels, memberships: orgs, csrf: session.csrfToken, smsNote: smsProvider().describe(), today: today(ctx) };
    }

    /**
     * Runs a signed-in form action: on success, back to the account page with a notice (or JSON);
     * on a refusal, the account page again with the message and the refusal's status, nothing saved.
     */
    function action(run: (session: TravellerSession, body: FormBody, request: FastifyRequest) => Promise<{ notice: string; anchor?: string; json?: unknown; status?: number; to?: string }>) {
      return async (request: FastifyRequest, reply: FastifyReply) => {
        const session = await requireSession(request, reply);
        if (!session) return reply;
        const body = formOf(request);
        try {
          const result = await run(session, body, request);
          if (wantsJson(request)) return reply.code(result.status ?? 200).send(result.json ?? { status: 'ok' });
          return redirect(reply, result.to ?? `/account?done=${result.notice}${result.anchor ? `#${result.anchor}` : ''}`);
        } catch (error) {
          if (!(error instanceof EnrolmentError)) throw error;
          if (wantsJson(request)) return sendProblem(reply, error.status, error.message);
          const data = await accountData(session);
          if (!data) return redirect(reply, '/account/sign-in');
          return page(reply, pages.accountHome(publicUrl, data, { problem: error.message }), error.status);
        }
      };
    }

    const idParam = (request: FastifyRequest): number => {
      const id = positiveId(request);
      if (id === null) throw new EnrolmentError('Not found.', 404);
      return id;
    };

    const formToken = () => signToken(ctx.config.secret, 'form', { f: 'sign-in' }, { now: ctx.now() });
    const hide = { schema: { hide: true } };

    app.get(ACCOUNT_CSS_PATH, hide, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(ACCOUNT_CSS));

    // ---- Sign-up and sign-in ----

    app.get('/account/sign-in', hide, async (_request, reply) => page(reply, pages.signInPage(publicUrl, { formToken: formToken() })));

    const perMinute = options.signInsPerMinute ?? 20;
    const limited = (max: number) => (perMinute > 0 ? { ...hide, config: { rateLimit: { max, timeWindow: 60_000 } } } : hide);

    app.post('/account/sign-in', limited(perMinute), async (request, reply) => {
      const body = formOf(request);
      const json = wantsJson(request);
      if (!json && !verifyToken(ctx.config.secret, 'form', first(body._form), { now: ctx.now() }).ok) {
        return page(reply, pages.signInPage(publicUrl, { formToken: formToken(), problem: 'The form had expired. Please send it again.' }), 403);
      }
      try {
        await requestSignInLink(ctx, first(body.email));
      } catch (error) {
        if (!(error instanceof EnrolmentError)) throw error;
        if (json) return sendProblem(reply, error.status, error.message);
        return page(reply, pages.signInPage(publicUrl, { formToken: formToken(), problem: error.message, email: (first(body.email) ?? '').slice(0, 254) }), error.status);
      }
      // The same answer whether or not the address is registered.
      if (json) return reply.code(202).send({ status: 'sent', detail: 'If the address can be used, a link is on its way to it.' });
      return redirect(reply, '/account/check-email');
    });

    app.get('/account/check-email', hide, async (_request, reply) => page(reply, pages.checkEmailPage(publicUrl)));

    // GET only shows a button: mail scanners that fetch links must not use up the single-use link.
    app.get<{ Params: { token: string } }>('/account/link/:token', hide, async (request, reply) => {
      const verified = verifyToken(ctx.config.secret, 'sign-in', request.params.token, { now: ctx.now() });
      if (!verified.ok) {
        const message = verified.reason === 'expired' ? 'This link has expired: links work for 15 minutes.' : 'This link is not valid.';
        return page(reply, pages.signInPage(publicUrl, { formToken: formToken(), problem: `${message} Ask for a new one below.` }), verified.reason === 'expired' ? 410 : 400);
      }
      return page(reply, pages.linkLandingPage(publicUrl, request.params.token));
    });

    app.post<{ Params: { token: string } }>('/account/link/:token', limited(perMinute + 10), async (request, reply) => {
      try {
        const { travellerId, created } = await consumeSignInLink(ctx, request.params.token);
        const session = await createSession(ctx, travellerId);
        reply.header('set-cookie', `${TRAVELLER_COOKIE}=${session.cookie}; Path=/; HttpOnly; SameSite=Lax; Expires=${session.expires.toUTCString()}${secureCookie ? '; Secure' : ''}`);
        return redirect(reply, `/account?done=${created ? 'welcome' : 'signed'}`);
      } catch (error) {
        if (!(error instanceof EnrolmentError)) throw error;
        if (wantsJson(request)) return sendProblem(reply, error.status, error.message);
        return page(reply, pages.signInPage(publicUrl, { formToken: formToken(), problem: error.message }), error.status);
      }
    });

    app.post('/account/sign-out', hide, async (request, reply) => {
      const session = await requireSession(request, reply);
      if (!session) return reply;
      await endSession(ctx, request.cookies[TRAVELLER_COOKIE]);
      reply.header('set-cookie', `${TRAVELLER_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secureCookie ? '; Secure' : ''}`);
      return page(reply, pages.messagePage(publicUrl, 'Signed out', ['You are signed out.'], html`<p><a href="/account/sign-in">Sign in again</a></p>`));
    });

    // ---- The account ----

    app.get<{ Querystring: { done?: string } }>('/account', hide, async (request, reply) => {
      const session = await requireSession(request, reply);
      if (!session) return reply;
      const data = await accountData(session);
      if (!data) return redirect(reply, '/account/sign-in');
      if (wantsJson(request)) {
        const { csrf: _csrf, smsNote: _note, today: _today, ...rest } = data;
        return rest;
      }
      const notice = typeof request.query.done === 'string' ? NOTICES[request.query.done] : undefined;
      return page(reply, pages.accountHome(publicUrl, data, { notice }));
    });

    /** The confirmation e-mail of an enrolled trip. A mail server that is down does not undo the trip. */
    async function confirmTrip(travellerId: number, tripId: number): Promise<void> {
      const [profile, trips] = await Promise.all([getProfile(ctx, travellerId), listTrips(ctx, travellerId)]);
      const trip = trips.find((t) => t.id === tripId);
      if (!profile || !trip) return;
      const destinations = trip.destinations.map((d) => ({ name: d.name, region: regionLabel(d.region), level: d.level }));
      await mail.send(tripConfirmationMail(ctx, profile.email, travellerId, { start: trip.start, end: trip.end, destinations })).catch((error: { responseCode?: number }) => {
        // Not the error's message: SMTP replies often quote the address.
        app.log.warn({ smtpCode: error.responseCode }, 'trip confirmation e-mail not sent');
      });
    }

    const tripInput = (body: FormBody): TripInput => {
      const destinations = all(body.destination);
      const regions = all(body.region);
      // JSON clients send destinations: [{ destination, region }]; forms send parallel destination/region fields.
      const given = (body as { destinations?: unknown }).destinations;
      const list = Array.isArray(given) ? (given as TripInput['destinations']) : destinations.map((destination, i) => ({ destination, region: regions[i] ?? '' }));
      return { destinations: list, start: first(body.start), end: first(body.end), residing: first(body.residing) };
    };

    app.post('/account/trips', hide, action(async (session, body) => {
      const id = await addTrip(ctx, session.travellerId, tripInput(body));
      await confirmTrip(session.travellerId, id);
      return { notice: 'trip', anchor: 'trips', json: { id }, status: 201 };
    }));

    app.get('/account/trips/:id/edit', hide, async (request, reply) => {
      const session = await requireSession(request, reply);
      if (!session) return reply;
      const id = positiveId(request);
      const trip = id === null ? undefined : (await listTrips(ctx, session.travellerId)).find((t) => t.id === id && !t.cancelledAt);
      if (!trip) return page(reply, pages.messagePage(publicUrl, 'No such trip', ['There is no such trip in your account.'], html`<p><a href="/account#trips">Your trips</a></p>`), 404);
      return page(reply, pages.tripEditPage(publicUrl, trip, session.csrfToken));
    });

    app.post('/account/trips/:id', hide, action(async (session, body, request) => {
      await updateTrip(ctx, session.travellerId, idParam(request), tripInput(body));
      return { notice: 'trip-saved', anchor: 'trips' };
    }));

    app.post('/account/trips/:id/cancel', hide, action(async (session, _body, request) => {
      await cancelTrip(ctx, session.travellerId, idParam(request));
      return { notice: 'trip-cancelled', anchor: 'trips' };
    }));

    app.post('/account/subscriptions', hide, action(async (session, body) => {
      const id = await subscribe(ctx, session.travellerId, {
        kind: first(body.kind), destination: first(body.destination), advisories: first(body.advisories), alerts: first(body.alerts), routine: first(body.routine), frequency: first(body.frequency),
      });
      return { notice: 'subscribed', anchor: 'subscriptions', json: { id }, status: 201 };
    }));

    app.post('/account/subscriptions/:id/delete', hide, action(async (session, _body, request) => {
      await deleteSubscription(ctx, session.travellerId, idParam(request));
      return { notice: 'unsubscribed', anchor: 'subscriptions' };
    }));

    app.post('/account/preferences', hide, action(async (session, body) => {
      await updateTripPreferences(ctx, session.travellerId, { advisories: first(body.advisories), alerts: first(body.alerts), routine: first(body.routine), frequency: first(body.frequency), resume: first(body.resume) });
      return { notice: 'preferences', anchor: 'preferences' };
    }));

    app.post('/account/profile', hide, action(async (session, body) => {
      const names = all(body.contact_name);
      const phones = all(body.contact_phone);
      const relations = all(body.contact_relation);
      await updateProfile(ctx, session.travellerId, {
        name: first(body.name), phone: first(body.phone), language: first(body.language), citizenships: all(body.citizenship),
        emergencyContacts: names.map((name, i) => ({ name, phone: phones[i] ?? '', relation: relations[i] ?? '' })),
      });
      return { notice: 'profile', anchor: 'profile' };
    }));

    app.post('/account/channels/webhook', hide, action(async (session, body) => {
      const result = await addWebhook(ctx, session.travellerId, first(body.url));
      if (!result.confirmed) throw new EnrolmentError(`The webhook was saved but is not confirmed: ${result.reason}. Make the endpoint echo the challenge, then send it again.`, 422, 'url');
      return { notice: 'webhook-confirmed', anchor: 'channels', json: result, status: 201 };
    }));

    app.post('/account/channels/sms', hide, action(async (session, body) => {
      const result = await addSms(ctx, session.travellerId, first(body.phone));
      return { notice: 'sms', anchor: 'channels', json: result, status: 201 };
    }));

    app.post('/account/channels/:id/confirm', hide, action(async (session, _body, request) => {
      const result = await confirmWebhook(ctx, session.travellerId, idParam(request));
      if (!result.confirmed) throw new EnrolmentError(`The webhook is still not confirmed: ${result.reason}.`, 422);
      return { notice: 'webhook-confirmed', anchor: 'channels', json: result };
    }));

    app.post('/account/channels/:id/delete', hide, action(async (session, _body, request) => {
      await deleteChannel(ctx, session.travellerId, idParam(request));
      return { notice: 'channel-removed', anchor: 'channels' };
    }));

    // ---- Organisations ----

    app.post('/account/organisations', hide, action(async (session, body) => {
      const id = await createOrganisation(ctx, session.travellerId, first(body.name));
      return { notice: 'organisation', to: `/account/organisations/${id}`, json: { id }, status: 201 };
    }));

    app.get('/account/organisations/:id', hide, async (request, reply) => {
      const session = await requireSession(request, reply);
      if (!session) return reply;
      try {
        const organisation = await adminOrganisation(ctx, session.travellerId, idParam(request));
        const rows = await exposure(ctx, organisation.id);
        if (wantsJson(request)) return { organisation, exposure: rows };
        return page(reply, pages.organisationPage(publicUrl, { organisation, exposure: rows, csrf: session.csrfToken }));
      } catch (error) {
        if (!(error instanceof EnrolmentError)) throw error;
        if (wantsJson(request)) return sendProblem(reply, error.status, error.message);
        return page(reply, pages.messagePage(publicUrl, 'Not found', [error.message]), error.status);
      }
    });

    app.post('/account/organisations/:id/import', { ...hide, bodyLimit: 25 * 1024 * 1024 }, async (request, reply) => {
      const session = await requireSession(request, reply);
      if (!session) return reply;
      let organisation: { id: number; name: string };
      try {
        organisation = await adminOrganisation(ctx, session.travellerId, idParam(request));
      } catch (error) {
        if (!(error instanceof EnrolmentError)) throw error;
        return wantsJson(request) ? sendProblem(reply, error.status, error.message) : page(reply, pages.messagePage(publicUrl, 'Not found', [error.message]), error.status);
      }
      const body = formOf(request);
      const file = body.file;
      const csv = typeof file === 'object' && file !== null && !Array.isArray(file) ? file.data : typeof request.body === 'string' ? request.body : first(body.csv);
      const render = async (status: number, message: pages.Flash, report?: Awaited<ReturnType<typeof importEnrolmentCsv>>) =>
        page(reply, pages.organisationPage(publicUrl, { organisation, exposure: await exposure(ctx, organisation.id), csrf: session.csrfToken, report }, message), status);
      if (!csv || csv.length === 0) {
        return wantsJson(request) ? sendProblem(reply, 400, 'Send a CSV file.') : render(400, { problem: 'Choose a CSV file to import.' });
      }
      try {
        const report = await importEnrolmentCsv(ctx, csv, { organisation: organisation.name, welcome: wantsJson(request) ? true : first(body.welcome) === 'on' });
        if (wantsJson(request)) return report;
        return render(200, { notice: `Import done: ${report.enrolled} enrolled, ${report.unchanged} unchanged, ${report.rejected.length} rejected.` }, report);
      } catch (error) {
        if (!(error instanceof CsvFileError || error instanceof EnrolmentError)) throw error;
        const message = `The file was not imported: ${error.message}.`;
        return wantsJson(request) ? sendProblem(reply, 400, message) : render(400, { problem: message });
      }
    });

    // ---- Privacy ----

    app.get('/account/export', hide, async (request, reply) => {
      const session = await requireSession(request, reply);
      if (!session) return reply;
      const data = await exportTraveller(ctx, session.travellerId);
      if (!data) return redirect(reply, '/account/sign-in');
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="waypost-data-${today(ctx)}.json"`)
        .send(JSON.stringify(data, null, 2));
    });

    app.get('/account/delete', hide, async (request, reply) => {
      const session = await requireSession(request, reply);
      if (!session) return reply;
      const profile = await getProfile(ctx, session.travellerId);
      if (!profile) return redirect(reply, '/account/sign-in');
      return page(reply, pages.deleteConfirmPage(publicUrl, profile.email, session.csrfToken));
    });

    app.post('/account/delete', hide, async (request, reply) => {
      const session = await requireSession(request, reply);
      if (!session) return reply;
      const body = formOf(request);
      if ((first(body.confirm) ?? '').trim().toUpperCase() !== 'DELETE') {
        if (wantsJson(request)) return sendProblem(reply, 400, 'Send confirm: "DELETE" to delete the account.');
        const profile = await getProfile(ctx, session.travellerId);
        return page(reply, pages.deleteConfirmPage(publicUrl, profile?.email ?? '', session.csrfToken, 'Type DELETE in the box to confirm.'), 400);
      }
      await deleteTraveller(ctx, session.travellerId);
      reply.header('set-cookie', `${TRAVELLER_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secureCookie ? '; Secure' : ''}`);
      if (wantsJson(request)) return { status: 'deleted' };
      return page(reply, pages.messagePage(publicUrl, 'Your account is deleted', ['Everything we held about you is gone: profile, trips, subscriptions, channels and pending messages.', 'Safe travels.']));
    });

    // ---- Signed links that work without signing in ----

    const tokenOf = (request: FastifyRequest) => {
      const value = (request.query as Record<string, string | string[] | undefined>).token;
      return Array.isArray(value) ? value[0] : value;
    };
    const badLink = (reply: FastifyReply, reason: string) =>
      page(reply, pages.messagePage(publicUrl, 'This link does not work', [
        reason === 'expired' ? 'This link has expired.' : 'This link is not valid.',
        html`<a href="/account/sign-in">Sign in</a> to manage what you receive.`,
      ]), reason === 'expired' ? 410 : 400);

    app.get('/preferences', hide, async (request, reply) => {
      const token = tokenOf(request);
      const verified = verifyToken<{ t?: unknown }>(ctx.config.secret, 'preferences', token, { now: ctx.now() });
      if (!verified.ok) return badLink(reply, verified.reason);
      const profile = typeof verified.data.t === 'number' ? await getProfile(ctx, verified.data.t) : null;
      if (!profile) return page(reply, pages.messagePage(publicUrl, 'No such account', ['This account no longer exists.']), 404);
      const done = (request.query as { done?: string }).done;
      return page(reply, pages.tokenPreferencesPage(publicUrl, { profile, subscriptions: await listSubscriptions(ctx, profile.id), token: token! }, { notice: done ? NOTICES[done] : undefined }));
    });

    // The signed token is the authorisation (and, being secret to the recipient, the CSRF defence).
    app.post('/preferences', hide, async (request, reply) => {
      const token = tokenOf(request);
      const verified = verifyToken<{ t?: unknown }>(ctx.config.secret, 'preferences', token, { now: ctx.now() });
      if (!verified.ok) return badLink(reply, verified.reason);
      const travellerId = verified.data.t;
      if (typeof travellerId !== 'number' || !(await getProfile(ctx, travellerId))) return page(reply, pages.messagePage(publicUrl, 'No such account', ['This account no longer exists.']), 404);
      const body = formOf(request);
      const remove = Number(first(body.remove));
      if (Number.isSafeInteger(remove) && remove > 0) {
        await deleteSubscription(ctx, travellerId, remove);
        return redirect(reply, `/preferences?token=${token}&done=unsubscribed`);
      }
      try {
        await updateTripPreferences(ctx, travellerId, { advisories: first(body.advisories), alerts: first(body.alerts), routine: first(body.routine), frequency: first(body.frequency), resume: first(body.resume) });
      } catch (error) {
        if (!(error instanceof EnrolmentError)) throw error;
        return page(reply, pages.messagePage(publicUrl, 'Not saved', [error.message]), error.status);
      }
      return redirect(reply, `/preferences?token=${token}&done=preferences`);
    });

    app.get('/unsubscribe', hide, async (request, reply) => {
      const token = tokenOf(request);
      const verified = verifyToken<UnsubscribeData>(ctx.config.secret, 'unsubscribe', token, { now: ctx.now() });
      if (!verified.ok) return badLink(reply, verified.reason);
      let what = 'all messages from Waypost';
      if (typeof verified.data.s === 'number') {
        const subscription = await store.db.selectFrom('subscriptions').leftJoin('destinations', 'destinations.code', 'subscriptions.destination_code')
          .select(['subscriptions.kind', 'destinations.name']).where('subscriptions.id', '=', verified.data.s).where('subscriptions.traveller_id', '=', verified.data.t).executeTakeFirst();
        if (!subscription) return page(reply, pages.messagePage(publicUrl, 'Already unsubscribed', ['This subscription no longer exists: nothing more will come from it.']));
        what = subscription.kind === 'level4' ? 'messages about every Level 4 change' : `messages about ${subscription.name}`;
      }
      return page(reply, pages.unsubscribeConfirmPage(publicUrl, token!, what));
    });

    /** RFC 8058 one-click: a mail client POSTs `List-Unsubscribe=One-Click`; no session, no CSRF token, 200. */
    app.post('/unsubscribe', hide, async (request, reply) => {
      const verified = verifyToken<UnsubscribeData>(ctx.config.secret, 'unsubscribe', tokenOf(request), { now: ctx.now() });
      if (!verified.ok) {
        if (wantsJson(request)) return sendProblem(reply, verified.reason === 'expired' ? 410 : 400, `This unsubscribe link is ${verified.reason === 'expired' ? 'expired' : 'not valid'}.`);
        return badLink(reply, verified.reason);
      }
      const result = await unsubscribe(ctx, verified.data);
      if (wantsJson(request)) return { status: 'unsubscribed', scope: typeof verified.data.s === 'number' ? 'subscription' : 'everything', changed: result !== 'nothing' };
      return page(reply, pages.messagePage(publicUrl, 'You are unsubscribed', [
        typeof verified.data.s === 'number' ? 'You will get no more messages from this subscription.' : 'You will get no more messages from Waypost.',
        html`Changed your mind? <a href="/account">Sign in</a> to choose again.`,
      ]));
    });
  };
}
