import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { batchedAnswers } from '../crises/answer-batch.ts';
import { addLinkDetails, linkTarget, type LinkTarget, type RecordedAnswer } from '../crises/answers.ts';
import { readCheckInToken, type CheckInLink } from '../crises/links.ts';
import { DETAIL_LIMITS, validateDetails } from '../domain/crisis-input.ts';
import type { CrisisAnswer } from '../domain/crises.ts';
import type { Translator } from '../i18n/translator.ts';
import { EditorialError } from '../publishing/context.ts';
import type { Store } from '../store/connect.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { answerLabel, exerciseText } from './answer-words.ts';
import { editorialErrorText } from './departure-form.ts';
import { message } from './html-messages.ts';
import { keepAccountBrand, messagePage, readerOf, type Reader } from './account/layout.ts';
import { wantsJson } from './account/scope.ts';
import { first, formOf, registerFormParsing } from './forms.ts';
import { html, type SafeHtml } from './html.ts';
import { sendProblem } from './problem.ts';
import { checkInDepartureRoutes } from './check-in-departure.ts';
import { page } from './replies.ts';

/**
 * The answer links of check-in messages (docs/crises.md): `GET /check-in/{token}` shows the answer
 * the link stands for and a button (mail scanners that fetch links record nothing); `POST` records
 * it and offers an optional form (where you are, people with you, a note) posted to
 * `/check-in/{token}/details`. No sign-in: the signed token is the permission. A token we did not
 * sign is a 400, one for a wave or person we do not hold a 404, one of a closed crisis a 410; none
 * of them changes anything. Scripts and webhook receivers get JSON when they ask for it.
 */

const hide = { schema: { hide: true } };

