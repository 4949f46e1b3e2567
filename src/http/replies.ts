import type { FastifyReply, FastifyRequest } from 'fastify';

/** The replies of the server-rendered pages (console and account); JSON errors are problem.ts's. */

/** An HTML page. */
export function page(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/** 303 See Other: after a form post the browser GETs `to`, so a reload does not post again. */
export function redirect(reply: FastifyReply, to: string): FastifyReply {
  return reply.code(303).header('location', to).send();
}

/**
 * The route's `:id`: a positive safe integer written plainly (no sign, leading zero, exponent,
 * fraction or space), else null, which every caller answers with its 404 page. Ids are bigints in
 * PostgreSQL and integers in SQLite, so any number this lets through is a valid key to look up.
 */
export function idParam(request: FastifyRequest): number | null {
  const raw = (request.params as { id?: unknown }).id;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}
