import type { Config } from '../config.ts';
import { CONTACT_ANSWERS, CONTACT_ANSWER_CODES, contactAnswerFromCode, type ContactAnswer } from '../domain/crisis-timers.ts';
import { signToken, verifyToken } from '../security/signed-links.ts';

/**
 * The answer links of the e-mail to an emergency contact (docs/crises.md, "Asking emergency
 * contacts"): `/contact-check/{token}`, signed like check-in links (purpose "contact-check"),
 * naming the ask (one e-mail to one contact about one person in one crisis) and the answer. Ids only.
 */

export interface ContactLink {
  askId: number;
  answer: ContactAnswer;
}

export function contactUrls(config: Pick<Config, 'secret' | 'publicUrl'>, askId: number, now?: Date): Record<ContactAnswer, string> {
  const url = (answer: ContactAnswer) => `${config.publicUrl}/contact-check/${signToken(config.secret, 'contact-check', { k: askId, a: CONTACT_ANSWER_CODES[answer] }, now ? { now } : {})}`;
  return Object.fromEntries(CONTACT_ANSWERS.map((a) => [a, url(a)])) as Record<ContactAnswer, string>;
}

export type ReadContactLink = { ok: true; link: ContactLink } | { ok: false; reason: 'forged' | 'expired' };

export function readContactToken(config: Pick<Config, 'secret'>, token: unknown, now?: Date): ReadContactLink {
  const verified = verifyToken<{ k?: unknown; a?: unknown }>(config.secret, 'contact-check', token, now ? { now } : {});
  if (!verified.ok) return { ok: false, reason: verified.reason === 'expired' ? 'expired' : 'forged' };
  const { k, a } = verified.data ?? {};
  const answer = contactAnswerFromCode(a);
  if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 1 || !answer) return { ok: false, reason: 'forged' };
  return { ok: true, link: { askId: k, answer } };
}
