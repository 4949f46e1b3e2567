import { parse } from 'csv-parse/sync';
import { today, type EnrolmentContext } from './context.ts';
import { webhookUrlProblem } from './channels.ts';
import { advisoryRegionNames, resolveRegion } from './regions.ts';
import { stopPlace } from './place-input.ts';
import { checkTripDates, normaliseEmail, validDate, validEmail } from './validation.ts';

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

export interface RejectedRow {
  /** Line of the file (the header is line 1). */
  line: number;
  reason: string;
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
export async function checkEnrolmentCsv(ctx: EnrolmentContext, input: string | Buffer, onProgress?: (phase: 'checking', done: number, total: number) => void) {
  const { header, records } = readRecords(input);
  const index = Object.fromEntries(CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof CSV_COLUMNS)[number], number>;
  const day = today(ctx);
  const valid: ValidRow[] = [];
  const rejected: RejectedRow[] = [];
  const quoted = (text: string) => `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
  const codes = new Set<string>();
  for (const { values } of records) {
    const d = stopPlace(values[index.destination] ?? '', values[index.region] ?? '').destination;
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
    const stop = stopPlace(field('destination'), field('region'));
    const destination = stop.destination;
    if (!destination) {
      reject(`unknown destination ${quoted(field('destination'))}`);
      continue;
    }
    const region = resolveRegion(destination, stop.region, advisoryNames.get(destination.code));
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
