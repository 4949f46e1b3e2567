import { parse } from 'csv-parse/sync';
import { today, type EnrolmentContext } from './context.ts';
import { webhookUrlProblem } from './channels.ts';
import { advisoryRegionNames, resolveRegion } from './regions.ts';
import { stopPlace } from './place-input.ts';
import { checkTripDates, normaliseEmail, validEmail } from './validation.ts';
import { DEFAULT_DATE_FORMAT, parseDateIn, type DateFormat } from '../domain/date-formats.ts';

/**
 * Reading and checking an enrolment CSV (columns: email, name, destination, region, start, end,
 * channels): the file as a whole (size, encoding, header), then every row, with the line and the
 * reason of each one refused. Nothing is written here; src/enrolment/csv-import.ts writes.
 */

export const CSV_COLUMNS = ['email', 'name', 'destination', 'region', 'start', 'end', 'channels'] as const;
export const MAX_CSV_BYTES = 20 * 1024 * 1024;
export const MAX_CSV_ROWS = 100_000;

/** The file as a whole cannot be imported: unreadable, not CSV, or without the required columns. */
export class CsvFileError extends Error {
  override name = 'CsvFileError';
}

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** How a column reads in a message: "Row 4, start date: …". */
export const COLUMN_LABELS: Record<CsvColumn, string> = {
  email: 'e-mail', name: 'name', destination: 'destination', region: 'region', start: 'start date', end: 'end date', channels: 'channels',
};

export interface RejectedRow {
  /** Line of the file (the header is line 1): the row number a spreadsheet shows. */
  line: number;
  reason: string;
  /** The column at fault, where one is (the fix form puts the reason beside it); null for the row as a whole. */
  column: CsvColumn | null;
  /** The row as typed, so that it can be corrected on the page and sent again (src/http/account/rejected-rows.ts). */
  values: Record<CsvColumn, string>;
}

/** A row to check: its line and its values by column (from a file, or from the page's correction form). */
export interface CsvRecord {
  line: number;
  values: Partial<Record<CsvColumn, string>>;
  /** A file's line with another number of values than its header. */
  mismatch?: { expected: number; found: number };
}

export interface CheckOptions {
  /** How the start and end columns write dates (default YYYY-MM-DD). */
  dateFormat?: DateFormat;
  onProgress?: (phase: 'checking', done: number, total: number) => void;
}

export interface ValidRow {
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

function readRecords(input: string | Buffer): CsvRecord[] {
  if (Buffer.byteLength(input) > MAX_CSV_BYTES) throw new CsvFileError(`the file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`);
  const text = Buffer.isBuffer(input) ? input.toString('utf8') : input;
  if (text.includes('\u0000')) throw new CsvFileError('this is not a CSV text file (it contains binary data)');
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 64 * 1024 }) as unknown as typeof parsed;
  } catch (error) {
    const e = error as { message: string; lines?: number };
    // The parser's own detail stays in its words (English); the page translates what surrounds it.
    const detail = e.message.replace(/^Invalid \w+:?\s*/i, '').slice(0, 200);
    if (e.lines) throw new CsvFileError(`malformed CSV at line ${e.lines}: ${detail}`);
    throw new CsvFileError(`malformed CSV: ${detail}`);
  }
  if (parsed.length === 0) throw new CsvFileError(`the file is empty; expected a header line: ${CSV_COLUMNS.join(',')}`);
  const header = parsed[0]!.record.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 1) throw new CsvFileError(`missing columns ${missing.join(', ')}; the header must name ${CSV_COLUMNS.join(', ')}`);
  if (missing.length) throw new CsvFileError(`missing column ${missing[0]}; the header must name ${CSV_COLUMNS.join(', ')}`);
  if (parsed.length - 1 > MAX_CSV_ROWS) throw new CsvFileError(`the file has more than ${MAX_CSV_ROWS} rows; split it`);
  const index = CSV_COLUMNS.map((c) => [c, header.indexOf(c)] as const);
  return parsed.slice(1).map((p) => ({
    line: p.info.lines,
    values: Object.fromEntries(index.map(([c, i]) => [c, p.record[i] ?? ''])),
    ...(p.record.length !== header.length ? { mismatch: { expected: header.length, found: p.record.length } } : {}),
  }));
}

