import type { Kysely, Selectable } from 'kysely';
import { accessState, CASE_TYPE_LABELS, compareCases, dualNationalOf, isCaseType, type AccessKind, type AccessState, type CasePriority, type CaseStatus } from '../domain/cases.ts';
import type { CasesTable, Database } from '../store/schema.ts';
import type { CaseSettings } from './context.ts';

/**
 * Reading cases back (docs/cases.md): the list with its flags and one case whole. No audit here:
 * the services (read.ts) record each read; nothing else may call these for staff.
 */

export interface CasePerson {
  id: number;
  travellerId: number | null;
  name: string;
  relation: string;
  consent: boolean;
  /** Stored with the link, plus the linked traveller's own (their profile). */
  citizenships: string[];
  addedAt: string;
}

export interface CaseSummary {
  id: number;
  title: string;
  type: string | null;
  typeLabel: string | null;
  status: CaseStatus;
  priority: CasePriority;
  outcome: string | null;
  country: string;
  crisisId: number | null;
  travellerId: number | null;
  assignee: { id: number; email: string } | null;
  openedBy: string;
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
  flags: { needHelp: boolean; accessOverdue: boolean; dualNational: boolean };
  /** Detention cases only: days since consular access (`thresholdDays`: when it is flagged). */
  access: (AccessState & { thresholdDays: number }) | null;
}

export interface CaseRecord extends CaseSummary {
  people: CasePerson[];
  notes: { id: number; kind: string; body: string; author: string; at: string }[];
  contacts: { id: number; direction: string; channel: string; party: string; summary: string; at: string; recordedBy: string; recordedAt: string }[];
  accessLog: { id: number; kind: AccessKind; date: string; note: string | null; recordedBy: string; recordedAt: string }[];
}

type CaseRow = Selectable<CasesTable> & { assignee_email: string | null };

function selectCases(db: Kysely<Database>) {
  return db.selectFrom('cases as c').leftJoin('users as u', 'u.id', 'c.assignee_id').selectAll('c').select('u.email as assignee_email');
}

async function peopleOf(db: Kysely<Database>, caseIds: readonly number[]): Promise<Map<number, CasePerson[]>> {
  const byCase = new Map<number, CasePerson[]>();
  if (!caseIds.length) return byCase;
  const rows = await db.selectFrom('case_people').selectAll().where('case_id', 'in', caseIds).orderBy('id').execute();
  const travellerIds = rows.map((r) => r.traveller_id).filter((id): id is number => id !== null);
  const own = travellerIds.length
    ? await db.selectFrom('traveller_citizenships').select(['traveller_id', 'country_code']).where('traveller_id', 'in', travellerIds).execute()
    : [];
  for (const row of rows) {
    const stored = JSON.parse(row.citizenships) as string[];
    const theirs = own.filter((c) => Number(c.traveller_id) === Number(row.traveller_id)).map((c) => c.country_code);
    const person: CasePerson = {
      id: Number(row.id), travellerId: row.traveller_id === null ? null : Number(row.traveller_id), name: row.name, relation: row.relation,
      consent: Number(row.consent) === 1, citizenships: [...new Set([...stored, ...theirs])].sort(), addedAt: row.added_at,
    };
    byCase.set(Number(row.case_id), [...(byCase.get(Number(row.case_id)) ?? []), person]);
  }
  return byCase;
}

async function accessOf(db: Kysely<Database>, caseIds: readonly number[]) {
  if (!caseIds.length) return [];
  return db.selectFrom('case_access').selectAll().where('case_id', 'in', caseIds).orderBy('on_date').orderBy('id').execute();
}

function summaryOf(row: CaseRow, people: readonly CasePerson[], access: readonly { kind: AccessKind; on_date: string }[], now: Date, settings: CaseSettings): CaseSummary {
  const state = accessState(row.type, row.opened_at, access.map((a) => ({ kind: a.kind, date: a.on_date })), now, settings.accessThresholdDays);
  const open = row.status !== 'closed';
  return {
    id: Number(row.id), title: row.title, type: row.type, typeLabel: isCaseType(row.type) ? CASE_TYPE_LABELS[row.type] : null, status: row.status,
    priority: row.priority, outcome: row.outcome, country: row.country, crisisId: row.crisis_id === null ? null : Number(row.crisis_id),
    travellerId: row.traveller_id === null ? null : Number(row.traveller_id),
    assignee: row.assignee_id === null ? null : { id: Number(row.assignee_id), email: row.assignee_email ?? '' },
    openedBy: row.opened_by, openedAt: row.opened_at, updatedAt: row.updated_at, closedAt: row.closed_at,
    flags: {
      needHelp: open && row.help_key !== null && row.type === null,
      accessOverdue: open && Boolean(state?.overdue),
      dualNational: dualNationalOf(row.country, people),
    },
    access: state ? { ...state, thresholdDays: settings.accessThresholdDays } : null,
  };
}

export interface CaseFilter {
  status?: CaseStatus;
  limit?: number;
}

/** Cases in the console's order: open first, need help, overdue access, priority, oldest. */
export async function listCases(db: Kysely<Database>, now: Date, settings: CaseSettings, filter: CaseFilter = {}): Promise<CaseSummary[]> {
  let query = selectCases(db);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  // Open cases are never cut off by the limit: closed ones (newest first) fill what is left.
  const rows = await query.orderBy((eb) => eb.case().when('c.status', '=', 'closed').then(1).else(0).end()).orderBy('c.id', 'desc').limit(Math.min(filter.limit ?? 500, 1000)).execute();
  const ids = rows.map((r) => Number(r.id));
  const [people, access] = await Promise.all([peopleOf(db, ids), accessOf(db, ids)]);
  return rows
    .map((row) => summaryOf(row, people.get(Number(row.id)) ?? [], access.filter((a) => Number(a.case_id) === Number(row.id)), now, settings))
    .sort((a, b) => compareCases({ ...a, ...a.flags }, { ...b, ...b.flags }));
}

export async function findCase(db: Kysely<Database>, id: number, now: Date, settings: CaseSettings): Promise<CaseRecord | undefined> {
  const row = await selectCases(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [people, access, notes, contacts] = await Promise.all([
    peopleOf(db, [id]), accessOf(db, [id]),
    db.selectFrom('case_notes').selectAll().where('case_id', '=', id).orderBy('id').execute(),
    db.selectFrom('case_contacts').selectAll().where('case_id', '=', id).orderBy('contacted_at').orderBy('id').execute(),
  ]);
  const linked = people.get(id) ?? [];
  return {
    ...summaryOf(row, linked, access, now, settings),
    people: linked,
    notes: notes.map((n) => ({ id: Number(n.id), kind: n.kind, body: n.body, author: n.author, at: n.at })),
    contacts: contacts.map((c) => ({
      id: Number(c.id), direction: c.direction, channel: c.channel, party: c.party, summary: c.summary, at: c.contacted_at, recordedBy: c.recorded_by, recordedAt: c.recorded_at,
    })),
    accessLog: access.map((a) => ({ id: Number(a.id), kind: a.kind, date: a.on_date, note: a.note, recordedBy: a.recorded_by, recordedAt: a.recorded_at })),
  };
}
