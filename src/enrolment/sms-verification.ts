import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { translator } from '../i18n/translator.ts';
import { readIdentity } from '../identity/settings.ts';
import { EnrolmentError, timestamp, type EnrolmentContext } from './context.ts';

/**
 * An SMS number receives nothing until its owner proves they hold it (docs/enrolment.md,
 * "Channels"): we text a six-digit code, valid 10 minutes; five wrong entries spend it; at most
 * five codes per number, a minute apart. Only a hash of the code is kept (HMAC with the
 * deployment's secret and the channel), so the database alone does not give it away.
 */
export const CODE_TTL_MS = 10 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;
export const MAX_CODE_SENDS = 5;
export const RESEND_AFTER_MS = 60_000;
const SEND_WAIT_MS = 10_000;

function codeHash(ctx: EnrolmentContext, channelId: number, code: string): string {
  return createHmac('sha256', ctx.config.secret).update(`sms-code:${channelId}:${code}`).digest('base64url');
}

async function smsChannel(ctx: EnrolmentContext, travellerId: number, channelId: number) {
  const channel = await ctx.db.selectFrom('channels').select(['id', 'kind', 'address', 'confirmed_at']).where('id', '=', channelId).where('traveller_id', '=', travellerId).executeTakeFirst();
  if (!channel || channel.kind !== 'sms') throw new EnrolmentError('There is no such SMS number in your account.', 404);
  return channel;
}

export type CodeSent = { sent: true; expiresAt: string } | { sent: false; reason: string };

/** Texts a new code to an unverified number of this traveller (replacing any earlier one). */
export async function sendSmsCode(ctx: EnrolmentContext, travellerId: number, channelId: number): Promise<CodeSent> {
  const channel = await smsChannel(ctx, travellerId, channelId);
  if (channel.confirmed_at) throw new EnrolmentError('This number is already verified.', 409);
  const sms = ctx.sms;
  if (!sms?.configured) return { sent: false, reason: 'no SMS provider is configured on this site' };
  const now = ctx.now();
  const previous = await ctx.db.selectFrom('sms_codes').select(['sends', 'sent_at']).where('channel_id', '=', channelId).executeTakeFirst();
  if (previous && previous.sends >= MAX_CODE_SENDS) throw new EnrolmentError('We have sent this number as many codes as we will. Remove it and add it again later, or contact us.', 429);
  if (previous && now.getTime() - Date.parse(previous.sent_at) < RESEND_AFTER_MS) throw new EnrolmentError('A code was sent less than a minute ago: wait for it, then ask again if it has not come.', 429);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS).toISOString();
  const sends = (previous?.sends ?? 0) + 1;
  const row = { code_hash: codeHash(ctx, channelId, code), expires_at: expiresAt, attempts: 0, sends, sent_at: timestamp(ctx) };
  // Written before it is sent: a code that arrives always matches what we hold.
  await ctx.db.insertInto('sms_codes').values({ channel_id: channelId, ...row }).onConflict((oc) => oc.column('channel_id').doUpdateSet(row)).execute();
  // The page waits at most SEND_WAIT_MS: an SMS centre that is away keeps the code queued (and sends it when back).
  // Named after the authority's short name (docs/identity.md): the reader knows who texts them.
  // In the traveller's language of messages, as every other text they receive (docs/notifications.md).
  const { authorityShortName } = await readIdentity(ctx.db);
  const traveller = await ctx.db.selectFrom('travellers').select('language').where('id', '=', travellerId).executeTakeFirst();
  const text = translator(traveller?.language).t('sms.verificationCode', { authority: authorityShortName, code });
  const send = sms.send({ to: channel.address, text, id: `sms-code-${channelId}-${sends}` });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ ok: false; reason: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: 'the SMS centre did not answer in time' }), SEND_WAIT_MS);
  });
  const result = await Promise.race([send, late]).finally(() => clearTimeout(timer));
  if (!result.ok) return { sent: false, reason: `the code could not be sent (${result.reason}); try again in a few minutes` };
  return { sent: true, expiresAt };
}

/** Checks a code typed by the traveller; the right one, in time, verifies the number. */
export async function verifySmsCode(ctx: EnrolmentContext, travellerId: number, channelId: number, input: unknown): Promise<{ verified: true }> {
  const channel = await smsChannel(ctx, travellerId, channelId);
  if (channel.confirmed_at) return { verified: true };
  const code = typeof input === 'string' ? input.replace(/\s/g, '') : '';
  if (!/^\d{6}$/.test(code)) throw new EnrolmentError('Enter the six digits of the code we texted you.', 400, 'code');
  const row = await ctx.db.selectFrom('sms_codes').selectAll().where('channel_id', '=', channelId).executeTakeFirst();
  if (!row) throw new EnrolmentError('No code has been sent to this number yet: ask for one first.', 409, 'code');
  if (row.attempts >= MAX_CODE_ATTEMPTS) throw new EnrolmentError('Too many wrong codes: ask for a new one.', 429, 'code');
  if (row.expires_at <= timestamp(ctx)) throw new EnrolmentError('This code has expired: ask for a new one.', 410, 'code');
  const expected = Buffer.from(row.code_hash);
  const given = Buffer.from(codeHash(ctx, channelId, code));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    // Counted in the database, guarded by the count read, so parallel guesses cannot share one attempt.
    await ctx.db.updateTable('sms_codes').set({ attempts: row.attempts + 1 }).where('channel_id', '=', channelId).where('attempts', '=', row.attempts).execute();
    const left = MAX_CODE_ATTEMPTS - row.attempts - 1;
    throw new EnrolmentError(left > 0 ? `That is not the code we sent. ${left} ${left === 1 ? 'try' : 'tries'} left.` : 'That is not the code we sent, and it was the last try: ask for a new code.', 422, 'code');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('channels').set({ confirmed_at: timestamp(ctx), disabled_at: null, disabled_reason: null }).where('id', '=', channelId).execute();
    await trx.deleteFrom('sms_codes').where('channel_id', '=', channelId).execute();
  });
  return { verified: true };
}
