import type { Config } from '../config.ts';
import { escapeHtml } from '../http/html.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { destinationName } from '../i18n/destination-names.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import { cachedBody } from './body-cache.ts';
import { notificationMail, type MailBody } from './notification-mail.ts';
import type { AlertEvent, AlertPublishedPayload } from './events.ts';

/**
 * The e-mail and webhook body of an `alert.published` event (docs/alerts.md). The delivery worker
 * reaches these through src/notify/messages.ts, which hands every `alert.*` event here. Alert text
 * is plain text: escaped in HTML, as typed in the text part.
 */

type LinkConfig = Pick<Config, 'secret' | 'publicUrl'>;

/** "Russia: Alert – Demonstration in Moscow" (or "Alert updated", "Alert cancelled"); "Russie : Alerte – …" in French. */
export function alertSubject(event: AlertEvent, tr: Translator = translator(DEFAULT_LOCALE)): string {
  const p = event.payload;
  const names = tr.locale === 'en'
    ? p.destinationNames?.length ? p.destinationNames.join(', ') : p.name ?? p.code
    : p.destinations?.length ? p.destinations.map((code) => destinationName(code, tr.locale)).join(', ') : destinationName(p.code, tr.locale);
  return tr.t('mailAlert.subject', { names, what: tr.t('mailAlert.what', { type: p.msgType }), headline: p.headline });
}

export function alertUrls(config: Pick<Config, 'publicUrl'>, p: Pick<AlertPublishedPayload, 'alertId'>): { page: string; cap: string } {
  return { page: `${config.publicUrl}/alerts/${p.alertId}/`, cap: `${config.publicUrl}/feeds/alerts/${p.alertId}.cap` };
}

/** "23 November 2026 10:00 UTC", "23 novembre 2026 à 10:00 UTC". */
function when(tr: Translator, stored: string): string {
  const date = new Date(stored);
  if (Number.isNaN(date.getTime())) return stored;
  return tr.t('mail.utcTime', { date: tr.date(date), time: stored.slice(11, 16) });
}

/** The part of an alert e-mail that is the same for every reader of one language. */
function alertBody(config: LinkConfig, event: AlertEvent, tr: Translator): MailBody {
  const p = event.payload;
  const subject = alertSubject(event, tr);
  const urls = alertUrls(config, p);
  const cancelled = p.msgType === 'Cancel';
  const facts = `${tr.t('mailAlert.category', { category: p.category })} · ${tr.t('mailAlert.severity', { severity: p.severity })} · ${p.event}`;
  const where = tr.t('mailAlert.where', { area: p.areaDesc });
  const whenLine = tr.t('mailAlert.when', { from: when(tr, p.effective), until: when(tr, p.expires) });
  const isCancelled = tr.t('mailAlert.cancelled');
  const whatToDo = tr.t('mailAlert.whatToDo');
  const from = tr.t('mailAlert.from', { sender: p.senderName });
  const lines = [
    subject,
    '',
    ...(cancelled ? [`${isCancelled}${p.note ? ` ${p.note}` : ''}`, ''] : p.note ? [p.note, ''] : []),
    facts,
    where,
    whenLine,
    '',
    p.description,
    ...(p.instruction && !cancelled ? ['', `${whatToDo} ${p.instruction}`] : []),
    '',
    ...(p.contacts?.length ? [tr.t('mail.labelled', { label: tr.t('mail.embassies'), value: '' }).trimEnd(), ...p.contacts.map((line) => `- ${line}`), ''] : []),
    from,
    tr.t('mailAlert.readLine', { url: urls.page }),
    tr.t('mailAlert.capLine', { url: urls.cap }),
  ];
  const paragraph = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    ...(cancelled ? [`<p><strong>${escapeHtml(isCancelled)}</strong>${p.note ? ` ${escapeHtml(p.note)}` : ''}</p>`] : p.note ? [paragraph(p.note)] : []),
    `<p>${escapeHtml(facts)}<br>${escapeHtml(where)}<br>${escapeHtml(whenLine)}</p>`,
    paragraph(p.description),
    ...(p.instruction && !cancelled ? [`<p><strong>${escapeHtml(whatToDo)}</strong> ${escapeHtml(p.instruction).replace(/\n/g, '<br>')}</p>`] : []),
    ...(p.contacts?.length ? [contactsHtml(p.contacts, tr)] : []),
    `<p>${escapeHtml(from)}</p>`,
    `<p><a href="${escapeHtml(urls.page)}">${escapeHtml(tr.t('mailAlert.read'))}</a> · <a href="${escapeHtml(urls.cap)}">CAP 1.2</a></p>`,
  ];
  return { subject, text: lines, html, locale: tr.locale };
}

/** An alert's e-mail in `locale` (English when not given: the console's preview). */
export function alertEmail(
  config: LinkConfig, event: AlertEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, messageId: string, now: Date = new Date(), locale?: Locale,
): OutgoingMail {
  const tr = translator(locale);
  const body = cachedBody(event, `${tr.locale}|${config.publicUrl}`, () => alertBody(config, event, tr));
  return notificationMail(config, delivery, messageId, now, event.urgent, body);
}

/** The embassies and consulates of a message (src/domain/missions.ts missionContacts), as HTML. */
export function contactsHtml(contacts: readonly string[], tr: Translator = translator(DEFAULT_LOCALE)): string {
  return `<h2>${escapeHtml(tr.t('mail.embassies'))}</h2><ul>${contacts.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
}

/** The webhook JSON of an alert event: the alert's CAP fields, its page and its CAP document. */
export function alertWebhookPayload(config: Pick<Config, 'publicUrl'>, event: AlertEvent, idempotencyKey: string): Record<string, unknown> {
  const p = event.payload;
  const urls = alertUrls(config, p);
  return {
    type: event.kind,
    id: idempotencyKey,
    eventId: event.id,
    urgent: event.urgent,
    alert: {
      id: p.alertId,
      identifier: p.identifier,
      msgType: p.msgType,
      status: p.status,
      references: p.references ?? [],
      note: p.note ?? null,
      destinations: p.destinations,
      regions: p.regions,
      areaDesc: p.areaDesc,
      category: p.category,
      event: p.event,
      urgency: p.urgency,
      severity: p.severity,
      certainty: p.certainty,
      headline: p.headline,
      description: p.description,
      instruction: p.instruction ?? null,
      senderName: p.senderName,
      sent: p.sent,
      effective: p.effective,
      onset: p.onset ?? null,
      expires: p.expires,
      url: urls.page,
      capUrl: urls.cap,
    },
  };
}
