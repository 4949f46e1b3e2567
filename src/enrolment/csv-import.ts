import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';
import { readIdentity } from '../identity/settings.ts';
import { newWebhookSecret } from '../webhooks/send.ts';
import { briefTrips } from './briefings.ts';
import { EnrolmentError, timestamp, type EnrolmentContext } from './context.ts';
import { checkEnrolmentCsv, checkEnrolmentRows, type CsvRecord, type RejectedRow, type ValidRow } from './csv-check.ts';
import type { DateFormat } from '../domain/date-formats.ts';
import { chargeDailyUse } from './daily-limit.ts';
import { existingInvitations, INVITATION_DAYS, invitationUrl, needsInvitationMail, writeInvitations, type PendingTrip } from './invitations.ts';
import { invitationMail, welcomeMail } from './organisation-mail.ts';
import { organisationByName, requireOrganisationMay } from './verification.ts';

/**
 * Group enrolment from CSV (`waypost enrol import <file.csv> --organisation NAME`, or the upload on
 * an organisation's page), for a verified organisation only. Every row is checked first
 * (src/enrolment/csv-check.ts); then all valid rows are written in ONE transaction with batched
 * inserts, so the file is either imported (its valid rows) or not at all. Addresses without an
 * account get a new account, the trips and a welcome e-mail; addresses of the organisation's
 * members get the trips; any other existing account gets an invitation and nothing else until it
 * accepts (src/enrolment/invitations.ts). The report gives one number for all three, so it never
 * tells whether an address had an account. Rows already present are skipped: importing the same
 * file twice changes nothing. What a file adds counts against ORG_DAILY_IMPORT_LIMIT.
 */

/** Rows per multi-row INSERT: well inside SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH = 500;
/** While mailing, the organisation's verification is read again every this many e-mails: a withdrawal stops the rest. */
const RECHECK_EVERY = 25;

export interface CsvImportReport {
  organisation: { id: number; name: string };
  rows: number;
  /** New rows, enrolled or invited: deliberately one number (an organisation must not learn who has an account). */
  enrolledOrInvited: number;
  unchanged: number;
  rejected: RejectedRow[];
}

export interface MailOutcome {
  sent: number;
  failed: number;
  /** Not sent because the organisation's verification was withdrawn meanwhile. */
  stopped: number;
}

export interface CsvImportResult {
  report: CsvImportReport;
  /** The welcome and invitation e-mails, sent after the commit (a mail server that is down must not undo it). Never rejects. */
  mailing: Promise<MailOutcome>;
}

export interface CsvImportOptions {
  /** The organisation's name (any case); it must exist and be verified. */
  organisation: string;
  /** E-mail people who had no account a welcome with one-click unsubscribe (default true). Invitations always go. */
  welcome?: boolean;
  /** How the file writes its dates (default YYYY-MM-DD): chosen by the person importing, never guessed. */
  dateFormat?: DateFormat;
  /** The importing admin's language: a welcome is written in it (an invitee with an account gets their own). English when not given. */
  language?: string;
  onProgress?: (phase: 'checking' | 'writing' | 'mailing', done: number, total: number) => void;
}

type Mail = { kind: 'welcome'; email: string; travellerId: number; language?: string | undefined } | { kind: 'invitation'; email: string; travellerId: number; invitationId: number; language: string };

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function importKey(organisationId: number, travellerId: number, row: ValidRow): string {
  const key = [organisationId, travellerId, row.destination, row.region ?? '', row.start, row.end ?? ''].join('\u001f');
  return createHash('sha256').update(key).digest('base64url');
}

interface Account {
  id: number;
  email: string;
  unsubscribed: boolean;
  language: string;
}