/** Reads and checks every row of a file; nothing is written. */
export async function checkEnrolmentCsv(ctx: EnrolmentContext, input: string | Buffer, options: CheckOptions = {}) {
  return checkEnrolmentRows(ctx, readRecords(input), options);
}

/**
 * Checks rows, from a file or from the page's correction form (the same rules either way), and
 * says of each refused one why, in words, naming its column. Nothing is written.
 */
export async function checkEnrolmentRows(ctx: EnrolmentContext, records: readonly CsvRecord[], options: CheckOptions = {}) {
  const { onProgress } = options;
  const format = options.dateFormat ?? DEFAULT_DATE_FORMAT;
  const day = today(ctx);
  const valid: ValidRow[] = [];
  const rejected: RejectedRow[] = [];
  // What was typed, cut short for the message; the quotes are in each message's own text.
  const cut = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);
  const codes = new Set<string>();
  for (const { values } of records) {
    const d = stopPlace(values.destination ?? '', values.region ?? '').destination;
    if (d) codes.add(d.code);
  }
  const advisoryNames = await advisoryRegionNames(ctx.db, [...codes]);
  const webhookChecks = new Map<string, Promise<string | null>>();
  let done = 0;
  for (const { values: raw, line, mismatch } of records) {
    done++;
    if (done % 1000 === 0) onProgress?.('checking', done, records.length);
    const values = Object.fromEntries(CSV_COLUMNS.map((c) => [c, raw[c] ?? ''])) as Record<CsvColumn, string>;
    const field = (name: CsvColumn) => values[name].trim();
    const reject = (reason: string, column: CsvColumn | null = null) => rejected.push({ line, reason, column, values });
    if (mismatch) {
      reject(`expected ${mismatch.expected} values, found ${mismatch.found}`);
      continue;
    }
    const missing = (['email', 'name', 'destination', 'start'] as const).filter((c) => !field(c));
    if (missing.length) {
      reject(`missing ${missing.join(', ')}`, missing[0]);
      continue;
    }
    const email = validEmail(field('email'));
    if (!email) {
      reject(`invalid e-mail "${cut(field('email'))}"`, 'email');
      continue;
    }
    if (field('name').length > 200) {
      reject('name longer than 200 characters', 'name');
      continue;
    }
    const stop = stopPlace(field('destination'), field('region'));
    const destination = stop.destination;
    if (!destination) {
      reject(`unknown destination "${cut(field('destination'))}"`, 'destination');
      continue;
    }
    const region = resolveRegion(destination, stop.region, advisoryNames.get(destination.code));
    if (!region.ok) {
      reject(region.reason, 'region');
      continue;
    }
    const start = parseDateIn(field('start'), format);
    const endText = field('end');
    const end = endText ? parseDateIn(endText, format) : null;
    const dateProblem = checkTripDates(start, end, endText !== '', day);
    if (dateProblem) {
      // In words, naming the column and the format chosen: the manager sees which cell to fix and how.
      if (dateProblem === 'bad start date') reject(`start date: ${cut(field('start'), 40)} is not a date in ${format}`, 'start');
      else if (dateProblem === 'bad end date') reject(`end date: ${cut(endText, 40)} is not a date in ${format} (leave it empty for people residing abroad)`, 'end');
      else reject(dateProblem, 'end');
      continue;
    }
    const webhooks: string[] = [];
    let channelProblem: string | null = null;
    for (const entry of field('channels').split(';').map((c) => c.trim()).filter(Boolean)) {
      if (entry.toLowerCase() === 'email') continue;
      const match = /^webhook:(.+)$/i.exec(entry);
      if (!match) {
        channelProblem = `unknown channel "${cut(entry)}" (use email, or webhook:https://…)`;
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
      reject(channelProblem, 'channels');
      continue;
    }
    valid.push({ line, email, normalised: normaliseEmail(email), name: field('name'), destination: destination.code, region: region.region, start: start!, end, webhooks });
  }
  onProgress?.('checking', records.length, records.length);
  return { rows: records.length, valid, rejected };
}
