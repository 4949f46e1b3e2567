import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { can, STAFF_ROLES, type Permission, type StaffRole } from '../domain/roles.ts';
import type { Actor } from '../publishing/context.ts';
import { sendProblem } from '../http/problem.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { findSession, sameToken, SESSION_COOKIE } from './sessions.ts';
import { authenticateToken } from './tokens.ts';
import type { StaffUser } from './users.ts';

/** Who is calling: a staff member signed in to the console (session cookie) or holding an API token. */
export interface StaffPrincipal {
  user: StaffUser;
  via: 'session' | 'token';
  /** Session row key (sha256 of the cookie), for signing out. */
  sessionId?: string;
  /** The session's CSRF token: every console form carries it as `_csrf`. */
  csrfToken?: string;
  tokenId?: number;
  actor: Actor;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireStaff` (null before it runs, or on public routes). */
    staff: StaffPrincipal | null;
  }
}

export interface StaffAuthOptions {
  db: Kysely<Database>;
  now?: () => Date;
  /** No or bad credentials. Default: 401 problem with a WWW-Authenticate challenge. */
  unauthenticated?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | Promise<FastifyReply>;
  /** Signed in, but not allowed (role, or a missing CSRF token). Default: 403 problem. */
  forbidden?: (request: FastifyRequest, reply: FastifyReply, message: string) => FastifyReply | Promise<FastifyReply>;
}

export interface StaffAuth {
  /** Who the request comes from, or null. A bearer token wins over a cookie; a bad token is not retried as a cookie. */
  authenticate(request: FastifyRequest): Promise<StaffPrincipal | null>;
  /**
   * A preHandler: lets the request through only for staff with one of `roles` (default: any staff
   * role). Requests authenticated by session cookie that change something (not GET/HEAD/OPTIONS)
   * must also carry the session's CSRF token, as the form field `_csrf` or the `X-CSRF-Token` header.
   */
  requireStaff(roles?: readonly StaffRole[]): preHandlerAsyncHookHandler;
  /** The same, by permission name (see PERMISSIONS in domain/roles.ts). */
  requirePermission(permission: Permission): preHandlerAsyncHookHandler;
}

const ROLE_NAMES: Record<StaffRole, string> = { editor: 'editors', reviewer: 'reviewers', admin: 'admins', crisis: 'crisis staff', consular: 'consular staff' };

export function cookieValue(request: FastifyRequest, name: string): string | undefined {
  const parsed = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  if (parsed) return parsed[name];
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Installs the `staff` request property in `app`'s scope and returns the guard. */
export function staffAuth(app: FastifyInstance, options: StaffAuthOptions): StaffAuth {
  if (!app.hasRequestDecorator('staff')) app.decorateRequest('staff', null);
  const now = options.now ?? (() => new Date());
  const unauthenticated = options.unauthenticated ?? ((_request, reply) =>
    sendProblem(reply.header('www-authenticate', 'Bearer realm="waypost"'), 401, 'Staff API: send "Authorization: Bearer <token>" with a valid token (waypost tokens create, or the console\'s Tokens page).'));
  const forbidden = options.forbidden ?? ((_request, reply, message) => sendProblem(reply, 403, message));

  async function authenticate(request: FastifyRequest): Promise<StaffPrincipal | null> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const found = match ? await authenticateToken(options.db, match[1]!, now()) : null;
      if (!found) return null;
      return { user: found.user, via: 'token', tokenId: found.tokenId, actor: { id: found.user.id, label: found.user.email, role: found.user.role } };
    }
    const session = await findSession(options.db, cookieValue(request, SESSION_COOKIE), now());
    if (!session) return null;
    return {
      user: session.user, via: 'session', sessionId: session.id, csrfToken: session.csrfToken,
      actor: { id: session.user.id, label: session.user.email, role: session.user.role },
    };
  }

  function requireStaff(roles?: readonly StaffRole[]): preHandlerAsyncHookHandler {
    return async function guard(request, reply) {
      const principal = await authenticate(request);
      if (!principal) return unauthenticated(request, reply);
      request.staff = principal;
      if (principal.via === 'session' && !['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
        const body = request.body as Record<string, unknown> | undefined;
        const given = (typeof body === 'object' && body !== null ? body._csrf : undefined) ?? request.headers['x-csrf-token'];
        if (!sameToken(given, principal.csrfToken ?? '')) {
          return forbidden(request, reply, 'This form is out of date or did not come from the console (missing or wrong CSRF token). Reload the page and try again.');
        }
      }
      if (roles && !roles.includes(principal.user.role)) {
        return forbidden(request, reply, `Only ${roles.map((r) => ROLE_NAMES[r]).join(' and ')} can do this; you are signed in as ${principal.user.role === 'admin' ? 'an' : 'a'} ${principal.user.role}.`);
      }
    };
  }

  function requirePermission(permission: Permission): preHandlerAsyncHookHandler {
    const roles = STAFF_ROLES.filter((role) => can(role, permission));
    return requireStaff(roles);
  }

  return { authenticate, requireStaff, requirePermission };
}
