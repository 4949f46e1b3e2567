import type { Config } from '../config.ts';
import { escapeHtml } from '../http/html.ts';
import type { OutgoingMail } from '../mail/message.ts';
import { notificationMail } from './notification-mail.ts';
import type { AlertEvent, AlertPublishedPayload } from './events.ts';

/**
 * The e-mail and webhook body of an `alert.published` event (docs/alerts.md). The delivery worker
 * reaches these through src/notify/messages.ts, which hands every `alert.*` event here. Alert text
 * is plain text: escaped in HTML, as typed in the text part.
 */

type LinkConfig = Pick<Config, 'secret' | 'publicUrl'>;

const WHAT: Record<string, string> = { Alert: 'Alert', Update: 'Alert updated', Cancel: 'Alert cancelled' };

/** "Russia: Alert – Demonstration in Moscow" (or "Alert updated", "Alert cancelled"). */
export function alertSubject(event: AlertEvent): string {
  const p = event.payload;
  const names = p.destinationNames?.length ? p.destinationNames.join(', ') : p.name ?? p.code;
  return `${names}: ${WHAT[p.msgType] ?? 'Alert'} – ${p.headline}`;
}

export function alertUrls(config: Pick<Config, 'publicUrl'>, p: Pick<AlertPublishedPayload, 'alertId'>): { page: string; cap: string } {
  return { page: `${config.publicUrl}/alerts/${p.alertId}/`, cap: `${config.publicUrl}/feeds/alerts/${p.alertId}.cap` };
}

/** "23 November 2026 10:00 UTC". */
function when(stored: string): string {
  const date = new Date(stored);
  if (Number.isNaN(date.getTime())) return stored;
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${day} ${stored.slice(11, 16)} UTC`;
}

export function alertEmail(
  config: LinkConfig, event: AlertEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, messageId: string, now: Date = new Date(),
): OutgoingMail {
  const p = event.payload;
  const subject = alertSubject(event);
  const urls = alertUrls(config, p);
  const cancelled = p.msgType === 'Cancel';
  const facts = `${p.category} · ${p.severity} · ${p.event}`;
  const window = `From ${when(p.effective)} until ${when(p.expires)}`;
  const lines = [
    subject,
    '',
    ...(cancelled ? [`This alert is cancelled.${p.note ? ` ${p.note}` : ''}`, ''] : p.note ? [p.note, ''] : []),
    facts,
    `Where: ${p.areaDesc}`,
    `When: ${window}`,
    '',
    p.description,
    ...(p.instruction && !cancelled ? ['', `What to do: ${p.instruction}`] : []),
    '',
    ...(p.contacts?.length ? ['Embassies and consulates:', ...p.contacts.map((line) => `- ${line}`), ''] : []),
    `From: ${p.senderName}`,
    `Read the alert: ${urls.page}`,
    `For alerting systems (CAP 1.2): ${urls.cap}`,
  ];
  const paragraph = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    ...(cancelled ? [`<p><strong>This alert is cancelled.</strong>${p.note ? ` ${escapeHtml(p.note)}` : ''}</p>`] : p.note ? [paragraph(p.note)] : []),
    `<p>${escapeHtml(facts)}<br>Where: ${escapeHtml(p.areaDesc)}<br>When: ${escapeHtml(window)}</p>`,
    paragraph(p.description),
    ...(p.instruction && !cancelled ? [`<p><strong>What to do:</strong> ${escapeHtml(p.instruction).replace(/\n/g, '<br>')}</p>`] : []),
    ...(p.contacts?.length ? [contactsHtml(p.contacts)] : []),
    `<p>From: ${escapeHtml(p.senderName)}</p>`,
    `<p><a href="${escapeHtml(urls.page)}">Read the alert</a> · <a href="${escapeHtml(urls.cap)}">CAP 1.2</a></p>`,
  ];
  return notificationMail(config, delivery, messageId, now, event.urgent, { subject, text: lines, html });
}

/** The embassies and consulates of a message (src/domain/missions.ts missionContacts), as HTML. */
export function contactsHtml(contacts: readonly string[]): string {
  return `<h2>Embassies and consulates</h2><ul>${contacts.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`;
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
