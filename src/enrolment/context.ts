import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { parseDailyImportLimit } from '../domain/organisations.ts';
import { parseDailyMessageLimit } from '../domain/organisation-messages.ts';
import type { MailTransport } from '../mail/transport.ts';
import type { SmsProvider } from '../notify/channels/sms-provider.ts';
import type { Database } from '../store/schema.ts';
import { allowPrivateFromEnv, type LookupAll } from '../webhooks/address-guard.ts';

/** What the enrolment services need: the database, the secret and public URL, mail, and a clock. */
export interface EnrolmentContext {
  db: Kysely<Database>;
  config: Pick<Config, 'secret' | 'publicUrl'>;
  mail: MailTransport;
  /** Sends SMS verification codes; unset or unconfigured: numbers are kept but never verified (no SMPP_URL). */
  sms?: SmsProvider;
  /** Injectable clock: tests move time forward to expire links. */
  now: () => Date;
  settings: EnrolmentSettings;
}

export interface EnrolmentSettings {
  /** TRIP_RETENTION_DAYS: trips are deleted this many days after they end (default 30). */
  tripRetentionDays: number;
  /** WEBHOOK_ALLOW_PRIVATE=true: webhook URLs may point at private, loopback and link-local addresses. */
  allowPrivateWebhooks: boolean;
  /** DNS resolver of webhook hosts (tests inject one). */
  lookup?: LookupAll;
  /** ORG_DAILY_IMPORT_LIMIT: rows an organisation imports, and e-mails sent on its behalf, per UTC day (default 2000). */
  dailyImportLimit?: number;
  /** ORG_DAILY_MESSAGE_LIMIT: "message my people" messages an organisation sends per UTC day (default 3). */
  dailyMessageLimit?: number;
}

export function enrolmentSettings(env: NodeJS.ProcessEnv = process.env): EnrolmentSettings {
  const text = env.TRIP_RETENTION_DAYS;
  const days = text === undefined || text === '' ? 30 : Number(text);
  if (!Number.isInteger(days) || days < 0 || days > 3650) throw new Error(`TRIP_RETENTION_DAYS must be a whole number of days from 0 to 3650 (got "${text}")`);
  return { tripRetentionDays: days, allowPrivateWebhooks: allowPrivateFromEnv(env), dailyImportLimit: parseDailyImportLimit(env.ORG_DAILY_IMPORT_LIMIT), dailyMessageLimit: parseDailyMessageLimit(env.ORG_DAILY_MESSAGE_LIMIT) };
}

/** A refusal the traveller can act on: the message is shown as is, the status is the HTTP one. */
export class EnrolmentError extends Error {
  override name = 'EnrolmentError';
  readonly status: number;
  readonly field: string | undefined;
  constructor(message: string, status = 400, field?: string) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

export function timestamp(ctx: Pick<EnrolmentContext, 'now'>): string {
  return ctx.now().toISOString();
}

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(ctx: Pick<EnrolmentContext, 'now'>): string {
  return ctx.now().toISOString().slice(0, 10);
}

/** Adds an anonymous count (accounts deleted, trips purged…) for today. */
export async function addCount(db: Kysely<Database>, metric: string, day: string, count: number): Promise<void> {
  if (count <= 0) return;
  await db
    .insertInto('enrolment_counts')
    .values({ metric, day, count })
    .onConflict((oc) => oc.columns(['metric', 'day']).doUpdateSet((eb) => ({ count: eb('enrolment_counts.count', '+', count) })))
    .execute();
}
