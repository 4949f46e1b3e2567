import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { can } from '../../../domain/roles.ts';
import { AUDIT_ACTIONS, searchAudit } from '../../../publishing/audit.ts';
import { Nullable } from '../draft-schemas.ts';
import { problems, security, tags, type StaffApi } from './shared.ts';

const AuditQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  action: Type.Optional(Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a)))),
  destination: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2}$' })),
  // A real calendar day ('format: date' checks months and days, not just digits).
  from: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD, inclusive' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD, inclusive' })),
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'entries older than this id (next page)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

const AuditEntry = Type.Object({
  id: Type.Integer(), at: Type.String(), actorId: Nullable(Type.Integer()), actor: Type.String(), action: Type.String(),
  destination: Nullable(Type.String()), subject: Type.String(), detail: Type.Record(Type.String(), Type.Unknown()),
});

/** The audit log, searchable and paged by id. */
export function auditRoute(instance: FastifyInstance, { ctx, read }: StaffApi): void {
  instance.withTypeProvider<TypeBoxTypeProvider>().get('/api/v1/audit', {
    preValidation: read,
    schema: {
      summary: 'The audit log, newest first',
      description: security,
      tags,
      querystring: AuditQuery,
      response: { 200: Type.Array(AuditEntry), ...problems(400, 401, 403) },
    },
  }, async (request) => {
    // Only the declared filters: the schema lets other parameters through, and `actorId=x` reached the query (a 500 on PostgreSQL).
    const { q, action, destination, from, to, before, limit } = request.query;
    // Entries about cases are for consular staff and admins only (docs/cases.md).
    const cases = can(request.staff!.user.role, 'cases');
    return searchAudit(ctx.db, { q, action, destination: destination?.toUpperCase(), from, to, before, limit, cases });
  });
}
