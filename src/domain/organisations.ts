import LinkifyIt from 'linkify-it';
import tlds from 'tlds/index.json' with { type: 'json' };

/**
 * What an organisation may be called and may do, as plain rules (no I/O). An organisation is
 * whoever a traveller says it is, so its name reaches strangers' mailboxes only after a staff
 * admin has verified it, and only as quoted data inside fixed wording (docs/security.md,
 * "Organisations"). The enrolment services apply these rules on every path: the account page,
 * the CLI and any later "message my people".
 */

// ---- The name ----

export const ORGANISATION_NAME_MAX = 100;

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

// What mail clients turn into links: any scheme, e-mail addresses, bare host names with a real
// top-level domain (IANA's list) and IP addresses, with or without a path.
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true }).tlds(tlds);
// Also what linkify leaves alone but a reader may still type into a browser, e.g. "hxxp://…".
const SCHEME = /[a-z][a-z0-9+.-]*:\/\/|\b(?:mailto|tel|sms|callto|javascript|data|file):/i;
const WWW = /(?:^|[^\p{L}\p{N}])www\./iu;
// Control and invisible formatting characters (bidirectional overrides, zero-width joiners)
// would let a name render as something other than what a verifier reads.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/u;

/** Trims and collapses white space; refuses empty, long, invisible-character, link-like and e-mail-like names. */
export function checkOrganisationName(input: unknown): NameCheck {
  if (typeof input !== 'string') return { ok: false, reason: 'Give the organisation a name.' };
  if (INVISIBLE.test(input)) return { ok: false, reason: 'An organisation name cannot contain control or invisible formatting characters.' };
  const name = input.trim().replace(/\s+/g, ' ');
  if (!name) return { ok: false, reason: 'Give the organisation a name.' };
  if ([...name].length > ORGANISATION_NAME_MAX) return { ok: false, reason: `An organisation name is at most ${ORGANISATION_NAME_MAX} characters.` };
  const links = linkify.match(name) ?? [];
  if (links.some((link) => link.schema === 'mailto:') || /\S@\S/.test(name)) {
    return { ok: false, reason: 'An organisation name cannot contain an e-mail address.' };
  }
  if (links.length > 0 || SCHEME.test(name) || WWW.test(name)) {
    return { ok: false, reason: 'An organisation name cannot contain a web address or domain name (like example.org); write the name alone.' };
  }
  return { ok: true, name };
}

/** The key that makes "ACME University" and "acme  university" one organisation. */
export function normaliseOrganisationName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

// ---- Verification ----

export type VerificationState = 'unverified' | 'verified' | 'withdrawn';

export interface VerificationRecord {
  verifiedAt: string | null;
  withdrawnAt: string | null;
}

/** A withdrawal wins over an earlier verification; verifying again clears the withdrawal. */
export function verificationState(record: VerificationRecord): VerificationState {
  if (record.withdrawnAt) return 'withdrawn';
  return record.verifiedAt ? 'verified' : 'unverified';
}

/** Everything an organisation does that creates people or sends mail on its behalf. */
export type OrganisationAction = 'import' | 'invite' | 'message';

export type Permission = { ok: true } | { ok: false; state: Exclude<VerificationState, 'verified'>; reason: string };

/** Only a verified organisation imports, invites or messages anyone. Seeing its own people's exposure needs no verification. */
export function organisationMay(state: VerificationState, action: OrganisationAction): Permission {
  if (state === 'verified') return { ok: true };
  const what = action === 'import' ? 'import people' : action === 'invite' ? 'invite people' : 'send messages';
  return state === 'unverified'
    ? { ok: false, state, reason: `This organisation is awaiting verification by the service's administrators: it cannot ${what} yet.` }
    : { ok: false, state, reason: `The service's administrators withdrew this organisation's verification: it cannot ${what}.` };
}

export type VerificationChange = 'verify' | 'withdraw';

export type ChangeDecision = { ok: true; to: Exclude<VerificationState, 'unverified'> } | { ok: false; reason: string };

/**
 * Whether a staff admin (or the operator on the command line) may make this change now. A name
 * that breaks today's naming rules (an organisation created before them) is never verified.
 */
export function decideVerification(state: VerificationState, change: VerificationChange, name: string): ChangeDecision {
  if (change === 'withdraw') {
    return state === 'verified' ? { ok: true, to: 'withdrawn' } : { ok: false, reason: `This organisation is ${state}: there is no verification to withdraw.` };
  }
  if (state === 'verified') return { ok: false, reason: 'This organisation is verified already.' };
  const check = checkOrganisationName(name);
  if (!check.ok || check.name !== name) return { ok: false, reason: `This organisation's name breaks the naming rules, so it cannot be verified: ${check.ok ? 'it has extra white space.' : check.reason}` };
  return { ok: true, to: 'verified' };
}

// ---- Daily limits ----

/** ORG_DAILY_IMPORT_LIMIT when unset: a large study-abroad cohort a day, not a mailing list. */
export const DEFAULT_ORG_DAILY_IMPORT_LIMIT = 2000;

/** Reads ORG_DAILY_IMPORT_LIMIT: a whole number from 0 (imports off) to 1,000,000. */
export function parseDailyImportLimit(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_ORG_DAILY_IMPORT_LIMIT;
  const limit = Number(text);
  if (!/^\d+$/.test(text.trim()) || limit > 1_000_000) throw new Error(`ORG_DAILY_IMPORT_LIMIT must be a whole number from 0 to 1000000 (got "${text}")`);
  return limit;
}

/** What an organisation has used today, per counter: rows written by imports, and e-mails (welcomes and invitations). */
export interface DailyUse {
  rows: number;
  messages: number;
}

export type LimitDecision = { ok: true } | { ok: false; counter: keyof DailyUse; used: number; wanted: number; limit: number };

/** Both counters stay within the limit, or the whole request is refused (nothing partial). */
export function withinDailyLimit(used: DailyUse, wanted: DailyUse, limit: number): LimitDecision {
  for (const counter of ['rows', 'messages'] as const) {
    if (wanted[counter] > 0 && used[counter] + wanted[counter] > limit) return { ok: false, counter, used: used[counter], wanted: wanted[counter], limit };
  }
  return { ok: true };
}

/** Limits reset at midnight UTC: the next one after `now`. */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

/** The one-line explanation of a refusal, for the page, the problem document and the CLI. */
export function limitMessage(decision: Extract<LimitDecision, { ok: false }>, now: Date): string {
  const what = decision.counter === 'rows' ? 'imported rows' : 'e-mails (welcomes and invitations)';
  const reset = nextUtcMidnight(now).toISOString().replace(/:00\.000Z$/, ' UTC').replace('T', ' ');
  return `This organisation's daily limit is ${decision.limit} ${what} (ORG_DAILY_IMPORT_LIMIT); ${decision.used} used today and this file needs ${decision.wanted} more. Nothing was imported; try again after ${reset}.`;
}
