/**
 * When a crisis acts by itself (docs/crises.md, "Timed follow-ups" and "Asking emergency
 * contacts"): the settings staff give in hours, when the next follow-up is due, who has been
 * silent long enough for their contacts to be asked, and which contacts may be. Pure rules; the
 * worker (src/crises/timers.ts) applies them.
 */

/** 15 minutes to 30 days: shorter would pester, longer is no reminder. */
export const HOURS_RANGE = { min: 0.25, max: 720 } as const;

export type Fail = (field: string, message: string) => void;

/**
 * A number of hours as staff give it (JSON number, or form text; `null` or `''` = off) in whole
 * minutes. `undefined` when the field is absent (nothing to change), `null` for off.
 */
export function readHours(body: Record<string, unknown>, field: string, fail: Fail): number | null | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  const n = typeof value === 'string' && /^\s*\d{1,4}(\.\d{1,4})?\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < HOURS_RANGE.min || n > HOURS_RANGE.max) {
    fail(field, `must be a number of hours from ${HOURS_RANGE.min} to ${HOURS_RANGE.max}, or null for off`);
    return undefined;
  }
  return Math.round(n * 60);
}

/** Minutes back to hours for the API (0.25, 6, 24). */
export const hoursOf = (minutes: number | null): number | null => (minutes === null ? null : Math.round((minutes / 60) * 10_000) / 10_000);

/**
 * When the next timed follow-up is due: the interval after the last wave (of any kind, staff's
 * included). None before a first wave (the first "Are you safe?" is staff's decision) or with
 * the interval off. A server down for three intervals sends one follow-up, not three.
 */
export function followUpDueAt(lastWaveAt: string | null, everyMinutes: number | null): string | null {
  if (lastWaveAt === null || everyMinutes === null) return null;
  return new Date(Date.parse(lastWaveAt) + everyMinutes * 60_000).toISOString();
}

export const isDue = (dueAt: string | null, now: Date): dueAt is string => dueAt !== null && Date.parse(dueAt) <= now.getTime();

/** People first asked at or before this time, and silent since, are due for their contacts to be asked. */
export function silentSince(now: Date, afterMinutes: number): string {
  return new Date(now.getTime() - afterMinutes * 60_000).toISOString();
}

export interface AskableContact {
  /** Its place in the traveller's list: one e-mail per crisis, person and contact. */
  index: number;
  name: string;
  email: string;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/**
 * The emergency contacts (as stored: a JSON array of `{ name, phone, relation, email?, askInCrisis? }`)
 * that the traveller agreed may be asked, and that have an e-mail address. Anything else —
 * no consent, no address, a malformed list — asks nobody.
 */
export function askableContacts(stored: string): AskableContact[] {
  let list: unknown;
  try {
    list = JSON.parse(stored);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown, index) => {
    if (!entry || typeof entry !== 'object') return [];
    const c = entry as Record<string, unknown>;
    if (c.askInCrisis !== true || typeof c.email !== 'string' || !EMAIL.test(c.email)) return [];
    return [{ index, name: typeof c.name === 'string' ? c.name : '', email: c.email }];
  });
}

// ---- What a contact answers ----

export const CONTACT_ANSWERS = ['heard_safe', 'heard_need_help', 'not_heard'] as const;
export type ContactAnswer = (typeof CONTACT_ANSWERS)[number];

export const CONTACT_ANSWER_LABELS: Record<ContactAnswer, string> = {
  heard_safe: 'I have heard from them: they are safe',
  heard_need_help: 'I have heard from them: they need help',
  not_heard: 'I have not heard from them',
};

/** What a contact's reply records for the person: their answer (channel "contact"), or nothing for "not heard". */
export function personAnswerFromContact(answer: ContactAnswer): 'safe' | 'need_help' | null {
  return answer === 'heard_safe' ? 'safe' : answer === 'heard_need_help' ? 'need_help' : null;
}

export const CONTACT_ANSWER_CODES: Record<ContactAnswer, string> = { heard_safe: 's', heard_need_help: 'h', not_heard: 'n' };

export function contactAnswerFromCode(code: unknown): ContactAnswer | null {
  return CONTACT_ANSWERS.find((a) => CONTACT_ANSWER_CODES[a] === code) ?? null;
}
