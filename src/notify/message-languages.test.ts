import { describe, expect, it } from 'vitest';
import { ADVISORY_PUBLISHED, ALERT_PUBLISHED, CRISIS_WAVE, DEPARTURE_MESSAGE, PEER_ADVICE_CHANGED, TRIP_BRIEFING } from '../domain/event-kinds.ts';
import { signInMail, tripConfirmationMail } from '../enrolment/mail.ts';
import type { EnrolmentContext } from '../enrolment/context.ts';
import { AREAS } from '../i18n/catalog.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { contactAskEmail } from './contact-messages.ts';
import { digestEmail } from './digest.ts';
import type { NotifyEvent } from './events.ts';
import { eventEmail } from './messages.ts';
import { smsText } from './sms-messages.ts';

/**
 * Issue 16's leak check: every kind of message rendered in French carries none of the English
 * messages of the mail and SMS catalogues (their fixed text, three words or more). Content typed
 * by people (headlines, descriptions, titles) stays as written and is not part of the catalogues.
 */
const CONFIG = { publicUrl: 'https://advice.example.org', secret: 'language-test-secret-0123456789' };
const NOW = new Date('2026-03-01T10:00:00Z');
const TO = { to: 'reader@example.org', travellerId: 7, idempotencyKey: 'delivery-1-1' };

const advisory = (headlines: string[] | undefined, id = 11): NotifyEvent => ({
  id, kind: ADVISORY_PUBLISHED, urgent: true, payload: {
    code: 'RU', name: 'Russia', slug: 'russia', revision: 2, previousRevision: 1, level: 4, levelLabel: 'Do Not Travel', previousLevel: 3, levelChanged: true,
    departureUrged: true, indicators: ['D'], changeType: 'major', changeNote: 'Raised.', publishedAt: '2026-03-01T09:00:00Z', urgent: true,
    ...(headlines ? { headlines } : {}), higherRegions: [{ name: 'Gaza', code: 'PS-GZA', level: 4, levelLabel: 'Do Not Travel' }], contacts: ['Embassy, Moscow'],
  },
} as unknown as NotifyEvent);
const alert = (msgType: string): NotifyEvent => ({
  id: 12, kind: ALERT_PUBLISHED, urgent: true, payload: {
    alertId: 3, identifier: 'x', msgType, status: 'Actual', code: 'RU', name: 'Russia', slug: 'russia', destinations: ['RU'], destinationNames: ['Russia'], regions: [], regionDestinations: [],
    effective: '2026-03-01T10:00:00Z', expires: '2026-03-02T10:00:00Z', onset: null, urgent: true, category: 'Security', event: 'Demo', urgency: 'Expected', severity: 'Severe',
    certainty: 'Likely', headline: 'Demo', description: 'Demo.', instruction: 'Stay in.', senderName: 'Embassy', areaDesc: 'Moskva', note: 'Note.', references: [], sent: '2026-03-01T10:00:00Z', contacts: ['Embassy, Moscow'],
  },
} as unknown as NotifyEvent);
const wave = (followUp: boolean): NotifyEvent => ({
  id: 13, kind: CRISIS_WAVE, urgent: true, payload: { crisisId: 1, waveId: 2, number: 1, followUp, exercise: true, title: 'Unrest', code: 'RU', destinations: ['RU'], areaDesc: 'Moskva', startedAt: '2026-03-01T00:00:00Z', sentAt: '2026-03-01T10:00:00Z', urgent: true },
} as unknown as NotifyEvent);
const departure: NotifyEvent = {
  id: 14, kind: DEPARTURE_MESSAGE, urgent: true, payload: {
    departureId: 1, messageId: 1, crisisId: 1, title: 'Unrest', exercise: true, code: 'RU', mode: 'bus', label: 'Bus 1', meetingPoint: 'Station', meetingAt: '2026-03-02T08:00:00Z', status: 'planned', text: 'Bring water.', sentAt: '2026-03-01T10:00:00Z', urgent: true,
  },
} as unknown as NotifyEvent;
const briefing: NotifyEvent = {
  id: 15, kind: TRIP_BRIEFING, urgent: true, payload: {
    tripId: 1, code: 'RU', urgent: true,
    destinations: [{ code: 'RU', name: 'Russia', slug: 'russia', region: null, level: 4, levelLabel: 'Do Not Travel', revision: 2, departureUrged: true }],
    alerts: [{ alertId: 3, headline: 'Demo', severity: 'Severe', instruction: 'Stay in.', areaDesc: 'Moskva', expires: '2026-03-02T10:00:00Z' }],
  },
} as unknown as NotifyEvent;
const peer = (level: boolean): NotifyEvent => ({
  id: 16, kind: PEER_ADVICE_CHANGED, urgent: false, payload: {
    source: 'gb', sourceName: 'United Kingdom (FCDO)', code: 'RU', name: 'Russia', slug: 'russia', nativeLabel: level ? 'advise against all travel' : 'see travel advice', level: 4,
    previousNativeLabel: 'see travel advice', previousLevel: 2, regions: [{ name: 'Crimea', code: 'UA-43', nativeLabel: 'advise against all travel', level: 4 }],
    changes: [{ field: level ? 'level' : 'regions', message: 'x' }], url: 'https://gov.uk/ru', updatedAt: '2026-03-01T00:00:00Z', urgent: false,
  },
} as unknown as NotifyEvent);
const EVENTS = [advisory(['level raised to 4 (Do Not Travel)', 'leave now', 'summary updated']), advisory(undefined, 17), alert('Alert'), alert('Cancel'), wave(false), wave(true), departure, briefing, peer(true), peer(false)];

