import type { Kysely } from 'kysely';
import { isCalendarDate } from '../domain/draft-input.ts';
import type { Database } from '../store/schema.ts';
import type { Actor } from './context.ts';

/** Everything the audit log records, by name. */
export const AUDIT_ACTIONS = [
  'create', 'edit', 'submit', 'approve', 'return', 'schedule', 'publish', 'reissue',
  'sign-in', 'sign-in-failed', 'sign-out', 'token-created', 'token-revoked', 'user-created', 'user-updated', 'settings-changed',
  'alert-issued', 'alert-updated', 'alert-cancelled', 'import-forced',
  'organisation-created', 'organisation-verified', 'organisation-withdrawn', 'organisation-messaged', 'organisation-exported',
  'crisis-declared', 'crisis-closed', 'crisis-wave-sent', 'crisis-exported', 'crisis-settings-changed', 'crisis-contacts-asked',
  // Cases (docs/cases.md): shown only to those with the `cases` permission (CASE_AUDIT_PREFIX).
  'case-opened', 'case-listed', 'case-read', 'case-updated', 'case-designated', 'case-note-added', 'case-contact-added', 'case-person-added',
  'case-access-added', 'case-deleted',
  'departure-created', 'departure-updated', 'departure-assigned', 'departure-unassigned', 'departure-boarded', 'departure-messaged', 'departure-manifest-exported',
] as const;
/** Audit entries about cases start with this; searchAudit leaves them out unless asked to include them. */
export const CASE_AUDIT_PREFIX = 'case-';
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditInput {
  actor: Actor;
  action: AuditAction;
  destination?: string | null;
  subject: string;
  detail?: Record<string, unknown>;
  at: Date;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actor: string;
  action: string;
  destination: string | null;
  subject: string;
  detail: Record<string, unknown>;
}

/** Writes one audit entry and returns its id; pass the transaction the action runs in, so both commit or neither. */
export async function recordAudit(db: Kysely<Database>, entry: AuditInput): Promise<number> {
  const row = await db
    .insertInto('audit_log')
    .values({
      at: entry.at.toISOString(),
      actor_id: entry.actor.id,
      actor_label: entry.actor.label,
      action: entry.action,
      destination_code: entry.destination ?? null,
      subject: entry.subject,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Replaces the detail of an entry that counts repeats of one event (refused sign-ins, src/staff/lockout.ts),
 * so that a flood is one entry with a count. Nothing else rewrites the log.
 */
export async function updateAuditCount(db: Kysely<Database>, id: number, detail: Record<string, unknown>): Promise<void> {
  await db.updateTable('audit_log').set({ detail: JSON.stringify(detail) }).where('id', '=', id).execute();
}

export interface AuditFilter {
  /** Words to find in the actor, subject or detail. */
  q?: string;
  action?: string;
  destination?: string;
  actorId?: number;
  /** YYYY-MM-DD, inclusive; anything but a real calendar day is left out (callers answer 400 first). */
  from?: string;
  to?: string;
  /** Entries older than this id (the next page); beyond 2^53 it would not be an id, and is left out. */
  before?: number;
  limit?: number;
  /** Include the entries about cases: only for those with the `cases` permission (docs/cases.md). */
  cases?: boolean;
}

/** Search words are matched as substrings; `%` and `\\` would be LIKE syntax on one engine or the other, so they are dropped. */
function likeWord(word: string): string {
  return word.replace(/[\\%]/g, '');
}

/** Audit entries, newest first. */
export async function searchAudit(db: Kysely<Database>, given: AuditFilter = {}): Promise<AuditEntry[]> {
  const filter = wellTyped(given);
  let query = db.selectFrom('audit_log').selectAll();
  if (given.cases !== true) query = query.where('action', 'not like', `${CASE_AUDIT_PREFIX}%`);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.destination) query = query.where('destination_code', '=', filter.destination);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.from && isCalendarDate(filter.from)) query = query.where('at', '>=', filter.from);
  const end = filter.to && isCalendarDate(filter.to) ? nextDay(filter.to) : null;
  if (end) query = query.where('at', '<', end);
  if (filter.before && Number.isSafeInteger(filter.before)) query = query.where('id', '<', filter.before);
  for (const word of (filter.q ?? '').toLowerCase().split(/\s+/).map(likeWord).filter(Boolean).slice(0, 5)) {
    const pattern = `%${word}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['actor_label']), 'like', eb.val(pattern)),
        eb(eb.fn('lower', ['subject']), 'like', eb.val(pattern)),
        eb(eb.fn('lower', ['detail']), 'like', eb.val(pattern)),
        eb(eb.fn('lower', ['action']), 'like', eb.val(pattern)),
      ]),
    );
  }
  const rows = await query.orderBy('id', 'desc').limit(Math.min(filter.limit ?? 50, 500)).execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actor: row.actor_label,
    action: row.action,
    destination: row.destination_code,
    subject: row.subject,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  }));
}

/**
 * The filter with every field of the wrong type left out. Callers pass query strings on, and a
 * parameter sent twice (`?q=a&q=b`) is an array there: it reached `toLowerCase` (a 500), and an
 * array or a non-number id reached SQL (a 500 on PostgreSQL).
 */
function wellTyped(filter: AuditFilter): AuditFilter {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const id = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined);
  const fields = {
    q: text(filter.q), action: text(filter.action), destination: text(filter.destination), from: text(filter.from), to: text(filter.to),
    actorId: id(filter.actorId), before: id(filter.before), limit: id(filter.limit),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as AuditFilter;
}

/** The start of the day after, or null after 9999-12-31 (nothing is later, and "+010000-…" would sort first). */
function nextDay(day: string): string | null {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.getUTCFullYear() > 9999 ? null : date.toISOString();
}
