import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EditorialError } from '../publishing/context.ts';

/** RFC 9457 problem details; `errors` lists field messages for validation failures. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 412: 'Precondition Failed', 413: 'Content Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 428: 'Precondition Required', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail: string, errors?: Problem['errors']): Problem {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...(errors ? { errors } : {}) };
}

/** Runs a service call and turns its refusals (EditorialError: status, message, field messages) into problem documents. */
export async function refusalsAsProblems(reply: FastifyReply, run: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof EditorialError) return sendProblem(reply, error.status, error.message, error.errors);
    throw error;
  }
}

export function sendProblem(reply: FastifyReply, status: number, detail: string, errors?: Problem['errors']): FastifyReply {
  return reply.code(status).type('application/problem+json; charset=utf-8').send(problem(status, detail, errors));
}

/** The public site's 404 page in the request's language (src/site/site.ts), for browsers that ask for a page. */
export type HtmlNotFound = (request: FastifyRequest) => Promise<{ type: string; body: Buffer }>;

/** A browser asking for a page (GET, HTML accepted, not the API): it gets the site's 404 page, not JSON. */
const wantsPage = (request: FastifyRequest) =>
  (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');

/**
 * Turns every error fastify raises (validation, parsing, limits, bugs) into a problem document; an
 * address that names nothing answers a browser with the site's own 404 page when `htmlNotFound` is given.
 */
export function installProblemHandlers(app: FastifyInstance, htmlNotFound?: HtmlNotFound): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const errors = error.validation.map((v) => ({
        field: [error.validationContext, v.instancePath.replace(/^\//, '').replace(/\//g, '.')].filter(Boolean).join('.') || String(v.params?.missingProperty ?? ''),
        message: v.message ?? 'is invalid',
      }));
      return sendProblem(reply, 400, errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendProblem(reply, status, 'Something went wrong on our side; it has been logged.');
    }
    return sendProblem(reply, status, error.message);
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (htmlNotFound && wantsPage(request)) {
      const page = await htmlNotFound(request);
      return reply.code(404).type(page.type).send(page.body);
    }
    return sendProblem(reply, 404, `Nothing is published at ${request.method} ${request.url.split('?')[0]}.`);
  });
}
