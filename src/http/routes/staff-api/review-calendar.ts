import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { reviewCalendar } from '../../../publishing/calendar.ts';
import { LevelSchema } from '../../schemas.ts';
import { Nullable } from '../draft-schemas.ts';
import { problems, security, tags, type StaffApi } from './shared.ts';

const CalendarEntry = Type.Object({
  code: Type.String(), name: Type.String(), level: LevelSchema, revision: Type.Integer(), reviewedAt: Type.String(),
  nextReviewDue: Nullable(Type.String()), days: Nullable(Type.Integer()), state: Type.String(),
  openDraft: Nullable(Type.Object({ id: Type.Integer(), status: Type.String() })),
});

/** Which advisories are due for their periodic review (the reviewers' to-do list). */
export function reviewCalendarRoute(instance: FastifyInstance, { ctx, read }: StaffApi): void {
  instance.withTypeProvider<TypeBoxTypeProvider>().get('/api/v1/review-calendar', {
    preValidation: read,
    schema: {
      summary: 'Advisories past or near their next review date, Level 4 first',
      description: security,
      tags,
      querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })) }),
      response: { 200: Type.Array(CalendarEntry), ...problems(400, 401, 403) },
    },
  }, async (request) => reviewCalendar(ctx, { horizonDays: request.query.days ?? 30 }));
}
