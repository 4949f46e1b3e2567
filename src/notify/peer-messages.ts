import type { Config } from '../config.ts';
import { escapeHtml } from '../http/html.ts';
import type { OutgoingMail } from '../mail/message.ts';
import type { PeerChangeEvent } from './events.ts';
import { notificationMail, type LinkConfig } from './notification-mail.ts';
import type { PeerChangePayload } from './peer-events.ts';
import { destinationUrl } from './public-links.ts';

/**
 * What a traveller who opted in is told when another government changes its advice
 * (docs/notifications.md, "Other governments' advice"): the government by name, its own words,
 * the level they map to on our comparison scale, what changed, and links to the comparison. Never
 * urgent, and each message unsubscribes from this list alone in one click.
 */

const STOP = "Stop news of other governments' advice";

/** "United Kingdom (FCDO) now advises against all travel to Russia (level 4 on our comparison scale)". */
export function peerSubject(event: PeerChangeEvent): string {
  const p = event.payload;
  if (!p.changes.some((c) => c.field === 'level')) return `${p.sourceName} changed its advice for ${p.name}: ${p.changes.map((c) => c.message).join('; ')}`;
  const against = /^advise against ([^;]+?)( to parts)?$/i.exec(p.nativeLabel.trim());
  const says = against ? `now advises against ${against[1]} to ${against[2] ? 'parts of ' : ''}${p.name}` : `now says "${p.nativeLabel}" for ${p.name}`;
  return `${p.sourceName} ${says} (level ${p.level} on our comparison scale)`;
}

/** The destination's "What other governments say", and every destination compared. */
export function peerUrls(config: Pick<Config, 'publicUrl'>, p: PeerChangePayload): { comparison: string; compare: string } {
  return { comparison: `${destinationUrl(config, p)}#peers-title`, compare: `${config.publicUrl}/compare/` };
}

function lines(p: PeerChangePayload): string[] {
  return [
    `Their words: "${p.nativeLabel}" (level ${p.level} on our comparison scale; before: "${p.previousNativeLabel}", level ${p.previousLevel}).`,
    ...p.changes.map((c) => `What changed: ${c.message}`),
    ...p.regions.map((r) => `${r.name}${r.code ? ` (${r.code})` : ''}: "${r.nativeLabel}" (level ${r.level})`),
    `This is ${p.sourceName}'s advice, not ours.`,
  ];
}

export function peerEmail(
  config: LinkConfig, event: PeerChangeEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, messageId: string, now: Date = new Date(),
): OutgoingMail {
  const p = event.payload;
  const subject = peerSubject(event);
  const urls = peerUrls(config, p);
  const text = [subject, '', ...lines(p), '', `Compare with our advice: ${urls.comparison}`, `Every destination compared: ${urls.compare}`, `${p.sourceName}'s page: ${p.url}`];
  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    `<ul>${lines(p).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    `<p><a href="${escapeHtml(urls.comparison)}">Compare with our advice</a> · <a href="${escapeHtml(urls.compare)}">Every destination compared</a> · <a href="${escapeHtml(p.url)}">${escapeHtml(p.sourceName)}'s page</a></p>`,
  ];
  return notificationMail(config, delivery, messageId, now, false, { subject, text, html }, { name: 'peers', stop: STOP });
}

/** A digest's line for it: the subject, what changed, the comparison. */
export function peerDigestItem(config: Pick<Config, 'publicUrl'>, event: PeerChangeEvent): { title: string; note: string; url: string } {
  return { title: peerSubject(event), note: `${event.payload.changes.map((c) => c.message).join('; ')} (not our advice)`, url: peerUrls(config, event.payload).comparison };
}

export function peerWebhookPayload(config: Pick<Config, 'publicUrl'>, event: PeerChangeEvent, idempotencyKey: string): Record<string, unknown> {
  const p = event.payload;
  return {
    type: event.kind, id: idempotencyKey, eventId: event.id, urgent: false,
    peerAdvice: {
      source: p.source, sourceName: p.sourceName, code: p.code, name: p.name, subject: peerSubject(event), nativeLabel: p.nativeLabel, level: p.level,
      previousNativeLabel: p.previousNativeLabel, previousLevel: p.previousLevel, regions: p.regions, changes: p.changes, updatedAt: p.updatedAt,
      url: p.url, comparisonUrl: peerUrls(config, p).comparison,
    },
  };
}