const ctx = { config: CONFIG, now: () => NOW } as unknown as EnrolmentContext;
const sender = { authorityName: 'Waypost', authorityShortName: 'Waypost' };
const trip = { start: '2026-03-01', end: '2026-03-09', destinations: [{ code: 'RU', name: 'Russia', region: null, level: 4 }] };
const contact = { id: 1, contactName: 'Anna', contactEmail: 'anna@example.org', personName: 'Boris', title: 'Unrest', areaDesc: 'Moskva', exercise: true };

/** Every message kind, in one language. */
function render(locale: string): { mails: OutgoingMail[]; sms: string[] } {
  return {
    mails: [
      ...EVENTS.map((event) => eventEmail(CONFIG, event, TO, NOW, locale)),
      digestEmail(CONFIG, EVENTS, TO, NOW, locale),
      signInMail(ctx, 'a@example.org', 'https://x/link', true, sender, locale),
      signInMail(ctx, 'a@example.org', 'https://x/link', false, sender, locale),
      tripConfirmationMail(ctx, 'a@example.org', 7, trip, sender, locale),
      tripConfirmationMail(ctx, 'a@example.org', 7, { ...trip, end: null }, sender, locale),
      contactAskEmail(CONFIG, { ...contact, language: locale }, NOW),
      contactAskEmail(CONFIG, { ...contact, contactName: '', personName: '', language: locale }, NOW),
    ],
    sms: EVENTS.map((event) => smsText(CONFIG, event, 7, NOW, locale)).filter(Boolean),
  };
}

/** The fixed text of an ICU message: the runs between its arguments and syntax, of three words or more. */
function fixedRuns(message: string): string[] {
  return message.split(/[{}]/).map((run) => run.trim()).filter((run) => !/, (select|plural),/.test(run) && run.split(/\s+/).length > 2);
}

const MAIL_AREAS = ['mail', 'mailAdvisory', 'mailAlert', 'mailCrisis', 'mailEnrolment', 'mailTravel', 'sms'] as const;
const ENGLISH = MAIL_AREAS.flatMap((area) => Object.values(AREAS[area].en).flatMap(fixedRuns));

describe('messages in French', () => {
  const french = render('fr');
  const english = render('en');

  it('carry no English catalogue text, in subject, text or HTML', () => {
    expect(ENGLISH.length).toBeGreaterThan(50);
    for (const mail of french.mails) {
      const whole = `${mail.subject}\n${mail.text}\n${mail.html}`;
      for (const run of ENGLISH) expect(whole, `${mail.subject}`).not.toContain(run);
      expect(mail.headers?.['Content-Language']).toBe('fr');
      expect(mail.html).toContain('<html lang="fr">');
    }
    for (const text of french.sms) for (const run of ENGLISH) expect(text).not.toContain(run);
  });

  it('the check (a test that can fail): the same kinds in English do carry that text', () => {
    const whole = english.mails.map((m) => `${m.subject}\n${m.text}`).join('\n');
    expect(ENGLISH.filter((run) => whole.includes(run)).length).toBeGreaterThan(40);
    expect(english.mails.every((m) => m.headers?.['Content-Language'] === 'en')).toBe(true);
  });

  it('an exercise says EXERCICE in every French crisis message, EXERCISE in English', () => {
    const crisis = (r: ReturnType<typeof render>) => r.mails.filter((m) => /Unrest/.test(m.subject));
    expect(crisis(french).length).toBe(5);
    for (const mail of crisis(french)) expect(mail.subject).toMatch(/^EXERCICE – /);
    for (const mail of crisis(english)) expect(mail.subject).toMatch(/^EXERCISE – /);
    expect(french.sms.filter((text) => text.startsWith('EXERCICE (simulation) :'))).toHaveLength(3);
  });

  it('French SMS keep to GSM-7 in their fixed text (no UCS-2 at 70 characters a part)', () => {
    // GSM 03.38's basic set as it concerns French: é è ù à É Ç are in it; ê â ô î û ç ’ « » are not.
    const notGsm = /[êâôîûçœ’«»ëïü]/;
    for (const text of french.sms) expect(text, text).not.toMatch(notGsm);
  });

  it('subjects say what changed, in French: "Russie : niveau relevé à 4 (Ne pas voyager) – partez maintenant"', () => {
    expect(french.mails[0]!.subject).toBe('Russie : niveau relevé à 4 (Ne pas voyager) – partez maintenant et 1 autre changement');
    expect(english.mails[0]!.subject).toBe('Russia: level raised to 4 (Do Not Travel) – leave now and 1 more change');
    expect(french.mails[1]!.subject).toBe('Russie : niveau 4 – Ne pas voyager – les ressortissants doivent partir immédiatement');
    expect(french.mails.at(-4)!.subject).toBe('Voyage enregistré : Russie');
    expect(french.mails.at(-4)!.text).toContain('du 1 mars 2026 au 9 mars 2026');
  });
});