async function accounts(db: Kysely<Database>, emails: readonly string[]): Promise<Map<string, Account>> {
  const found = new Map<string, Account>();
  for (const chunk of chunks(emails)) {
    const rows = await db.selectFrom('travellers').select(['id', 'email', 'email_normalised', 'unsubscribed_at', 'language']).where('email_normalised', 'in', chunk).execute();
    for (const r of rows) found.set(r.email_normalised, { id: r.id, email: r.email, unsubscribed: r.unsubscribed_at !== null, language: r.language });
  }
  return found;
}

async function memberIds(db: Kysely<Database>, organisationId: number, travellerIds: readonly number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (const chunk of chunks(travellerIds)) {
    const rows = await db.selectFrom('organisation_members').select('traveller_id').where('organisation_id', '=', organisationId).where('traveller_id', 'in', chunk).execute();
    for (const r of rows) found.add(r.traveller_id);
  }
  return found;
}

/** Import keys already used by trips or by trips waiting in invitations. */
async function usedKeys(db: Kysely<Database>, keys: readonly string[]): Promise<Set<string>> {
  const used = new Set<string>();
  for (const chunk of chunks(keys)) {
    for (const r of await db.selectFrom('trips').select('import_key').where('import_key', 'in', chunk).execute()) used.add(r.import_key!);
    for (const r of await db.selectFrom('invitation_trips').select('import_key').where('import_key', 'in', chunk).execute()) used.add(r.import_key);
  }
  return used;
}

async function insertTrips(trx: Kysely<Database>, organisationId: number, rows: { travellerId: number; row: ValidRow }[], now: Date, at: string, progress: (done: number) => void): Promise<void> {
  let done = 0;
  for (const chunk of chunks(rows)) {
    const keyed = chunk.map((k) => ({ ...k, key: importKey(organisationId, k.travellerId, k.row) }));
    const inserted = await trx.insertInto('trips')
      .values(keyed.map((k) => ({ traveller_id: k.travellerId, start_date: k.row.start, end_date: k.row.end, organisation_id: organisationId, import_key: k.key, created_at: at, updated_at: at, cancelled_at: null })))
      .returning(['id', 'import_key'])
      .execute();
    const tripIds = new Map(inserted.map((r) => [r.import_key!, r.id]));
    await trx.insertInto('trip_destinations')
      .values(keyed.map((k) => ({ trip_id: tripIds.get(k.key)!, position: 1, destination_code: k.row.destination, region: k.row.region })))
      .execute();
    // Only members' trips are written here (invited people's wait in invitation_trips), so only
    // they are briefed on what is already true there (src/enrolment/briefings.ts).
    await briefTrips(trx, inserted.map((r) => r.id), now);
    done += chunk.length;
    progress(done);
  }
}

/** People without an account: the account, its e-mail channel, membership and (from the CSV) unconfirmed webhooks. */
async function createAccounts(trx: Kysely<Database>, organisationId: number, fresh: ValidRow[], all: readonly ValidRow[], at: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const chunk of chunks(fresh)) {
    const rows = await trx.insertInto('travellers')
      .values(chunk.map((r) => ({ email: r.email, email_normalised: r.normalised, name: r.name, phone: null, confirmed_by: 'organisation' as const, created_at: at, confirmed_at: at, unsubscribed_at: null })))
      .onConflict((oc) => oc.column('email_normalised').doNothing())
      .returning(['id', 'email_normalised'])
      .execute();
    for (const r of rows) ids.set(r.email_normalised, r.id);
  }
  // Another import created one of these accounts meanwhile: attaching it here would attach an existing account.
  if (ids.size !== fresh.length) throw new EnrolmentError('Another import is enrolling some of the same people at this moment; nothing was imported. Try again.', 409);
  for (const chunk of chunks(fresh)) {
    await trx.insertInto('channels')
      .values(chunk.map((r) => ({ traveller_id: ids.get(r.normalised)!, kind: 'email' as const, address: r.email, secret: null, created_at: at, confirmed_at: at, disabled_at: null, disabled_reason: null })))
      .execute();
    await trx.insertInto('organisation_members')
      .values(chunk.map((r) => ({ organisation_id: organisationId, traveller_id: ids.get(r.normalised)!, role: 'member' as const, created_at: at })))
      .execute();
  }
  // Webhook channels only for accounts this file created, never for existing ones (unconfirmed until their endpoint answers the challenge).
  const hooks = new Map<string, { travellerId: number; url: string }>();
  for (const row of all) for (const url of ids.has(row.normalised) ? row.webhooks : []) hooks.set(`${row.normalised}\u001f${url}`, { travellerId: ids.get(row.normalised)!, url });
  for (const chunk of chunks([...hooks.values()])) {
    await trx.insertInto('channels')
      .values(chunk.map((w) => ({ traveller_id: w.travellerId, kind: 'webhook' as const, address: w.url, secret: newWebhookSecret(), created_at: at, confirmed_at: null, disabled_at: null, disabled_reason: null })))
      .execute();
  }
  return ids;
}

