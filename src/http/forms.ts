import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * What browsers send to the console and the account pages, read in one place: cookies
 * (@fastify/cookie: a value that is not valid percent-encoding, such as an analytics cookie
 * `_ga=100%`, is kept as sent instead of failing the request), urlencoded forms
 * (@fastify/formbody), multipart forms (a small reader: CSV uploads, and RFC 8058 lets a mail
 * client send one-click unsubscribe as multipart), and the helpers that read a field.
 */

/** A file field of a multipart form. */
export interface Upload {
  filename: string;
  data: Buffer;
}

/** A parsed form: a field sent more than once arrives as an array. */
export type FormBody = Record<string, string | string[] | Upload | undefined>;

/** Cookies and urlencoded forms, in `app`'s scope (skipped where a parent scope already reads them). */
export async function registerFormParsing(app: FastifyInstance, options: { bodyLimit: number }): Promise<void> {
  if (!app.hasDecorator('parseCookie')) await app.register(cookie);
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody, { bodyLimit: options.bodyLimit });
}

/** multipart/form-data, in `app`'s scope; a body without a boundary is a 400. */
export function registerMultipart(app: FastifyInstance, options: { bodyLimit: number }): void {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (request, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, String(request.headers['content-type'])));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

function parseMultipart(body: Buffer, contentType: string): FormBody {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw Object.assign(new Error('multipart body without a boundary'), { statusCode: 400 });
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const out: FormBody = {};
  let position = body.indexOf(delimiter);
  while (position !== -1) {
    const start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const data = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined) out[name] = filename !== undefined ? { filename, data } : data.toString('utf8');
    }
    position = next;
  }
  return out;
}

/** The request's form (or JSON object) body; {} for none or any other kind of body. */
export function formOf(request: FastifyRequest): FormBody {
  return request.body && typeof request.body === 'object' ? (request.body as FormBody) : {};
}

/** The first value of a field, or undefined when it was not sent as text. */
export function first(value: unknown): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : undefined;
}

/** The first value of a field, '' when it was not sent: for forms shown again as typed. */
export function formText(value: unknown): string {
  return first(value) ?? '';
}

/** A file sent in a multipart form, or null for anything else (text, a JSON object shaped like one). */
export function uploadOf(value: unknown): Upload | null {
  const one = Array.isArray(value) ? value[0] : value;
  if (one === null || typeof one !== 'object') return null;
  const { filename, data } = one as Partial<Upload>;
  return typeof filename === 'string' && Buffer.isBuffer(data) ? { filename, data } : null;
}

/** Every text value of a field. */
export function all(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((one): one is string => typeof one === 'string');
  return typeof value === 'string' ? [value] : [];
}
