import type { Kysely } from 'kysely';
import {
  checkOrganisationName, decideVerification, normaliseOrganisationName, organisationMay, verificationState,
  type OrganisationAction, type VerificationChange, type VerificationState,
} from '../domain/organisations.ts';
import { can } from '../domain/roles.ts';
import { recordAudit } from '../publishing/audit.ts';
import type { Actor } from '../publishing/context.ts';
import type { Database } from '../store/schema.ts';
import { EnrolmentError } from './context.ts';
import { insertOrganisation } from './organisations.ts';

/**
 * Verification of organisations by staff admins (or the operator on the command line), and the
 * one check every path that creates people or sends mail on an organisation's behalf goes
 * through (`requireOrganisationMay`): the account page's CSV upload, `waypost enrol import`,
 * invitations and their acceptance. The rules are src/domain/organisations.ts.
 */

export interface OrganisationRecord {
  id: number;
  name: string;
  state: VerificationState;
  createdAt: string;
  /** The e-mail of the traveller who created it; null for the command line or a deleted account. */
  createdBy: string | null;
  members: number;
  verifiedAt: string | null;
  verifiedBy: string | null;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
}

function organisationRecords(db: Kysely<Database>) {
  return db
    .selectFrom('organisations')
    .leftJoin('travellers', 'travellers.id', 'organisations.created_by')
    .select((eb) => [
      'organisations.id', 'organisations.name', 'organisations.created_at', 'travellers.email as created_by', 'organisations.verified_at',
      'organisations.verified_by', 'organisations.withdrawn_at', 'organisations.withdrawn_by',
      eb.selectFrom('organisation_members').select((m) => m.fn.countAll().as('n')).whereRef('organisation_members.organisation_id', '=', 'organisations.id').as('members'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof organisationRecords>['executeTakeFirstOrThrow']>>;

function toRecord(row: Row): OrganisationRecord {
  return {
    id: row.id, name: row.name, state: verificationState({ verifiedAt: row.verified_at, withdrawnAt: row.withdrawn_at }), createdAt: row.created_at,
    createdBy: row.created_by, members: Number(row.members ?? 0), verifiedAt: row.verified_at, verifiedBy: row.verified_by, withdrawnAt: row.withdrawn_at, withdrawnBy: row.withdrawn_by,
  };
}

/** Every organisation for the console: those awaiting verification first, then by name. */
export async function listOrganisations(db: Kysely<Database>): Promise<OrganisationRecord[]> {
  const order: Record<VerificationState, number> = { unverified: 0, withdrawn: 1, verified: 2 };
  const rows = await organisationRecords(db).orderBy('organisations.name').execute();
  return rows.map(toRecord).sort((a, b) => order[a.state] - order[b.state]);
}

export async function findOrganisation(db: Kysely<Database>, id: number): Promise<OrganisationRecord | undefined> {
  const row = await organisationRecords(db).where('organisations.id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** The organisation with this name (any case, any spacing), or undefined. */
export async function organisationByName(db: Kysely<Database>, name: string): Promise<OrganisationRecord | undefined> {
  const row = await organisationRecords(db).where('organisations.name_normalised', '=', normaliseOrganisationName(name)).executeTakeFirst();
  return row && toRecord(row);
}

/**
 * The organisation, if it may do this now; otherwise a 403 saying why (awaiting verification, or
 * withdrawn). Pass the transaction the action writes in, so a withdrawal committed before it is seen.
 */
export async function requireOrganisationMay(db: Kysely<Database>, organisationId: number, action: OrganisationAction): Promise<{ id: number; name: string }> {
  const row = await db.selectFrom('organisations').select(['id', 'name', 'verified_at', 'withdrawn_at']).where('id', '=', organisationId).executeTakeFirst();
  if (!row) throw new EnrolmentError('There is no such organisation.', 404);
  const permission = organisationMay(verificationState({ verifiedAt: row.verified_at, withdrawnAt: row.withdrawn_at }), action);
  if (!permission.ok) throw new EnrolmentError(permission.reason, 403);
  return { id: row.id, name: row.name };
}

/** Only staff admins, and the operator's own processes (the command line), verify organisations. */
function mayVerify(actor: Actor): boolean {
  return actor.role === 'system' || can(actor.role, 'verifyOrganisations');
}

/** Verifies an organisation or withdraws its verification, with its audit entry, in one transaction. */
export async function changeVerification(ctx: { db: Kysely<Database>; now: () => Date }, organisationId: number, change: VerificationChange, actor: Actor): Promise<OrganisationRecord> {
  if (!mayVerify(actor)) throw new EnrolmentError('Only staff admins can verify organisations or withdraw their verification.', 403);
  const now = ctx.now();
  const at = now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('organisations').select(['id', 'name', 'verified_at', 'withdrawn_at']).where('id', '=', organisationId).executeTakeFirst();
    if (!row) throw new EnrolmentError('There is no such organisation.', 404);
    const decision = decideVerification(verificationState({ verifiedAt: row.verified_at, withdrawnAt: row.withdrawn_at }), change, row.name);
    if (!decision.ok) throw new EnrolmentError(decision.reason, 409);
    // Guarded by the state read above: of two admins pressing the same button, one changes it.
    const updated = await trx.updateTable('organisations')
      .set(change === 'verify' ? { verified_at: at, verified_by: actor.label, withdrawn_at: null, withdrawn_by: null } : { withdrawn_at: at, withdrawn_by: actor.label })
      .where('id', '=', organisationId)
      .where('withdrawn_at', row.withdrawn_at === null ? 'is' : '=', row.withdrawn_at)
      .where('verified_at', row.verified_at === null ? 'is' : '=', row.verified_at)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new EnrolmentError('Someone else changed this organisation at the same moment; reload and try again.', 409);
    await recordAudit(trx, {
      actor, at: now, action: change === 'verify' ? 'organisation-verified' : 'organisation-withdrawn',
      subject: `organisation ${organisationId}`, detail: { organisation: row.name },
    });
  });
  return (await findOrganisation(ctx.db, organisationId))!;
}

/**
 * The operator creates an organisation on the command line (`waypost organisations add NAME`),
 * unverified like any other, with an audit entry. The naming rules apply here too.
 */
export async function addOrganisation(ctx: { db: Kysely<Database>; now: () => Date }, input: unknown, actor: Actor): Promise<OrganisationRecord> {
  const check = checkOrganisationName(input);
  if (!check.ok) throw new EnrolmentError(check.reason, 400, 'name');
  const now = ctx.now();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertOrganisation(trx, check.name, now.toISOString(), null);
    if (inserted === undefined) throw new EnrolmentError(`An organisation named "${check.name}" exists already.`, 409, 'name');
    await recordAudit(trx, { actor, at: now, action: 'organisation-created', subject: `organisation ${inserted}`, detail: { organisation: check.name } });
    return inserted;
  });
  return (await findOrganisation(ctx.db, id))!;
}