async function writeRows(trx: Transaction<Database>, ctx: EnrolmentContext, organisationId: number, valid: readonly ValidRow[], options: CsvImportOptions) {
  const organisation = await requireOrganisationMay(trx, organisationId, 'import');
  const now = ctx.now();
  const at = timestamp(ctx);
  const firstByEmail = new Map<string, ValidRow>();
  for (const row of valid) if (!firstByEmail.has(row.normalised)) firstByEmail.set(row.normalised, row);
  const known = await accounts(trx, [...firstByEmail.keys()]);
  const members = await memberIds(trx, organisationId, [...known.values()].map((a) => a.id));
  const existingKeys = await usedKeys(trx, valid.filter((r) => known.has(r.normalised)).map((r) => importKey(organisationId, known.get(r.normalised)!.id, r)));

  // Each new row once: a row repeated in the file, or already enrolled or invited, is unchanged.
  const seen = new Set<string>();
  const newRows: ValidRow[] = [];
  for (const row of valid) {
    const key = [row.normalised, row.destination, row.region ?? '', row.start, row.end ?? ''].join('\u001f');
    if (seen.has(key)) continue;
    seen.add(key);
    const account = known.get(row.normalised);
    if (account && existingKeys.has(importKey(organisationId, account.id, row))) continue;
    newRows.push(row);
  }
  const fresh = [...firstByEmail.values()].filter((r) => !known.has(r.normalised));
  const invited = new Map<number, PendingTrip[]>();
  for (const row of newRows) {
    const account = known.get(row.normalised);
    if (!account || members.has(account.id)) continue;
    const trip = { importKey: importKey(organisationId, account.id, row), destination: row.destination, region: row.region, start: row.start, end: row.end };
    invited.set(account.id, [...(invited.get(account.id) ?? []), trip]);
  }
  const invitations = await existingInvitations(trx, organisationId, [...invited.keys()]);
  // A new invitation, or one that expired unanswered, is mailed; trips added to an open or declined one wait with it.
  const toInvite = [...invited.keys()].filter((t) => needsInvitationMail(invitations.get(t), at));
  const welcome = options.welcome !== false;
  await chargeDailyUse(trx, ctx, organisationId, { rows: newRows.length, messages: (welcome ? fresh.length : 0) + toInvite.length });

  const freshIds = await createAccounts(trx, organisationId, fresh, newRows, at);
  const attached = newRows.flatMap((row) => {
    const travellerId = freshIds.get(row.normalised) ?? (members.has(known.get(row.normalised)?.id ?? -1) ? known.get(row.normalised)!.id : undefined);
    return travellerId === undefined ? [] : [{ travellerId, row }];
  });
  await insertTrips(trx, organisationId, attached, now, at, (done) => options.onProgress?.('writing', done, newRows.length));
  const invitationIds = await writeInvitations(trx, organisationId, invited, invitations, now);
  options.onProgress?.('writing', newRows.length, newRows.length);

  const byId = new Map([...known.values()].map((a) => [a.id, a]));
  const mails: Mail[] = [
    ...(welcome ? fresh.map((r) => ({ kind: 'welcome' as const, email: r.email, travellerId: freshIds.get(r.normalised)!, language: options.language })) : []),
    // Someone who unsubscribed from everything gets no invitation e-mail; it waits on their account page.
    ...toInvite.filter((t) => !byId.get(t)!.unsubscribed).map((t) => ({ kind: 'invitation' as const, email: byId.get(t)!.email, travellerId: t, invitationId: invitationIds.get(t)!, language: byId.get(t)!.language })),
  ];
  return { organisation, enrolledOrInvited: newRows.length, mails };
}

