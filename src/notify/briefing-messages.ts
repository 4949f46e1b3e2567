import type { Config } from '../config.ts';
import { escapeHtml } from '../http/html.ts';
import { destinationName } from '../i18n/destination-names.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { levelLabelIn } from './advisory-text.ts';
import { alertUrls } from './alert-messages.ts';
import type { BriefedDestination, TripBriefingEvent } from './events.ts';
import { destinationUrl } from './public-links.ts';
import { identityOf, notificationMail, type LinkConfig } from './notification-mail.ts';

/**
 * The message of a `trip.briefing` event (docs/enrolment.md "Told at once"): what is already true
 * where a just-enrolled trip goes — the level, any departure directive, the active alerts with
 * their severity, instruction and link — by e-mail and webhook.
 */

/** "Ruritanian nationals should leave immediately": the deployment's citizen noun (docs/identity.md). */
const leave = (config: LinkConfig, tr: Translator) => tr.t('mailTravel.leave', { citizens: identityOf(config).citizenNoun });

function where(tr: Translator, d: Pick<BriefedDestination, 'name' | 'region' | 'code'>): string {
  const name = tr.locale === 'en' ? d.name : destinationName(d.code, tr.locale);
  return d.region ? `${name} (${d.region})` : name;
}

/** "Your trip: Russia is at Level 4 – Do Not Travel – Ruritanian nationals should leave immediately" (or "… 1 active alert – headline"). */
export function briefingSubject(config: LinkConfig, event: TripBriefingEvent, tr: Translator = translator(DEFAULT_LOCALE)): string {
  const p = event.payload;
  const first = p.destinations[0];
  if (first) {
    const values = { name: tr.locale === 'en' ? first.name : destinationName(first.code, tr.locale), level: first.level, label: levelLabelIn(tr, first.level) };
    return first.departureUrged ? tr.t('mailTravel.briefingLevelLeave', { ...values, leave: leave(config, tr) }) : tr.t('mailTravel.briefingLevel', values);
  }
  const alert = p.alerts[0]!;
  return tr.t('mailTravel.briefingAlerts', { count: p.alerts.length, headline: alert.headline });
}

export function briefingEmail(
  config: LinkConfig, event: TripBriefingEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, messageId: string, now: Date = new Date(), locale?: Locale,
): OutgoingMail {
  const p = event.payload;
  const tr = translator(locale);
  const subject = briefingSubject(config, event, tr);
  const directive = tr.t('mailTravel.directive', { leave: leave(config, tr) });
  const intro = tr.t('mailTravel.briefingIntro');
  const level = (d: BriefedDestination) => tr.t('mailTravel.destinationLevel', { where: where(tr, d), level: d.level, label: levelLabelIn(tr, d.level) });
  const severity = (a: { severity: string; headline: string }) => tr.t('mailTravel.alertLine', { severity: tr.t('mailAlert.severity', { severity: a.severity }), headline: a.headline });
  const [readAdvisory, readAlert, whatToDo] = [tr.t('mailAdvisory.read'), tr.t('mailAlert.read'), tr.t('mailAlert.whatToDo')];
  const text = [
    subject,
    '',
    intro,
    ...p.destinations.flatMap((d) => [
      '',
      level(d),
      ...(d.departureUrged ? [directive] : []),
      tr.t('mailAdvisory.readLine', { url: destinationUrl(config, d) }),
    ]),
    ...(p.alerts.length ? ['', tr.t('mail.labelled', { label: tr.t('mailTravel.activeAlerts'), value: '' }).trimEnd()] : []),
    ...p.alerts.flatMap((a) => [
      '',
      severity(a),
      tr.t('mailAlert.where', { area: a.areaDesc }),
      ...(a.instruction ? [`${whatToDo} ${a.instruction}`] : []),
      tr.t('mailAlert.readLine', { url: alertUrls(config, a).page }),
    ]),
  ];
  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...p.destinations.map((d) => `<p><strong>${escapeHtml(level(d))}</strong>${d.departureUrged ? `<br><strong>${escapeHtml(directive)}</strong>` : ''}<br><a href="${escapeHtml(destinationUrl(config, d))}">${escapeHtml(readAdvisory)}</a></p>`),
    ...(p.alerts.length ? [`<h2>${escapeHtml(tr.t('mailTravel.activeAlerts'))}</h2>`] : []),
    ...p.alerts.map((a) => `<p><strong>${escapeHtml(severity(a))}</strong><br>${escapeHtml(tr.t('mailAlert.where', { area: a.areaDesc }))}${a.instruction ? `<br>${escapeHtml(whatToDo)} ${escapeHtml(a.instruction)}` : ''}<br><a href="${escapeHtml(alertUrls(config, a).page)}">${escapeHtml(readAlert)}</a></p>`),
  ];
  return notificationMail(config, delivery, messageId, now, true, { subject, text, html, locale: tr.locale });
}

/** The webhook JSON of a briefing: the trip's serious destinations and its active alerts, with links. */
export function briefingWebhookPayload(config: Pick<Config, 'publicUrl'>, event: TripBriefingEvent, idempotencyKey: string): Record<string, unknown> {
  const p = event.payload;
  return {
    type: event.kind,
    id: idempotencyKey,
    eventId: event.id,
    urgent: true,
    briefing: {
      destinations: p.destinations.map((d) => ({ ...d, url: destinationUrl(config, d) })),
      alerts: p.alerts.map((a) => ({ ...a, url: alertUrls(config, a).page })),
    },
  };
}
