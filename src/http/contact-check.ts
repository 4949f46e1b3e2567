import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { readContactToken, type ContactLink } from '../crises/contact-links.ts';
import { contactTarget, recordContactAnswer, type ContactTarget } from '../crises/escalation.ts';
import { CONTACT_ANSWER_LABELS } from '../domain/crisis-timers.ts';
import { EXERCISE_NOTICE, exerciseLabel } from '../domain/crises.ts';
import { EditorialError } from '../publishing/context.ts';
import type { Store } from '../store/connect.ts';
import { keepAccountBrand, messagePage } from './account/layout.ts';
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

    function refuse(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
      if (wantsJson(request)) return sendProblem(reply, status, message);
      return page(reply, messagePage(config.publicUrl, status === 410 ? 'This question is closed' : 'This link does not work', [message]), status);
    }

    async function open(request: FastifyRequest, reply: FastifyReply): Promise<{ link: ContactLink; target: ContactTarget } | null> {
      const read = readContactToken({ secret }, (request.params as { token?: string }).token, now());
      if (!read.ok) {
        refuse(request, reply, read.reason === 'expired' ? 410 : 400, read.reason === 'expired' ? 'This link has expired.' : 'This link does not work: it was changed or cut short. Open it again from the e-mail, whole.');
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

    const framed = (target: ContactTarget, title: string, body: SafeHtml) => messagePage(config.publicUrl, exerciseLabel(target.exercise, title), [
      ...(target.exercise ? [html`<strong>${EXERCISE_NOTICE}</strong>`] : []),
      `${exerciseLabel(target.exercise, target.title)} – ${target.areaDesc}.`,
    ], body);

    app.get('/contact-check/:token', hide, async (request, reply) => {
      const opened = await open(request, reply);
      if (!opened) return reply;
      const { link, target } = opened;
      return page(reply, framed(target, `Have you heard from ${target.personName || 'them'}?`, html`<p>You are answering: <strong>${CONTACT_ANSWER_LABELS[link.answer]}</strong>.</p>
<form method="post" action="${request.url}"><button type="submit">Record this answer</button></form><p class="hint">Not your answer? Use another link in the e-mail.</p>`));
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
      const said = result.recorded
        ? html`<p class="notice" role="status">Recorded: <strong>${CONTACT_ANSWER_LABELS[given]}</strong>. Thank you.</p>`
        : html`<p class="notice" role="status">Your answer was already recorded: <strong>${CONTACT_ANSWER_LABELS[given]}</strong>. Nothing new was recorded.</p>`;
      return page(reply, framed(result.target, 'Answer recorded', said));
    });
  };
}
