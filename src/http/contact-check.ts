import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { readContactToken, type ContactLink } from '../crises/contact-links.ts';
import { contactTarget, recordContactAnswer, type ContactTarget } from '../crises/escalation.ts';
import { EditorialError } from '../publishing/context.ts';
import type { Store } from '../store/connect.ts';
import { keepAccountBrand, messagePage, readerOf, type Reader } from './account/layout.ts';
import { contactAnswerLabel, exerciseText } from './answer-words.ts';
import { travellerLanguage } from './check-in.ts';
import { editorialErrorText } from './departure-form.ts';
import { message } from './html-messages.ts';
import { wantsJson } from './account/scope.ts';
import { html, type SafeHtml } from './html.ts';
import { sendProblem } from './problem.ts';
import { page } from './replies.ts';

/**
 * The answer links of the e-mail to an emergency contact (docs/crises.md): `GET
 * /contact-check/{token}` shows the answer and a button (link scanners record nothing), `POST`
 * records it once. A token we did not sign is a 400, one for an ask we do not hold a 404, an
 * expired one or one of a closed crisis a 410. The token is redacted from the request log.
 */

const hide = { schema: { hide: true } };
const redact = (url: string) => url.replace(/(\/contact-check\/)[^/?#]+/, '$1[redacted]');

export function contactCheckRoutes(store: Store, config: Pick<Config, 'publicUrl'> & Partial<Pick<Config, 'secret'>>, options: { now?: () => Date } = {}) {
  return async function register(app: FastifyInstance): Promise<void> {
    const now = options.now ?? (() => new Date());
    const secret = config.secret ?? '';
    app.addHook('onRequest', keepAccountBrand(store.db, config.publicUrl));
    app.addHook('onRoute', (route) => {
      route.logSerializers = { ...route.logSerializers, req: (req: { method?: string; url?: string; ip?: string }) => ({ method: req.method, url: redact(req.url ?? ''), remoteAddress: req.ip }) };
    });
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('x-robots-tag', 'noindex');
    });

    /** A refusal: problem details in English for scripts, a page in the reader's language for people. */
    function refuse(request: FastifyRequest, reply: FastifyReply, status: number, text: string): FastifyReply {
      if (wantsJson(request)) return sendProblem(reply, status, text);
      const reader = readerOf(request);
      const { tr } = reader;
      return page(reply, messagePage(config.publicUrl, tr.t(status === 410 ? 'accountAnswers.contact.closedTitle' : 'accountAnswers.badLinkTitle'), [editorialErrorText(tr, { message: text })], undefined, reader), status);
    }

    async function open(request: FastifyRequest, reply: FastifyReply): Promise<{ link: ContactLink; target: ContactTarget } | null> {
      const read = readContactToken({ secret }, (request.params as { token?: string }).token, now());
      if (!read.ok) {
        const { tr } = readerOf(request);
        const json = wantsJson(request);
        refuse(request, reply, read.reason === 'expired' ? 410 : 400, read.reason === 'expired'
          ? (json ? 'This link has expired.' : tr.t('accountAnswers.contact.expired'))
          : (json ? 'This link does not work: it was changed or cut short. Open it again from the e-mail, whole.' : tr.t('accountAnswers.contact.broken')));
        return null;
      }
      try {
        return { link: read.link, target: await contactTarget(store.db, read.link.askId) };
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        refuse(request, reply, error.status, error.message);
        return null;
      }
    }

    /**
     * A page of the question: in the reader's own choice, else the language of the traveller asked
     * about (their contact is likely to share it; the e-mail was written in it).
     */
    const readerFor = async (request: FastifyRequest, target: ContactTarget) => readerOf(request, await travellerLanguage(store.db, target.travellerId), request.url.split('?')[0]);
    const framed = (reader: Reader, target: ContactTarget, title: string, body: SafeHtml) => messagePage(config.publicUrl, exerciseText(reader.tr, target.exercise, title), [
      ...(target.exercise ? [html`<strong>${reader.tr.t('accountAnswers.exerciseNotice')}</strong>`] : []),
      reader.tr.t('accountAnswers.context', { title: exerciseText(reader.tr, target.exercise, target.title), area: target.areaDesc }),
    ], body, reader);

    app.get('/contact-check/:token', hide, async (request, reply) => {
      const opened = await open(request, reply);
      if (!opened) return reply;
      const { link, target } = opened;
      const reader = await readerFor(request, target);
      const { tr } = reader;
      return page(reply, framed(reader, target, target.personName ? tr.t('accountAnswers.contact.heardFrom', { name: target.personName }) : tr.t('accountAnswers.contact.heardFromThem'),
        html`<p>${message(tr, 'accountAnswers.checkIn.answering', { answer: html`<strong>${contactAnswerLabel(tr, link.answer)}</strong>` })}</p>
<form method="post" action="${request.url.split('?')[0]}"><button type="submit">${tr.t('accountAnswers.contact.record')}</button></form><p class="hint">${tr.t('accountAnswers.contact.notYours')}</p>`));
    });

    app.post('/contact-check/:token', hide, async (request, reply) => {
      const opened = await open(request, reply);
      if (!opened) return reply;
      let result: Awaited<ReturnType<typeof recordContactAnswer>>;
      try {
        result = await recordContactAnswer(store.db, opened.link.askId, opened.link.answer, now());
      } catch (error) {
        if (!(error instanceof EditorialError)) throw error;
        return refuse(request, reply, error.status, error.message);
      }
      const given = result.target.answer!;
      if (wantsJson(request)) return reply.code(result.recorded ? 201 : 200).send({ answer: given, recorded: result.recorded, answeredAt: result.target.answeredAt });
      const reader = await readerFor(request, result.target);
      const { tr } = reader;
      const answer = html`<strong>${contactAnswerLabel(tr, given)}</strong>`;
      const said = result.recorded
        ? html`<p class="notice" role="status">${message(tr, 'accountAnswers.checkIn.recorded', { answer })}</p>`
        : html`<p class="notice" role="status">${message(tr, 'accountAnswers.contact.already', { answer })}</p>`;
      return page(reply, framed(reader, result.target, tr.t('accountAnswers.checkIn.recordedTitle'), said));
    });
  };
}
