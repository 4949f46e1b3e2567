import type { Kysely } from 'kysely';
import { DEFAULT_ACCESS_THRESHOLD_DAYS, DEFAULT_RETENTION_DAYS, daysSetting } from '../domain/cases.ts';
import { can } from '../domain/roles.ts';
import { EditorialError, type Actor } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';

/** What the case services need: the database, a clock (tests move it) and the two settings. */
export interface CaseContext {
  db: Kysely<Database>;
  now: () => Date;
  settings: CaseSettings;
}

export interface CaseSettings {
  /** CASE_ACCESS_THRESHOLD_DAYS: a detention case is flagged after this many days without consular access (default 14). */
  accessThresholdDays: number;
  /** CASE_RETENTION_DAYS: closed cases are deleted this many days after they were closed (default 730). */
  retentionDays: number;
}

export function caseSettings(env: NodeJS.ProcessEnv = process.env): CaseSettings {
  return {
    accessThresholdDays: daysSetting('CASE_ACCESS_THRESHOLD_DAYS', env.CASE_ACCESS_THRESHOLD_DAYS, DEFAULT_ACCESS_THRESHOLD_DAYS, 365),
    retentionDays: daysSetting('CASE_RETENTION_DAYS', env.CASE_RETENTION_DAYS, DEFAULT_RETENTION_DAYS),
  };
}

export function caseContext(db: Kysely<Database>, now: () => Date = () => new Date(), settings: CaseSettings = caseSettings()): CaseContext {
  return { db, now, settings };
}

/** Consular staff and admins; nobody else, not even the command line (cases have no CLI). */
export function mayWorkCases(actor: Actor): void {
  if (actor.role === 'system' || !can(actor.role, 'cases')) throw new EditorialError(403, 'Only consular staff and admins can see and work cases.');
}

/** The actor of what a check-in answer does to a case. */
export const CHECK_IN: Actor = { id: null, label: 'check-in answer', role: 'system' };
export const RETENTION: Actor = { id: null, label: 'retention', role: 'system' };
