import type { FastifyInstance } from 'fastify';
import type { EditorialContext } from '../../../publishing/context.ts';
import { staffAuth } from '../../../staff/guard.ts';
import type { Store } from '../../../store/connect.ts';
import { DraftSchema } from '../draft-schemas.ts';
import { auditRoute } from './audit.ts';
import { draftWorkflowRoutes } from './draft-workflow.ts';
import { draftRoutes } from './drafts.ts';
import { missionDraftRoutes } from './missions.ts';
import { reissueRoute } from './reissue.ts';
import { reviewCalendarRoute } from './review-calendar.ts';
import type { StaffApi } from './shared.ts';

/**
 * The staff API of docs/contracts.md: drafts and the workflow, for scripts and integrations, with
 * `Authorization: Bearer <token>`. Every rule lives in src/publishing and src/domain/workflow.ts;
 * the console calls the same functions, so both surfaces behave alike.
 *
 * This plugin owns what all its routes share (the auth, the no-store header, the empty-body rule,
 * the Draft schema); each resource registers its routes from its own file, in one scope, so the
 * hooks apply to all of them. The order of registration is the order of the OpenAPI document.
 */

export interface StaffApiOptions {
  /** Injectable clock (tests). */
  now?: () => Date;
}

export function staffApiRoutes(store: Store, options: StaffApiOptions = {}) {
  return async function register(app: FastifyInstance): Promise<void> {
    const now = options.now ?? (() => new Date());
    const ctx: EditorialContext = { db: store.db, now };
    const auth = staffAuth(app, { db: store.db, now });
    app.addSchema(DraftSchema);
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
    });
    // Workflow calls may come without a body ("POST …/submit"): treat that as an empty object.
    app.addHook('preValidation', async (request) => {
      if (request.body === undefined || request.body === null) request.body = {};
    });

    const api: StaffApi = {
      ctx,
      read: auth.requirePermission('read'),
      edit: auth.requirePermission('edit'),
      review: auth.requirePermission('review'),
    };
    draftRoutes(app, api);
    draftWorkflowRoutes(app, api);
    missionDraftRoutes(app, api);
    reissueRoute(app, api);
    auditRoute(app, api);
    reviewCalendarRoute(app, api);
  };
}
