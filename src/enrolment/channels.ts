import { e164 } from '../domain/phone.ts';
import { UnconfiguredSmsProvider } from '../notify/channels/sms-provider.ts';
import { deleteDeliveriesOf } from '../notify/forget.ts';
import { checkWebhookUrl, UnsafeAddressError } from '../webhooks/address-guard.ts';
import { newWebhookSecret, sendChallenge } from '../webhooks/send.ts';
import { EnrolmentError, timestamp, type EnrolmentContext } from './context.ts';
import { sendSmsCode } from './sms-verification.ts';

export interface ChannelView {
  id: number;
  kind: 'email' | 'webhook' | 'sms';
  address: string;
  secret: string | null;
  confirmedAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

export async function listChannels(ctx: EnrolmentContext, travellerId: number): Promise<ChannelView[]> {
  const rows = await ctx.db.selectFrom('channels').selectAll().where('traveller_id', '=', travellerId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, address: r.address, secret: r.secret, confirmedAt: r.confirmed_at, disabledAt: r.disabled_at, disabledReason: r.disabled_reason, createdAt: r.created_at }));
}

function guardOptions(ctx: EnrolmentContext) {
  return { allowPrivate: ctx.settings.allowPrivateWebhooks, ...(ctx.settings.lookup ? { lookup: ctx.settings.lookup } : {}) };
}

/** Why a webhook URL is refused, or null when it is acceptable (http(s), public address unless allowed). */
export async function webhookUrlProblem(ctx: EnrolmentContext, url: string): Promise<string | null> {
  if (url.length > 2000) return 'the URL is longer than 2000 characters';
  try {
    await checkWebhookUrl(url, guardOptions(ctx));
    return null;
  } catch (error) {
    if (error instanceof UnsafeAddressError) return error.message;
    throw error;
  }
}

export type WebhookResult = { channelId: number; confirmed: true } | { channelId: number; confirmed: false; reason: string };

/**
 * Adds a webhook channel and confirms it: a signed challenge is POSTed to the URL and the channel
 * receives messages only once the endpoint has echoed it. A refused address saves nothing.
 */
export async function addWebhook(ctx: EnrolmentContext, travellerId: number, input: unknown): Promise<WebhookResult> {
  const url = typeof input === 'string' ? input.trim() : '';
  if (!url) throw new EnrolmentError('Enter the webhook URL, starting with https://.', 400, 'url');
  const problem = await webhookUrlProblem(ctx, url);
  if (problem) throw new EnrolmentError(`This webhook address is refused: ${problem}.`, 422, 'url');
  const existing = await ctx.db.selectFrom('channels').select('id').where('traveller_id', '=', travellerId).where('kind', '=', 'webhook').where('address', '=', url).executeTakeFirst();
  const channelId = existing?.id ?? (await ctx.db
    .insertInto('channels')
    .values({ traveller_id: travellerId, kind: 'webhook', address: url, secret: newWebhookSecret(), created_at: timestamp(ctx), confirmed_at: null, disabled_at: null, disabled_reason: null })
    .returning('id')
    .executeTakeFirstOrThrow()).id;
  return confirmWebhook(ctx, travellerId, channelId);
}

/** Sends (again) the signed challenge to a webhook channel and records the outcome. */
export async function confirmWebhook(ctx: EnrolmentContext, travellerId: number, channelId: number): Promise<WebhookResult> {
  const channel = await ctx.db.selectFrom('channels').select(['address', 'secret', 'kind']).where('id', '=', channelId).where('traveller_id', '=', travellerId).executeTakeFirst();
  if (!channel || channel.kind !== 'webhook' || !channel.secret) throw new EnrolmentError('There is no such webhook in your account.', 404);
  // Signed with the real time, whatever the injected clock says: receivers check it against theirs.
  const result = await sendChallenge(channel.address, channel.secret, guardOptions(ctx));
  if (result.ok) {
    await ctx.db.updateTable('channels').set({ confirmed_at: timestamp(ctx), disabled_at: null, disabled_reason: null }).where('id', '=', channelId).execute();
    return { channelId, confirmed: true };
  }
  return { channelId, confirmed: false, reason: result.reason };
}

/**
 * Records an SMS number (E.164) and texts it a verification code (src/enrolment/sms-verification.ts);
 * it receives nothing until the code is entered. Without an SMS provider it is kept, unverified.
 */
export async function addSms(ctx: EnrolmentContext, travellerId: number, input: unknown): Promise<{ channelId: number; note: string; codeSent: boolean; expiresAt?: string }> {
  const number = e164(input);
  if (!number) throw new EnrolmentError('Enter the mobile number with its country code, like +44 7700 900123.', 400, 'phone');
  const row = await ctx.db
    .insertInto('channels')
    .values({ traveller_id: travellerId, kind: 'sms', address: number, secret: null, created_at: timestamp(ctx), confirmed_at: null, disabled_at: null, disabled_reason: null })
    .onConflict((oc) => oc.columns(['traveller_id', 'kind', 'address']).doNothing())
    .returning('id')
    .executeTakeFirst();
  const channel = row ?? (await ctx.db.selectFrom('channels').select(['id']).where('traveller_id', '=', travellerId).where('kind', '=', 'sms').where('address', '=', number).executeTakeFirstOrThrow());
  const sms = ctx.sms ?? new UnconfiguredSmsProvider();
  const confirmed = await ctx.db.selectFrom('channels').select('confirmed_at').where('id', '=', channel.id).executeTakeFirstOrThrow();
  if (!sms.configured || confirmed.confirmed_at) return { channelId: channel.id, note: sms.describe(), codeSent: false };
  const sent = await sendSmsCode(ctx, travellerId, channel.id);
  if (!sent.sent) throw new EnrolmentError(`The number was saved but ${sent.reason}.`, 503, 'phone');
  return { channelId: channel.id, note: sms.describe(), codeSent: true, expiresAt: sent.expiresAt };
}

/** Removes a webhook or SMS channel. The e-mail channel stays: it is the account's address. */
export async function deleteChannel(ctx: EnrolmentContext, travellerId: number, channelId: number): Promise<void> {
  const channel = await ctx.db.selectFrom('channels').select('kind').where('id', '=', channelId).where('traveller_id', '=', travellerId).executeTakeFirst();
  if (!channel) throw new EnrolmentError('There is no such channel in your account.', 404);
  if (channel.kind === 'email') throw new EnrolmentError('Your e-mail address is always a channel; delete the account to remove it.', 409);
  await ctx.db.transaction().execute(async (trx) => {
    // Deliveries carry no foreign key (migration 005): their queue rows go with the channel.
    await deleteDeliveriesOf(trx, travellerId, channelId);
    await trx.deleteFrom('channels').where('id', '=', channelId).execute();
  });
}
