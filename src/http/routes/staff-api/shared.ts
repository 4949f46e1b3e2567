import type { FastifyReply, preHandlerAsyncHookHandler } from 'fastify';
import { Type } from 'typebox';
import type { EditorialContext } from '../../../publishing/context.ts';
import type { Draft } from '../../../publishing/draft-record.ts';
import type { Expected } from '../../../publishing/drafts.ts';
import { draftEtag, ifMatchVersion } from '../../draft-etag.ts';

/**
 * What the parts of the staff API share. index.ts makes one of these per app (the clock and the
 * permission checks), so that every resource file answers with the same context and the same auth.
 */
export interface StaffApi {
  ctx: EditorialContext;
  read: preHandlerAsyncHookHandler;
  edit: preHandlerAsyncHookHandler;
  review: preHandlerAsyncHookHandler;
}

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 }) });
export const problems = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, Type.Ref('Problem')]));
export const DraftResponse = Type.Ref('Draft');

export const tags = ['staff'];
export const security = 'Staff only: `Authorization: Bearer <token>` (waypost tokens create).';

export function sendDraft(reply: FastifyReply, draft: Draft, status = 200) {
  return reply.code(status).header('etag', draftEtag(draft.id, draft.version)).send(draft);
}

export function expectedVersion(header: string | undefined, id: number): Expected | undefined {
  if (header === undefined) return undefined;
  const version = ifMatchVersion(header, id);
  // An If-Match that names no version of this draft can never match: 412, like a stale one.
  return version ?? -1;
}
