import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendProblem } from './problem.ts';

/**
 * Text that the database cannot store is refused at the door, once for every route. PostgreSQL's
 * text type cannot hold U+0000 (the insert fails: a 500 after half the work), and a lone UTF-16
 * surrogate (from a JSON "\ud800") cannot be encoded in UTF-8, so it would be stored as U+FFFD,
 * silently changed. Neither has a use in an e-mail address, a name, advisory text or a URL.
 *
 * The hook runs before validation and before any route's own hooks (authentication included), so a
 * refused request reads and writes nothing.
 */
export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    const where = unstorableIn(request);
    if (where) {
      return sendProblem(reply, 400, `${where} contains a character that cannot be stored (NUL, U+0000, or an unpaired surrogate). Remove it and send the request again.`, [
        { field: where, message: 'contains a NUL character or an unpaired surrogate' },
      ]);
    }
  });
}

/**
 * Numbers no column can hold. ajv coerces "1e309" and "Infinity" in a path or query to Infinity and
 * lets it through `type: integer` and `maximum` alike, and JSON.parse reads 1e309 as Infinity:
 * PostgreSQL then refuses the query (a 500). Checked after validation, where the coerced values are,
 * and before any handler runs.
 */
export function installNumberGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (request, reply) => {
    const where = nonFiniteIn(request.params, 'params') ?? nonFiniteIn(request.query, 'query') ?? nonFiniteIn(request.body, 'body');
    if (where) return sendProblem(reply, 400, `${where} is not a finite number.`, [{ field: where, message: 'must be a finite number' }]);
  });
}

function nonFiniteIn(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'number' && !Number.isFinite(item)) return path;
    if (Array.isArray(item)) item.forEach((element, index) => stack.push([element, `${path}.${index}`]));
    else if (item !== null && typeof item === 'object' && !Buffer.isBuffer(item)) for (const [key, element] of Object.entries(item)) stack.push([element, `${path}.${key}`]);
  }
  return null;
}

/** Where the request carries text that cannot be stored, e.g. "body.sections.0.title", or null. */
export function unstorableIn(request: FastifyRequest): string | null {
  return findUnstorable(request.query, 'query')
    ?? findUnstorable(request.params, 'params')
    ?? findUnstorable(request.body, 'body')
    ?? unstorableHeader(request)
    ?? unstorableCookie(request.headers.cookie);
}

function unstorable(text: string): boolean {
  return text.includes('\u0000') || !text.isWellFormed();
}

/** Walks strings, arrays, plain objects (keys too) and buffers (multipart files) without recursion: bodies may nest deeply. */
export function findUnstorable(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (unstorable(item)) return path;
    } else if (Buffer.isBuffer(item)) {
      if (item.includes(0)) return path;
    } else if (Array.isArray(item)) {
      item.forEach((element, index) => stack.push([element, `${path}.${index}`]));
    } else if (item !== null && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        // The key itself may be the bad text: name the object, not the key.
        if (unstorable(key)) return `a field name in ${path}`;
        stack.push([element, `${path}.${key}`]);
      }
    }
  }
  return null;
}

/** HTTP forbids NUL in header values; Node's parser refuses most, but be sure for those read by routes. */
function unstorableHeader(request: FastifyRequest): string | null {
  for (const [name, value] of Object.entries(request.headers)) {
    for (const text of [value ?? []].flat()) if (text.includes('\u0000')) return `the ${name} header`;
  }
  return null;
}

/** Waypost's own cookies are percent-decoded by the routes that read them: "%00" is a NUL there. Others are none of our business. */
function unstorableCookie(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    if (eq < 0 || !name.startsWith('waypost')) continue;
    let value = part.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // Left to the route that reads it.
    }
    if (unstorable(value)) return `the ${name} cookie`;
  }
  return null;
}
