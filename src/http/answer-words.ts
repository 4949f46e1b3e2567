import type { CrisisAnswer } from '../domain/crises.ts';
import type { ContactAnswer } from '../domain/crisis-timers.ts';
import type { DepartureMode, DepartureStatus } from '../domain/departures.ts';
import type { Translator } from '../i18n/translator.ts';

/**
 * The crisis words a traveller or their contact reads on the answer pages and the account, in
 * their language: the domain keeps its English labels (src/domain/crises.ts) for staff and e-mails.
 */

const ANSWERS = { safe: 'accountAnswers.answer.safe', need_help: 'accountAnswers.answer.needHelp', left: 'accountAnswers.answer.left' } as const;
const CONTACT_ANSWERS = {
  heard_safe: 'accountAnswers.contact.heardSafe', heard_need_help: 'accountAnswers.contact.heardNeedHelp', not_heard: 'accountAnswers.contact.notHeard',
} as const;
const MODES = { flight: 'accountAnswers.mode.flight', bus: 'accountAnswers.mode.bus', ship: 'accountAnswers.mode.ship', other: 'accountAnswers.mode.other' } as const;
const STATUSES = {
  planned: 'accountAnswers.status.planned', boarding: 'accountAnswers.status.boarding', departed: 'accountAnswers.status.departed', cancelled: 'accountAnswers.status.cancelled',
} as const;

export const answerLabel = (tr: Translator, answer: CrisisAnswer): string => tr.t(ANSWERS[answer]);
export const contactAnswerLabel = (tr: Translator, answer: ContactAnswer): string => tr.t(CONTACT_ANSWERS[answer]);
export const departureMode = (tr: Translator, mode: DepartureMode): string => tr.t(MODES[mode]);
export const departureStatus = (tr: Translator, status: DepartureStatus): string => tr.t(STATUSES[status]);

/** "EXERCISE – …" in front of what an exercise says (src/domain/crises.ts exerciseLabel), in the reader's words. */
export function exerciseText(tr: Translator, exercise: boolean, text: string): string {
  return exercise ? tr.t('accountAnswers.exercise', { text }) : text;
}