/** Sends the import's e-mails five at a time; stops when the organisation's verification is withdrawn meanwhile. */
async function sendMails(ctx: EnrolmentContext, organisation: { id: number; name: string }, mails: Mail[], onProgress: CsvImportOptions['onProgress']): Promise<MailOutcome> {
  const outcome: MailOutcome = { sent: 0, failed: 0, stopped: 0 };
  const queue = [...mails];
  let handed = 0;
  let allowed = true;
  const sender = await readIdentity(ctx.db);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (handed++ % RECHECK_EVERY === 0 && allowed) allowed = await requireOrganisationMay(ctx.db, organisation.id, next.kind === 'welcome' ? 'import' : 'invite').then(() => true, () => false);
      if (!allowed) {
        outcome.stopped++;
        continue;
      }
      try {
        await ctx.mail.send(next.kind === 'welcome'
          ? welcomeMail(ctx, next.email, next.travellerId, organisation.name, sender, next.language)
          : invitationMail(ctx, next.email, next.travellerId, organisation.name, invitationUrl(ctx, next.invitationId, next.travellerId), INVITATION_DAYS, sender, next.language));
        outcome.sent++;
      } catch {
        // Counted; the operator sees how many failed (the CLI prints it).
        outcome.failed++;
      }
      onProgress?.('mailing', outcome.sent + outcome.failed + outcome.stopped, mails.length);
    }
  };
  await Promise.all(Array.from({ length: 5 }, worker)).catch(() => undefined);
  return outcome;
}

export async function importEnrolmentCsv(ctx: EnrolmentContext, input: string | Buffer, options: CsvImportOptions): Promise<CsvImportResult> {
  return importChecked(ctx, options, () => checkEnrolmentCsv(ctx, input, { dateFormat: options.dateFormat, onProgress: options.onProgress }));
}

/**
 * Rows corrected on the organisation's page after an import refused them: the same checks, the
 * same all-or-nothing write and the same daily limit as a file, so a row fixed by hand is held to
 * exactly what a file's row is.
 */
export async function importEnrolmentRows(ctx: EnrolmentContext, records: readonly CsvRecord[], options: CsvImportOptions): Promise<CsvImportResult> {
  return importChecked(ctx, options, () => checkEnrolmentRows(ctx, records, { dateFormat: options.dateFormat }));
}

async function importChecked(ctx: EnrolmentContext, options: CsvImportOptions, check: () => ReturnType<typeof checkEnrolmentRows>): Promise<CsvImportResult> {
  const found = await organisationByName(ctx.db, options.organisation);
  if (!found) throw new EnrolmentError(`There is no organisation "${options.organisation}".`, 404);
  // Before reading the file: an organisation that may not import learns nothing from it.
  await requireOrganisationMay(ctx.db, found.id, 'import');
  const checked = await check();
  const written = await ctx.db.transaction().execute((trx) => writeRows(trx, ctx, found.id, checked.valid, options));
  return {
    report: {
      organisation: written.organisation,
      rows: checked.rows,
      enrolledOrInvited: written.enrolledOrInvited,
      unchanged: checked.valid.length - written.enrolledOrInvited,
      rejected: checked.rejected,
    },
    mailing: sendMails(ctx, written.organisation, written.mails, options.onProgress),
  };
}
