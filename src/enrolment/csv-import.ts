import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';
import { newWebhookSecret } from '../webhooks/send.ts';
import { timestamp, today, type EnrolmentContext } from './context.ts';
import { webhookUrlProblem } from './channels.ts';
import { welcomeMail } from './mail.ts';
import { ensureOrganisation } from './organisations.ts';
import { advisoryRegionNames, resolveRegion } from './regions.ts';
import { checkTripDates, findDestination, normaliseEmail, validDate, validEmail } from './validation.ts';

/**
 * Group enrolment from CSV (`waypost enrol import <file.csv> --organisation NAME`, or the upload on
 * an organisation's page). Columns: email, name, destination, region, start, end, channels.
 * Every row is checked first; then all valid rows are written in ONE transaction with batched
 * inserts, so the file is either imported (its valid rows) or not at all. Rows already present
 * (same organisation, traveller, destination, region and dates) are skipped: importing the same
 * file twice changes nothing.
 */

export const CSV_COLUMNS = ['email', 'name', 'destination', 'region', 'start', 'end', 'channels'] as const;
export const MAX_CSV_BYTES = 20 * 1024 * 1024;
export const MAX_CSV_ROWS = 100_000;
/** Rows per multi-row INSERT: well inside SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH = 500;

/** The file as a whole cannot be imported: unreadable, not CSV, or without the required columns. */
export class CsvFileError extends Error {
  override name = 'CsvFileError';
}

export interface RejectedRow {
  /** Line of the file (the header is line 1). */
  line: number;
  reason: string;
}

export interface CsvImportReport {
  organisation: { id: number; name: string; created: boolean };
  rows: number;
  enrolled: number;
  unchanged: number;
  rejected: RejectedRow[];
  /** Travellers this file created (they get a welcome e-mail unless told otherwise). */
  newTravellers: number;
  welcomed: number;
  milliseconds: number;
}

export interface CsvImportOptions {
  organisation: string;
  /** Send newly enrolled travellers a welcome e-mail with one-click unsubscribe (default true). */
  welcome?: boolean;
  onProgress?: (phase: 'checking' | 'writing' | 'mailing', done: number, total: number) => void;
}

interface ValidRow {
  line: number;
  email: string;
  normalised: string;
  name: string;
  destination: string;
  region: string | null;
  start: string;
  end: string | null;
  webhooks: string[];
}

function readRecords(input: string | Buffer): { header: string[]; records: { values: string[]; line: number }[] } {
  if (Buffer.byteLength(input) > MAX_CSV_BYTES) throw new CsvFileError(`the file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`);
  const text = Buffer.isBuffer(input) ? input.toString('utf8') : input;
  if (text.includes('\u0000')) throw new CsvFileError('this is not a CSV text file (it contains binary data)');
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 64 * 1024 }) as unknown as typeof parsed;
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new CsvFileError(`malformed CSV${e.lines ? ` at line ${e.lines}` : ''}: ${e.message.replace(/^Invalid \w+:?\s*/i, '').slice(0, 200)}`);
  }
  if (parsed.length === 0) throw new CsvFileError(`the file is empty; expected a header line: ${CSV_COLUMNS.join(',')}`);
  const header = parsed[0]!.record.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new CsvFileError(`missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header must name ${CSV_COLUMNS.join(', ')}`);
  if (parsed.length - 1 > MAX_CSV_ROWS) throw new CsvFileError(`the file has more than ${MAX_CSV_ROWS} rows; split it`);
  return { header, records: parsed.slice(1).map((p) => ({ values: p.record, line: p.info.lines })) };
}

