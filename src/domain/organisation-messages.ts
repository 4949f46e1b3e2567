import { findByCode, findByName } from './destinations.ts';
import { organisationMay, type Permission, type VerificationState } from './organisations.ts';

/**
 * "Message my people" as plain rules (no I/O; docs/enrolment.md). An organisation is whoever a
 * traveller says it is, and a message goes out under the authority's name, so only a VERIFIED
 * organisation may send one (`mayMessage`): every path — the account page, its JSON API, and the
 * worker when it fans the message out — asks this one rule. What it may send is bounded
 * (`checkOrganisationMessage`) and how often (`withinMessageLimit`).
 */

/** The safety rule: only a verified organisation messages its people; an unverified or withdrawn one is refused (403) with why. */
export function mayMessage(state: VerificationState): Permission {
  return organisationMay(state, 'message');
}

export const MESSAGE_SUBJECT_MAX = 120;
export const MESSAGE_TEXT_MAX = 5000;
/** ORG_DAILY_MESSAGE_LIMIT when unset: messages (not e-mails) an organisation sends per UTC day. */
export const DEFAULT_DAILY_MESSAGE_LIMIT = 3;

export type MessageAudience = 'all' | 'travelling';

export interface OrganisationMessage {
  subject: string;
  text: string;
  /** Every member, or only those with a trip the organisation enrolled that is under way today. */
  audience: MessageAudience;
  /** With 'travelling': only trips to these destinations (ISO alpha-2); empty = anywhere. */
  destinations: string[];
}

export interface MessageFieldError {
  field: 'subject' | 'text' | 'audience' | 'destinations';
  message: string;
}

export type MessageCheck = { ok: true; value: OrganisationMessage } | { ok: false; errors: MessageFieldError[] };

// Control and invisible formatting characters would let a message read as other than it is.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/u;

function words(input: unknown, max: number, multiline: boolean): string | { error: string } {
  if (typeof input !== 'string') return { error: 'is required' };
  const value = (multiline ? input.replace(/\r\n?/g, '\n') : input.replace(/\s+/g, ' ')).trim();
  if (!value) return { error: 'is required' };
  if ([...value].length > max) return { error: `must be at most ${max} characters (got ${[...value].length})` };
  if (INVISIBLE.test(multiline ? value.replace(/[\n\t]/g, '') : value)) return { error: 'must not contain control or invisible formatting characters' };
  return value;
}

/** Destinations as typed ("Russia, FR; Japan") or as a list: each must be a known destination. */
function destinationCodes(input: unknown): string[] | { error: string } {
  const items = (Array.isArray(input) ? input : typeof input === 'string' ? input.split(/[,;\n]/) : input === undefined || input === null ? [] : null);
  if (items === null) return { error: 'must be a list of destinations' };
  const codes: string[] = [];
  for (const item of items.map((i) => (typeof i === 'string' ? i.trim() : '')).filter(Boolean)) {
    const found = (/^[A-Za-z]{2,3}$/.test(item) ? findByCode(item) : undefined) ?? findByName(item);
    if (!found) return { error: `has an unknown destination "${item.slice(0, 60)}"` };
    if (!codes.includes(found.code)) codes.push(found.code);
  }
  if (codes.length > 50) return { error: 'may name at most 50 destinations' };
  return codes;
}

export function checkOrganisationMessage(input: { subject?: unknown; text?: unknown; audience?: unknown; destinations?: unknown }): MessageCheck {
  const errors: MessageFieldError[] = [];
  const subject = words(input.subject, MESSAGE_SUBJECT_MAX, false);
  if (typeof subject !== 'string') errors.push({ field: 'subject', message: `Subject ${subject.error}.` });
  const text = words(input.text, MESSAGE_TEXT_MAX, true);
  if (typeof text !== 'string') errors.push({ field: 'text', message: `Message ${text.error}.` });
  const audience = input.audience === undefined || input.audience === '' ? 'all' : input.audience;
  if (audience !== 'all' && audience !== 'travelling') errors.push({ field: 'audience', message: 'Choose who receives it: all members, or only those travelling now.' });
  const destinations = destinationCodes(input.destinations);
  if (!Array.isArray(destinations)) errors.push({ field: 'destinations', message: `Destinations ${destinations.error}.` });
  else if (destinations.length > 0 && audience === 'all') errors.push({ field: 'destinations', message: 'Destinations narrow only "those travelling now": choose that, or leave destinations empty.' });
  if (errors.length > 0 || typeof subject !== 'string' || typeof text !== 'string' || !Array.isArray(destinations)) return { ok: false, errors };
  return { ok: true, value: { subject, text, audience: audience as MessageAudience, destinations } };
}

/** Reads ORG_DAILY_MESSAGE_LIMIT: a whole number from 0 (messages off) to 100. */
export function parseDailyMessageLimit(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_DAILY_MESSAGE_LIMIT;
  if (!/^\d+$/.test(text.trim()) || Number(text) > 100) throw new Error(`ORG_DAILY_MESSAGE_LIMIT must be a whole number from 0 to 100 (got "${text}")`);
  return Number(text);
}

export type MessageLimitDecision = { ok: true } | { ok: false; reason: string };

/** At most `limit` messages per organisation per UTC day; the refusal says when it resets. */
export function withinMessageLimit(sentToday: number, limit: number, resetsAt: string): MessageLimitDecision {
  if (sentToday < limit) return { ok: true };
  return { ok: false, reason: `This organisation has sent its ${limit} message${limit === 1 ? '' : 's'} for today (ORG_DAILY_MESSAGE_LIMIT); nothing was sent. Try again after ${resetsAt}.` };
}
