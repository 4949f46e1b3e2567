/**
 * Crisis accountability as plain rules (no I/O; docs/crises.md): who is in a crisis's scope, how an answer is read, which answer counts, and how an exercise is labelled. The
 * services in src/crises apply them; the SQL there selects exactly what `tripInScope` accepts.
 */

export const CRISIS_ANSWERS = ['safe', 'need_help', 'left'] as const;
export type CrisisAnswer = (typeof CRISIS_ANSWERS)[number];

export const ANSWER_LABELS: Record<CrisisAnswer, string> = {
  safe: 'I\'m safe',
  need_help: 'I need help',
  left: 'I\'m not there / I\'ve left',
};

/** A person's state on the dashboard: their latest answer, or why there is none. */
export type PersonState = CrisisAnswer | 'no_answer' | 'undeliverable';

/** The order the dashboard lists states in: those who need help first, then those not heard from. */
export const STATE_ORDER: readonly PersonState[] = ['need_help', 'no_answer', 'undeliverable', 'safe', 'left'];

export const STATE_LABELS: Record<PersonState, string> = {
  need_help: 'Need help', safe: 'Safe', left: 'Not there / left', no_answer: 'No answer', undeliverable: 'Undeliverable',
};

/** The counts of the API (`GET /api/v1/crises/{id}`): camelCase names that must not drift. */
export interface CrisisCounts {
  safe: number;
  needHelp: number;
  left: number;
  noAnswer: number;
  undeliverable: number;
}

const COUNT_NAME: Record<PersonState, keyof CrisisCounts> = { safe: 'safe', need_help: 'needHelp', left: 'left', no_answer: 'noAnswer', undeliverable: 'undeliverable' };

/**
 * Latest answer wins; without one, a person is "no answer" while any message of the crisis reached
 * them or may still (queued, being sent, sent), and "undeliverable" when none can: every delivery
 * failed or bounced, or they have no channel we may use.
 */
export function personState(latest: CrisisAnswer | null, reachable: boolean): PersonState {
  if (latest) return latest;
  return reachable ? 'no_answer' : 'undeliverable';
}

/** Counts by state, every name present (0 when none). */
export function tally(rows: readonly { state: PersonState; n: number }[]): CrisisCounts {
  const counts: CrisisCounts = { safe: 0, needHelp: 0, left: 0, noAnswer: 0, undeliverable: 0 };
  for (const row of rows) counts[COUNT_NAME[row.state]] += row.n;
  return counts;
}

/** A person's answers in the order they were recorded; the last one is their state. */
export function latestAnswer<T extends { id: number; answer: CrisisAnswer }>(answers: readonly T[]): T | null {
  let latest: T | null = null;
  for (const a of answers) if (!latest || a.id > latest.id) latest = a;
  return latest;
}

// ---- Reading answers ----

/** One letter per answer in signed links (src/crises/links.ts): short URLs. */
export const ANSWER_CODES: Record<CrisisAnswer, 's' | 'h' | 'l'> = { safe: 's', need_help: 'h', left: 'l' };

export function answerFromCode(code: unknown): CrisisAnswer | null {
  return (Object.keys(ANSWER_CODES) as CrisisAnswer[]).find((a) => ANSWER_CODES[a] === code) ?? null;
}

const WORDS: Record<string, CrisisAnswer> = {
  1: 'safe', safe: 'safe', ok: 'safe',
  2: 'need_help', help: 'need_help', need: 'need_help', need_help: 'need_help', needhelp: 'need_help', sos: 'need_help',
  3: 'left', left: 'left', gone: 'left', away: 'left',
  // French, as French check-in texts ask (src/i18n/messages/sms.fr.ts): SAUF, AIDE, PARTI.
  sauf: 'safe', sûr: 'safe', aide: 'need_help', aidez: 'need_help', besoin: 'need_help', parti: 'left', partie: 'left', partis: 'left', parties: 'left',
};

let digits: Map<string, string> | undefined;