/** Reads and checks every row; nothing is written. */
export async function checkEnrolmentCsv(ctx: EnrolmentContext, input: string | Buffer, onProgress?: CsvImportOptions['onProgress']) {
  const { header, records } = readRecords(input);
  const index = Object.fromEntries(CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof CSV_COLUMNS)[number], number>;
  const day = today(ctx);
  const valid: ValidRow[] = [];
  const rejected: RejectedRow[] = [];
  const quoted = (text: string) => `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
  const codes = new Set<string>();
  for (const { values } of records) {
    const d = findDestination(values[index.destination] ?? '');
    if (d) codes.add(d.code);
  }
  const advisoryNames = await advisoryRegionNames(ctx.db, [...codes]);
  const webhookChecks = new Map<string, Promise<string | null>>();
  let done = 0;
  for (const { values, line } of records) {
    done++;
    if (done % 1000 === 0) onProgress?.('checking', done, records.length);
    const field = (name: (typeof CSV_COLUMNS)[number]) => (values[index[name]] ?? '').trim();
    const reject = (reason: string) => rejected.push({ line, reason });
    if (values.length !== header.length) {
      reject(`expected ${header.length} values, found ${values.length}`);
      continue;
    }
    const missing = (['email', 'name', 'destination', 'start'] as const).filter((c) => !field(c));
    if (missing.length) {
      reject(`missing ${missing.join(', ')}`);
      continue;
    }
    const email = validEmail(field('email'));
    if (!email) {
      reject(`invalid e-mail ${quoted(field('email'))}`);
      continue;
    }
    if (field('name').length > 200) {
      reject('name longer than 200 characters');
      continue;
    }
    const destination = findDestination(field('destination'));
    if (!destination) {
      reject(`unknown destination ${quoted(field('destination'))}`);
      continue;
    }
    const region = resolveRegion(destination, field('region'), advisoryNames.get(destination.code));
    if (!region.ok) {
      reject(region.reason);
      continue;
    }
    const start = validDate(field('start'));
    const endText = field('end');
    const end = endText ? validDate(endText) : null;
    const dateProblem = checkTripDates(start, end, endText !== '', day);
    if (dateProblem) {
      reject(dateProblem === 'bad start date' ? `bad start date ${quoted(field('start'))} (use YYYY-MM-DD)`
        : dateProblem === 'bad end date' ? `bad end date ${quoted(endText)} (use YYYY-MM-DD, or leave empty for residing abroad)` : dateProblem);
      continue;
    }
    const webhooks: string[] = [];
    let channelProblem: string | null = null;
    for (const entry of field('channels').split(';').map((c) => c.trim()).filter(Boolean)) {
      if (entry.toLowerCase() === 'email') continue;
      const match = /^webhook:(.+)$/i.exec(entry);
      if (!match) {
        channelProblem = `unknown channel ${quoted(entry)} (use email, or webhook:https://…)`;
        break;
      }
      const url = match[1]!.trim();
      let check = webhookChecks.get(url);
      if (!check) webhookChecks.set(url, (check = webhookUrlProblem(ctx, url)));
      const problem = await check;
      if (problem) {
        channelProblem = `unsafe webhook address: ${problem}`;
        break;
      }
      webhooks.push(url);
    }
    if (channelProblem) {
      reject(channelProblem);
      continue;
    }
    valid.push({ line, email, normalised: normaliseEmail(email), name: field('name'), destination: destination.code, region: region.region, start: start!, end, webhooks });
  }
  onProgress?.('checking', records.length, records.length);
  return { rows: records.length, valid, rejected };
}

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function importKey(organisationId: number, travellerId: number, row: ValidRow): string {
  const key = [organisationId, travellerId, row.destination, row.region ?? '', row.start, row.end ?? ''].join('\u001f');
  return createHash('sha256').update(key).digest('base64url');
}

async function travellerIds(db: Kysely<Database>, emails: readonly string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const chunk of chunks(emails)) {
    const rows = await db.selectFrom('travellers').select(['id', 'email_normalised']).where('email_normalised', 'in', chunk).execute();
    for (const r of rows) ids.set(r.email_normalised, r.id);
  }
  return ids;
}

