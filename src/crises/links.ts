import type { Config } from '../config.ts';
import { ANSWER_CODES, answerFromCode, type CrisisAnswer } from '../domain/crises.ts';
import { signToken, verifyToken } from '../security/signed-links.ts';

/**
 * The one-click answer links of a check-in message: `/check-in/{token}`, the token signed like
 * every link in our e-mails (src/security/signed-links.ts, purpose "check-in"), saying who
 * (traveller), which wave, which answer, and the channel the message went by. It names ids only.
 */

export type CheckInChannel = 'email' | 'webhook' | 'sms';

export interface CheckInLink {
  waveId: number;
  travellerId: number;
  answer: CrisisAnswer;
  channel: CheckInChannel;
}

/** As signed: short keys keep the URL short. */
interface LinkData {
  w: number;
  t: number;
  a: string;
  c: string;
}

const CHANNEL_CODES: Record<CheckInChannel, string> = { email: 'e', webhook: 'w', sms: 's' };

export function checkInToken(config: Pick<Config, 'secret'>, link: CheckInLink, now?: Date): string {
  const data: LinkData = { w: link.waveId, t: link.travellerId, a: ANSWER_CODES[link.answer], c: CHANNEL_CODES[link.channel] };
  return signToken(config.secret, 'check-in', data, now ? { now } : {});
}

/** The three answer URLs of one person's message in one wave. */
export function checkInUrls(config: Pick<Config, 'secret' | 'publicUrl'>, link: Omit<CheckInLink, 'answer'>, now?: Date): Record<CrisisAnswer, string> {
  const url = (answer: CrisisAnswer) => `${config.publicUrl}/check-in/${checkInToken(config, { ...link, answer }, now)}`;
  return { safe: url('safe'), need_help: url('need_help'), left: url('left') };
}

export type ReadLink = { ok: true; link: CheckInLink } | { ok: false; reason: 'forged' | 'expired' };

/** A token back to what it says, or why not: anything not signed by us, or of another shape, is forged. */
export function readCheckInToken(config: Pick<Config, 'secret'>, token: unknown, now?: Date): ReadLink {
  const verified = verifyToken<LinkData>(config.secret, 'check-in', token, now ? { now } : {});
  if (!verified.ok) return { ok: false, reason: verified.reason === 'expired' ? 'expired' : 'forged' };
  const { w, t, a, c } = verified.data ?? ({} as LinkData);
  const answer = answerFromCode(a);
  const channel = (Object.keys(CHANNEL_CODES) as CheckInChannel[]).find((k) => CHANNEL_CODES[k] === c);
  const id = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;
  if (!id(w) || !id(t) || !answer || !channel) return { ok: false, reason: 'forged' };
  return { ok: true, link: { waveId: w, travellerId: t, answer, channel } };
}