/** Every decimal digit Intl knows ("٣", "३", "３") as its ASCII digit: people reply in their own script. */
function asciiDigit(ch: string): string {
  if (!digits) {
    digits = new Map();
    for (const system of Intl.supportedValuesOf('numberingSystem')) {
      try {
        const format = new Intl.NumberFormat(`en-u-nu-${system}`, { useGrouping: false });
        for (let d = 0; d <= 9; d++) {
          const shown = format.format(d);
          if ([...shown].length === 1 && !digits.has(shown)) digits.set(shown, String(d));
        }
      } catch {
        // An algorithmic system (roman numerals): no digits of its own.
      }
    }
  }
  return digits.get(ch) ?? ch;
}

/**
 * An answer as a person types it (an SMS reply, the API): `1`/`safe`, `2`/`help`, `3`/`left`, in
 * any case and any script's digits, judged by its first word ("1 all fine here" is safe). Null
 * when it is none of them: such a reply records nothing.
 */
export function parseAnswer(text: unknown): CrisisAnswer | null {
  if (typeof text !== 'string') return null;
  const normalised = text.normalize('NFKC').replace(/\p{Nd}/gu, asciiDigit).trim().toLowerCase();
  if (normalised === 'need help') return 'need_help';
  const word = /^[\p{L}\p{N}_]+/u.exec(normalised)?.[0];
  return word !== undefined && Object.hasOwn(WORDS, word) ? WORDS[word]! : null;
}

// ---- Who is in scope ----

/** The area and time a crisis covers, as stored. */
export interface CrisisArea {
  destinations: readonly string[];
  regions: readonly string[];
  regionDestinations: readonly string[];
  /** RFC 3339, UTC. */
  startedAt: string;
}

/** What the scope query filters on: codes, lower-cased region spellings, and the days a trip must overlap. */
export interface CrisisScope {
  codes: string[];
  regionKeys: string[];
  regionDestinations: string[];
  fromDay: string;
  toDay: string;
}

/**
 * A trip is in scope when it is not cancelled, goes to one of the crisis's destinations, has begun
 * by today and had not ended before the crisis began (residents, with no end date, always have
 * not). Where the crisis names regions of a destination, trips there count when they name one of
 * those regions, however spelt (`equivalents`: "Moscow" and RU-MOW), or no region at all (the
 * person may be anywhere in the country); trips to its other destinations count whole.
 */
export function crisisScope(area: CrisisArea, now: Date, equivalents: (country: string, region: string) => string[]): CrisisScope {
  const keys = area.regions.flatMap((region) => area.destinations.flatMap((code) => equivalents(code, region)));
  return {
    codes: [...area.destinations],
    regionKeys: [...new Set(keys.map((k) => k.toLowerCase()))],
    regionDestinations: area.regions.length > 0 ? [...area.regionDestinations] : [],
    fromDay: area.startedAt.slice(0, 10),
    toDay: now.toISOString().slice(0, 10),
  };
}

export interface ScopeTrip {
  destination: string;
  region: string | null;
  start: string;
  end: string | null;
  cancelled: boolean;
}

export function tripInScope(scope: CrisisScope, trip: ScopeTrip): boolean {
  if (trip.cancelled || !scope.codes.includes(trip.destination)) return false;
  if (trip.start > scope.toDay || (trip.end !== null && trip.end < scope.fromDay)) return false;
  if (scope.regionKeys.length === 0 || !scope.regionDestinations.includes(trip.destination)) return true;
  return trip.region === null || scope.regionKeys.includes(trip.region.toLowerCase());
}

// ---- Exercise labelling ----

export const EXERCISE_NOTICE = 'EXERCISE – this is a drill, not a real emergency. Please answer as you would in a real one.';

/** "EXERCISE – …" in front of whatever an exercise says; an actual crisis's text as it is. */
export function exerciseLabel(exercise: boolean, text: string): string {
  return exercise ? `EXERCISE – ${text}` : text;
}
