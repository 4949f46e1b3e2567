import type { Config } from '../config.ts';
import { escapeHtml } from '../http/html.ts';
import type { OutgoingMail } from '../mail/message.ts';
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
const leave = (config: LinkConfig) => `${identityOf(config).citizenNoun} should leave immediately`;

function where(d: Pick<BriefedDestination, 'name' | 'region'>): string {
  return d.region ? `${d.name} (${d.region})` : d.name;
}

/** "Your trip: Russia is at Level 4 – Do Not Travel – Ruritanian nationals should leave immediately" (or "… 1 active alert – headline"). */
export function briefingSubject(config: LinkConfig, event: TripBriefingEvent): string {
  const p = event.payload;
  const first = p.destinations[0];
  if (first) return `Your trip: ${first.name} is at Level ${first.level} – ${first.levelLabel}${first.departureUrged ? ` – ${leave(config)}` : ''}`;
  const alert = p.alerts[0]!;
  return `Your trip: ${p.alerts.length === 1 ? '1 active alert' : `${p.alerts.length} active alerts`} – ${alert.headline}`;
}

export function briefingEmail(
  config: LinkConfig, event: TripBriefingEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, messageId: string, now: Date = new Date(),
): OutgoingMail {
  const p = event.payload;
  const subject = briefingSubject(config, event);
  const directive = `Departure directive: ${leave(config)}.`;
  const text = [
    subject,
    '',
    'You have just enrolled or changed a trip. This is what is already true there:',
    ...p.destinations.flatMap((d) => [
      '',
      `${where(d)}: Level ${d.level} – ${d.levelLabel}`,
      ...(d.departureUrged ? [directive] : []),
      `Read the advisory: ${destinationUrl(config, d)}`,
    ]),
    ...(p.alerts.length ? ['', 'Active alerts:'] : []),
    ...p.alerts.flatMap((a) => [
      '',
      `${a.severity}: ${a.headline}`,
      `Where: ${a.areaDesc}`,
      ...(a.instruction ? [`What to do: ${a.instruction}`] : []),
      `Read the alert: ${alertUrls(config, a).page}`,
    ]),
  ];
  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    '<p>You have just enrolled or changed a trip. This is what is already true there:</p>',
    ...p.destinations.map((d) => `<p><strong>${escapeHtml(where(d))}: Level ${d.level} – ${escapeHtml(d.levelLabel)}</strong>${d.departureUrged ? `<br><strong>${escapeHtml(directive)}</strong>` : ''}<br><a href="${escapeHtml(destinationUrl(config, d))}">Read the advisory</a></p>`),
    ...(p.alerts.length ? ['<h2>Active alerts</h2>'] : []),
    ...p.alerts.map((a) => `<p><strong>${escapeHtml(a.severity)}: ${escapeHtml(a.headline)}</strong><br>Where: ${escapeHtml(a.areaDesc)}${a.instruction ? `<br>What to do: ${escapeHtml(a.instruction)}` : ''}<br><a href="${escapeHtml(alertUrls(config, a).page)}">Read the alert</a></p>`),
  ];
  return notificationMail(config, delivery, messageId, now, true, { subject, text, html });
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
