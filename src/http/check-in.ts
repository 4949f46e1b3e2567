import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { batchedAnswers } from '../crises/answer-batch.ts';
import { addLinkDetails, linkTarget, type LinkTarget, type RecordedAnswer } from '../crises/answers.ts';
import { readCheckInToken, type CheckInLink } from '../crises/links.ts';
import { DETAIL_LIMITS, validateDetails } from '../domain/crisis-input.ts';
import { ANSWER_LABELS, EXERCISE_NOTICE, exerciseLabel } from '../domain/crises.ts';
import { EditorialError } from '../publishing/context.ts';
import type { Store } from '../store/connect.ts';
import { keepAccountBrand, messagePage } from './account/layout.ts';
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
      refuse(request, reply, read.reason === 'expired' ? 410 : 400, read.reason === 'expired'
        ? 'This check-in link has expired. If you need help, contact the embassy or consulate directly.'
        : 'This check-in link does not work: it was changed or cut short. Open it again from the message, whole.');
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

    function refuse(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
      if (wantsJson(request)) return sendProblem(reply, status, message);
      return page(reply, messagePage(publicUrl, status === 410 ? 'This check-in is closed' : 'This link does not work', [message]), status);
    }

    // "I need help to leave", reached from the page below: the same token is its permission.
    await app.register(checkInDepartureRoutes(db, publicUrl, { open, refuse }, now));

    app.get('/check-in/:token', hide, async (request, reply) => {
      const opened = await open(request, reply);
      if (!opened) return reply;
      const { link, target } = opened;
      return page(reply, framed(target, `Check-in: ${target.title}`, html`<p>You are answering: <strong>${ANSWER_LABELS[link.answer]}</strong>.</p>
<form method="post" action="${request.url}"><button type="submit">Record “${ANSWER_LABELS[link.answer]}”</button></form>
<p class="hint">Not your answer? Use another link in the message.</p>`));
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
      const said = result.recorded
        ? html`<p class="notice" role="status">Recorded: <strong>${ANSWER_LABELS[result.answer]}</strong>. Thank you.</p>`
        : html`<p class="notice" role="status">This link already recorded <strong>${ANSWER_LABELS[result.answer]}</strong> on ${when(result.answeredAt)}; nothing new was recorded.</p>`;
      const latest = result.latest !== result.answer ? html`<p>Your latest answer is <strong>${ANSWER_LABELS[result.latest]}</strong>: the latest one counts.</p>` : '';
      return page(reply, framed(result.target, 'Answer recorded', html`${said}${latest}${result.detailsGiven ? '' : detailsForm(request.url)}
<p><a href="${request.url}/departure">I need help to leave</a></p>`));
    });

    app.post('/check-in/:token/details', hide, async (request, reply) => {
      const opened = await open(request, reply);
      if (!opened) return reply;
      const body = formOf(request);
      const checked = validateDetails({ location: first(body.location), partySize: first(body.partySize), note: first(body.note) });
      const url = request.url.replace(/\/details$/, '');
      if (!checked.ok) {
        const problem = checked.errors.map((e) => e.message).join('; ');
        if (wantsJson(request)) return sendProblem(reply, 400, problem, checked.errors);
        return page(reply, framed(opened.target, 'Please check', html`<p class="problem" role="alert">Nothing was recorded: ${problem}.</p>${detailsForm(url)}`), 400);
      }
      try {
        const { recorded } = await addLinkDetails(db, opened.link, checked.details, now());
        if (wantsJson(request)) return reply.code(recorded ? 201 : 200).send({ recorded });
        return page(reply, framed(opened.target, 'Thank you', [recorded ? 'Your details are recorded with your answer.' : 'Details for this answer were already given; nothing new was recorded.']));
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        return refuse(request, reply, error.status, error.message);
      }
    });
  };

  /** A page of the check-in, with the EXERCISE notice first when it is one. */
  function framed(target: LinkTarget, title: string, body: SafeHtml | string[]): string {
    const lines = [
      ...(target.exercise ? [html`<strong>${EXERCISE_NOTICE}</strong>`] : []),
      `${exerciseLabel(target.exercise, target.title)} – ${target.areaDesc}, check-in ${target.wave}.`,
      ...(Array.isArray(body) ? body : []),
    ];
    return messagePage(config.publicUrl, exerciseLabel(target.exercise, title), lines, Array.isArray(body) ? undefined : body);
  }
}

function when(at: string): string {
  return `${at.slice(0, 16).replace('T', ' ')} UTC`;
}

function detailsForm(action: string): SafeHtml {
  return html`<form method="post" action="${action}/details">
<p>If you can, tell us more (each is optional):</p>
<div class="field"><label for="location">Where you are</label><input id="location" name="location" type="text" maxlength="${DETAIL_LIMITS.location}" autocomplete="off"></div>
<div class="field"><label for="partySize">People with you, you included</label><input id="partySize" name="partySize" type="text" inputmode="numeric" pattern="[0-9]*" maxlength="3"></div>
<div class="field"><label for="note">Note</label><textarea id="note" name="note" rows="4" maxlength="${DETAIL_LIMITS.note}"></textarea></div>
<button type="submit">Send</button></form>`;
}