export async function importEnrolmentCsv(ctx: EnrolmentContext, input: string | Buffer, options: CsvImportOptions): Promise<CsvImportReport> {
  const started = performance.now();
  const checked = await checkEnrolmentCsv(ctx, input, options.onProgress);
  const at = timestamp(ctx);
  const total = checked.valid.length;
  const progress = (done: number) => options.onProgress?.('writing', done, total);

  const written = await ctx.db.transaction().execute(async (trx: Transaction<Database>) => {
    const organisation = await ensureOrganisation(trx, options.organisation, at);
    // Travellers: one per address (the first row with an address gives the name of a new traveller).
    const firstByEmail = new Map<string, ValidRow>();
    for (const row of checked.valid) if (!firstByEmail.has(row.normalised)) firstByEmail.set(row.normalised, row);
    const ids = await travellerIds(trx, [...firstByEmail.keys()]);
    const fresh = [...firstByEmail.values()].filter((r) => !ids.has(r.normalised));
    for (const chunk of chunks(fresh)) {
      await trx.insertInto('travellers')
        .values(chunk.map((r) => ({ email: r.email, email_normalised: r.normalised, name: r.name, phone: null, confirmed_by: 'organisation' as const, created_at: at, confirmed_at: at, unsubscribed_at: null })))
        .onConflict((oc) => oc.column('email_normalised').doNothing())
        .execute();
    }
    const freshIds = await travellerIds(trx, fresh.map((r) => r.normalised));
    for (const [email, id] of freshIds) ids.set(email, id);
    for (const chunk of chunks(fresh)) {
      await trx.insertInto('channels')
        .values(chunk.map((r) => ({ traveller_id: freshIds.get(r.normalised)!, kind: 'email' as const, address: r.email, secret: null, created_at: at, confirmed_at: at, disabled_at: null, disabled_reason: null })))
        .onConflict((oc) => oc.columns(['traveller_id', 'kind', 'address']).doNothing())
        .execute();
    }
    for (const chunk of chunks([...ids.values()])) {
      await trx.insertInto('organisation_members')
        .values(chunk.map((id) => ({ organisation_id: organisation.id, traveller_id: id, role: 'member' as const, created_at: at })))
        .onConflict((oc) => oc.columns(['organisation_id', 'traveller_id']).doNothing())
        .execute();
    }

    // Trips: one per row, recognised again by its import key.
    const keyed = checked.valid.map((row) => ({ row, travellerId: ids.get(row.normalised)!, key: importKey(organisation.id, ids.get(row.normalised)!, row) }));
    const existing = new Set<string>();
    for (const chunk of chunks(keyed.map((k) => k.key))) {
      for (const r of await trx.selectFrom('trips').select('import_key').where('import_key', 'in', chunk).execute()) existing.add(r.import_key!);
    }
    const toInsert: typeof keyed = [];
    for (const k of keyed) {
      if (existing.has(k.key)) continue;
      existing.add(k.key);
      toInsert.push(k);
    }
    let done = 0;
    for (const chunk of chunks(toInsert)) {
      const inserted = await trx.insertInto('trips')
        .values(chunk.map((k) => ({ traveller_id: k.travellerId, start_date: k.row.start, end_date: k.row.end, organisation_id: organisation.id, import_key: k.key, created_at: at, updated_at: at, cancelled_at: null })))
        .returning(['id', 'import_key'])
        .execute();
      const tripIds = new Map(inserted.map((r) => [r.import_key!, r.id]));
      await trx.insertInto('trip_destinations')
        .values(chunk.map((k) => ({ trip_id: tripIds.get(k.key)!, position: 1, destination_code: k.row.destination, region: k.row.region })))
        .execute();
      done += chunk.length;
      progress(done);
    }

    // Webhook channels (unconfirmed until their endpoint answers the challenge).
    const webhookRows = new Map<string, { travellerId: number; url: string }>();
    for (const row of checked.valid) for (const url of row.webhooks) webhookRows.set(`${ids.get(row.normalised)}\u001f${url}`, { travellerId: ids.get(row.normalised)!, url });
    for (const chunk of chunks([...webhookRows.values()])) {
      await trx.insertInto('channels')
        .values(chunk.map((w) => ({ traveller_id: w.travellerId, kind: 'webhook' as const, address: w.url, secret: newWebhookSecret(), created_at: at, confirmed_at: null, disabled_at: null, disabled_reason: null })))
        .onConflict((oc) => oc.columns(['traveller_id', 'kind', 'address']).doNothing())
        .execute();
    }
    progress(total);
    return { organisation, enrolled: toInsert.length, fresh: fresh.map((r) => ({ email: r.email, id: freshIds.get(r.normalised)! })) };
  });

  let welcomed = 0;
  if (options.welcome !== false && written.fresh.length) {
    // After the commit: a mail server that is down must not undo the enrolment. Five at a time.
    const queue = [...written.fresh];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          await ctx.mail.send(welcomeMail(ctx, next.email, next.id, written.organisation.name));
          welcomed++;
        } catch {
          // Counted as not welcomed; the report says how many were.
        }
        options.onProgress?.('mailing', welcomed, written.fresh.length);
      }
    };
    await Promise.all(Array.from({ length: 5 }, worker));
  }

  return {
    organisation: written.organisation,
    rows: checked.rows,
    enrolled: written.enrolled,
    unchanged: checked.valid.length - written.enrolled,
    rejected: checked.rejected,
    newTravellers: written.fresh.length,
    welcomed,
    milliseconds: Math.round(performance.now() - started),
  };
}
