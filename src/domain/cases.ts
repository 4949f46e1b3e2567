import { can, type StaffRole } from './roles.ts';

/**
 * Assistance and consular cases (docs/cases.md): the rules, pure and table-tested. Who may change
 * what, how a case moves from open to closed and back, and the flags the console raises (consular
 * access overdue, dual national). No I/O: the services in src/cases/ ask these and then write.
 */

export const CASE_TYPES = [
  'arrest_detention', 'wrongful_detention', 'medical', 'death', 'missing_person', 'victim_of_crime', 'lost_passport', 'departure_assistance',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  arrest_detention: 'Arrest or detention',
  wrongful_detention: 'Wrongful detention',
  medical: 'Medical',
  death: 'Death',
  missing_person: 'Missing person',
  victim_of_crime: 'Victim of crime',
  lost_passport: 'Lost or stolen passport',
  departure_assistance: 'Departure assistance',
};

/** The types whose case keeps a consular access log. */
export const DETENTION_TYPES: readonly CaseType[] = ['arrest_detention', 'wrongful_detention'];
/** Only an admin may designate a case wrongful detention, or take the designation away. */
export const WRONGFUL: CaseType = 'wrongful_detention';

export const CASE_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = { open: 'Open', in_progress: 'In progress', closed: 'Closed' };

/** Most urgent first: lists sort by this order. */
export const CASE_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export const ACCESS_KINDS = ['requested', 'granted', 'denied', 'visit'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];
/** The entries that mean consular staff reached the detainee; "days since last access" counts from the latest. */
export const ACCESS_REACHED: readonly AccessKind[] = ['granted', 'visit'];

export const PERSON_RELATIONS = ['traveller', 'party_member', 'next_of_kin'] as const;
export type PersonRelation = (typeof PERSON_RELATIONS)[number];

export const CONTACT_DIRECTIONS = ['incoming', 'outgoing'] as const;
export const CONTACT_CHANNELS = ['phone', 'email', 'sms', 'in_person', 'letter', 'other'] as const;

export const DEFAULT_ACCESS_THRESHOLD_DAYS = 14;
export const DEFAULT_RETENTION_DAYS = 730;

export const isCaseType = (value: unknown): value is CaseType => typeof value === 'string' && (CASE_TYPES as readonly string[]).includes(value);
export const isDetention = (type: string | null): boolean => type !== null && (DETENTION_TYPES as readonly string[]).includes(type);

export type Refusal = { status: 400 | 403 | 409; field: string; message: string };

/**
 * Whether `role` may change a case's type from `from` to `to`. Anyone with the `cases`
 * permission triages; designating wrongful detention (or withdrawing it) needs `administer`.
 */
export function typeChangeRefusal(role: StaffRole | 'system', from: string | null, to: string | null): Refusal | null {
  if (from === to) return null;
  if ((from === WRONGFUL || to === WRONGFUL) && !can(role, 'administer')) {
    return { status: 403, field: 'type', message: 'only an admin can designate a case wrongful detention or withdraw the designation' };
  }
  return null;
}

/**
 * Status moves: open ⇄ in progress, either → closed (with an outcome), and closed → open or in
 * progress (reopening: the outcome is cleared from the case and kept in its notes and the audit log).
 */
export function statusChangeRefusal(from: CaseStatus, to: CaseStatus, outcome: string | null): Refusal | null {
  if (from === to) return to === 'closed' ? { status: 409, field: 'status', message: 'the case is already closed' } : null;
  if (to === 'closed' && !outcome) return { status: 400, field: 'outcome', message: 'is required to close a case: say how it ended' };
  if (to !== 'closed' && outcome) return { status: 400, field: 'outcome', message: 'is given only when closing a case' };
  return null;
}

export interface AccessEntry {
  kind: AccessKind;
  /** YYYY-MM-DD. */
  date: string;
}

export interface AccessState {
  /** The latest day access was granted or a visit took place; null if never. */
  lastAccess: string | null;
  /** Whole days since then, or (never reached) since the case was opened. */
  days: number;
  /** Days past the threshold: flagged in the console. */
  overdue: boolean;
}

const DAY = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * Days since consular access for a detention case (null for other types). Counted in calendar
 * days (UTC) from the latest `granted` or `visit` entry; with none yet, from the day the case was
 * opened. Overdue when more than `thresholdDays` have passed.
 */
export function accessState(type: string | null, openedAt: string, entries: readonly AccessEntry[], now: Date, thresholdDays: number): AccessState | null {
  if (!isDetention(type)) return null;
  const reached = entries.filter((e) => ACCESS_REACHED.includes(e.kind)).map((e) => e.date).sort();
  const lastAccess = reached.at(-1) ?? null;
  const days = Math.max(0, daysBetween(lastAccess ?? openedAt.slice(0, 10), dayOf(now)));
  return { lastAccess, days, overdue: days > thresholdDays };
}

/**
 * "Consular access may be refused (dual national)": someone linked to the case holds the host
 * country's citizenship. Many countries treat their own citizens as theirs alone and refuse
 * another state's consul access to them.
 */
export function dualNationalOf(country: string, people: readonly { citizenships: readonly string[] }[]): boolean {
  return people.some((p) => p.citizenships.includes(country));
}

/**
 * The latest day an access entry may carry: today where the calendar is furthest ahead (UTC+14),
 * so that staff anywhere can record what happened today in their time zone.
 */
export function latestAccessDate(now: Date): string {
  return dayOf(new Date(now.getTime() + 14 * 3600_000));
}

const PRIORITY_RANK: Record<string, number> = Object.fromEntries(CASE_PRIORITIES.map((p, i) => [p, i]));

export interface ListedCase {
  id: number;
  status: CaseStatus;
  priority: CasePriority;
  /** Opened by "I need help" and not yet triaged (no type). */
  needHelp: boolean;
  accessOverdue: boolean;
  dualNational: boolean;
}

/**
 * The order of the console's list: open cases before closed ones, then untriaged "I need help"
 * cases, then overdue consular access, then by priority, then oldest first (lowest id).
 */
export function compareCases(a: ListedCase, b: ListedCase): number {
  const closed = Number(a.status === 'closed') - Number(b.status === 'closed');
  if (closed) return closed;
  const help = Number(b.needHelp) - Number(a.needHelp);
  if (help) return help;
  const overdue = Number(b.accessOverdue) - Number(a.accessOverdue);
  if (overdue) return overdue;
  const priority = (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9);
  return priority || a.id - b.id;
}

/** A whole number of days from the environment, within bounds; `name` goes in the message. */
export function daysSetting(name: string, text: string | undefined, fallback: number, max = 3650): number {
  const days = text === undefined || text === '' ? fallback : Number(text);
  if (!Number.isInteger(days) || days < 1 || days > max) throw new Error(`${name} must be a whole number of days from 1 to ${max} (got "${text}")`);
  return days;
}