/** Tokens travel in the path here: the request log gets them redacted. */
const redact = (url: string) => url.replace(/(\/check-in\/)[^/?#]+/, '$1[redacted]');

export function checkInRoutes(store: Store, config: Pick<Config, 'publicUrl'> & Partial<Pick<Config, 'secret'>>, options: { now?: () => Date } = {}) {
  const { db } = store;
  return async function register(app: FastifyInstance): Promise<void> {
    const now = options.now ?? (() => new Date());
    const publicUrl = config.publicUrl;
    // Without a secret (an app built for API tests) no token verifies: every link is a 400.
    const secret = config.secret ?? '';
    const answers = batchedAnswers(db);
    await registerFormParsing(app, { bodyLimit: 64 * 1024 });
    app.addHook('onRequest', keepAccountBrand(db, publicUrl));

    app.addHook('onRoute', (route) => {
      route.logSerializers = {
        ...route.logSerializers,
        req: (req: { method?: string; url?: string; ip?: string }) => ({ method: req.method, url: redact(req.url ?? ''), remoteAddress: req.ip }),
      };
    });
    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/check-in/')) return;
      reply.header('cache-control', 'private, no-store');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('x-frame-options', 'DENY');
      reply.header('content-security-policy', "frame-ancestors 'none'");
      reply.header('x-robots-tag', 'noindex');
    });

    /** The link's claim, or the refusal already sent. */
    function readLink(request: FastifyRequest, reply: FastifyReply): CheckInLink | null {
      const read = readCheckInToken({ secret }, (request.params as { token?: string }).token, now());
      if (read.ok) return read.link;
      const { tr } = readerOf(request);
      refuse(request, reply, read.reason === 'expired' ? 410 : 400, read.reason === 'expired'
        ? (wantsJson(request) ? 'This check-in link has expired. If you need help, contact the embassy or consulate directly.' : tr.t('accountAnswers.checkIn.expired'))
        : (wantsJson(request) ? 'This check-in link does not work: it was changed or cut short. Open it again from the message, whole.' : tr.t('accountAnswers.checkIn.broken')));
      return null;
    }

    /** The link's claim and what it points at, or the refusal already sent. */
    async function open(request: FastifyRequest, reply: FastifyReply): Promise<{ link: CheckInLink; target: LinkTarget } | null> {
      const link = readLink(request, reply);
      if (!link) return null;
      try {
        return { link, target: await linkTarget(db, link) };
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        refuse(request, reply, error.status, error.message);
        return null;
      }
    }

    /** A refusal: problem details in English for scripts, a page in the reader's language for people. */
    function refuse(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
      if (wantsJson(request)) return sendProblem(reply, status, message);
      const reader = readerOf(request);
      const { tr } = reader;
      return page(reply, messagePage(publicUrl, tr.t(status === 410 ? 'accountAnswers.checkIn.closedTitle' : 'accountAnswers.badLinkTitle'), [editorialErrorText(tr, { message })], undefined, reader), status);
    }

    /** The reader of a page a link opens: their own choice, then the language of the person the link is for. */
    const readerFor = async (request: FastifyRequest, link: CheckInLink, here = request.url) => readerOf(request, await travellerLanguage(db, link.travellerId), here);

    // "I need help to leave", reached from the page below: the same token is its permission.
    await app.register(checkInDepartureRoutes(db, publicUrl, { open, refuse, readerFor }, now));

    app.get('/check-in/:token', hide, async (request, reply) => {
      const opened = await open(request, reply);
      if (!opened) return reply;
      const { link, target } = opened;
      const reader = await readerFor(request, link);
      const { tr } = reader;
      const answer = answerLabel(tr, link.answer);
      return page(reply, framed(reader, target, tr.t('accountAnswers.checkIn.title', { title: target.title }), html`<p>${message(tr, 'accountAnswers.checkIn.answering', { answer: html`<strong>${answer}</strong>` })}</p>
<form method="post" action="${request.url.split('?')[0]}"><button type="submit">${tr.t('accountAnswers.checkIn.record', { answer })}</button></form>
<p class="hint">${tr.t('accountAnswers.checkIn.notYours')}</p>`));
    });

    app.post('/check-in/:token', hide, async (request, reply) => {
      // Recording looks the link's target up in its own transaction: no second read before it.
      const link = readLink(request, reply);
      if (!link) return reply;
      let result: RecordedAnswer;
      try {
        result = await answers.record(link, now());
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        return refuse(request, reply, error.status, error.message);
      }
      if (wantsJson(request)) {
        return reply.code(result.recorded ? 201 : 200).send({ answer: result.answer, recorded: result.recorded, answeredAt: result.answeredAt, latest: result.latest });
      }
      const path = request.url.split('?')[0]!;
      const reader = await readerFor(request, link, path);
      const { tr } = reader;
      const strong = (answer: CrisisAnswer) => html`<strong>${answerLabel(tr, answer)}</strong>`;
      const said = result.recorded
        ? html`<p class="notice" role="status">${message(tr, 'accountAnswers.checkIn.recorded', { answer: strong(result.answer) })}</p>`
        : html`<p class="notice" role="status">${message(tr, 'accountAnswers.checkIn.already', { answer: strong(result.answer), when: tr.dateTime(result.answeredAt) })}</p>`;
      const latest = result.latest !== result.answer ? html`<p>${message(tr, 'accountAnswers.checkIn.latest', { answer: strong(result.latest) })}</p>` : '';
      return page(reply, framed(reader, result.target, tr.t('accountAnswers.checkIn.recordedTitle'), html`${said}${latest}${result.detailsGiven ? '' : detailsForm(tr, path)}
<p><a href="${path}/departure">${tr.t('accountTrips.departure.ask')}</a></p>`));
    });

    app.post('/check-in/:token/details', hide, async (request, reply) => {
      const opened = await open(request, reply);
      if (!opened) return reply;
      const body = formOf(request);
      const checked = validateDetails({ location: first(body.location), partySize: first(body.partySize), note: first(body.note) });
      const url = request.url.split('?')[0]!.replace(/\/details$/, '');
      const reader = await readerFor(request, opened.link, url);
      const { tr } = reader;
      if (!checked.ok) {
        const problem = checked.errors.map((e) => e.message).join('; ');
        if (wantsJson(request)) return sendProblem(reply, 400, problem, checked.errors);
        // The domain's words say exactly what was wrong in English; other languages name the fields.
        const said = tr.locale === 'en' ? problem : tr.list([...new Set(checked.errors.map((e) => tr.t(DETAIL_FIELDS[e.field as keyof typeof DETAIL_FIELDS] ?? 'accountAnswers.details.note')))]);
        return page(reply, framed(reader, opened.target, tr.t('accountAnswers.details.checkTitle'), html`<p class="problem" role="alert">${tr.t('accountAnswers.details.nothing', { problem: said })}</p>${detailsForm(tr, url)}`), 400);
      }
      try {
        const { recorded } = await addLinkDetails(db, opened.link, checked.details, now());
        if (wantsJson(request)) return reply.code(recorded ? 201 : 200).send({ recorded });
        return page(reply, framed(reader, opened.target, tr.t('accountAnswers.details.thanksTitle'), [tr.t(recorded ? 'accountAnswers.details.recorded' : 'accountAnswers.details.already')]));
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        return refuse(request, reply, error.status, error.message);
      }
    });
  };

  /** A page of the check-in, with the EXERCISE notice first when it is one. */
  function framed(reader: Reader, target: LinkTarget, title: string, body: SafeHtml | string[]): string {
    const { tr } = reader;
    const lines = [
      ...(target.exercise ? [html`<strong>${tr.t('accountAnswers.exerciseNotice')}</strong>`] : []),
      tr.t('accountAnswers.checkIn.context', { title: exerciseText(tr, target.exercise, target.title), area: target.areaDesc, wave: target.wave }),
      ...(Array.isArray(body) ? body : []),
    ];
    return messagePage(config.publicUrl, exerciseText(tr, target.exercise, title), lines, Array.isArray(body) ? undefined : body, reader);
  }
}

/** The language a person chose for their messages, if they are still enrolled. */
export async function travellerLanguage(db: Kysely<Database>, travellerId: number): Promise<string | null> {
  const row = await db.selectFrom('travellers').select('language').where('id', '=', travellerId).executeTakeFirst();
  return row?.language ?? null;
}

const DETAIL_FIELDS = { location: 'accountAnswers.details.location', partySize: 'accountAnswers.details.party', note: 'accountAnswers.details.note' } as const;

function detailsForm(tr: Translator, action: string): SafeHtml {
  return html`<form method="post" action="${action}/details">
<p>${tr.t('accountAnswers.details.intro')}</p>
<div class="field"><label for="location">${tr.t('accountAnswers.details.location')}</label><input id="location" name="location" type="text" maxlength="${DETAIL_LIMITS.location}" autocomplete="off"></div>
<div class="field"><label for="partySize">${tr.t('accountAnswers.details.party')}</label><input id="partySize" name="partySize" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="3"></div>
<div class="field"><label for="note">${tr.t('accountAnswers.details.note')}</label><textarea id="note" name="note" rows="4" maxlength="${DETAIL_LIMITS.note}"></textarea></div>
<button type="submit">${tr.t('accountAnswers.details.send')}</button></form>`;
}
