import type { Config } from '../config.ts';
import { escapeHtml } from '../http/html.ts';
import { destinationName } from '../i18n/destination-names.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.ts';
import { translator, type Translator } from '../i18n/translator.ts';
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

/** "United Kingdom (FCDO) now advises against all travel to Russia (level 4 on our comparison scale)". */
export function peerSubject(event: PeerChangeEvent, tr: Translator = translator(DEFAULT_LOCALE)): string {
  const p = event.payload;
  const name = tr.locale === 'en' ? p.name : destinationName(p.code, tr.locale);
  if (!p.changes.some((c) => c.field === 'level')) return tr.t('mailTravel.peerChanged', { source: p.sourceName, name, changes: p.changes.map((c) => c.message).join('; ') });
  const against = /^advise against ([^;]+?)( to parts)?$/i.exec(p.nativeLabel.trim());
  return against
    ? tr.t('mailTravel.peerAgainst', { source: p.sourceName, what: against[1], parts: against[2] ? 'yes' : 'no', name, level: p.level })
    : tr.t('mailTravel.peerSays', { source: p.sourceName, label: p.nativeLabel, name, level: p.level });
}

/** The destination's "What other governments say", and every destination compared. */
export function peerUrls(config: Pick<Config, 'publicUrl'>, p: PeerChangePayload): { comparison: string; compare: string } {
  return { comparison: `${destinationUrl(config, p)}#peers-title`, compare: `${config.publicUrl}/compare/` };
}

function lines(p: PeerChangePayload, tr: Translator): string[] {
  return [
    tr.t('mailTravel.peerWords', { label: p.nativeLabel, level: p.level, previousLabel: p.previousNativeLabel, previous: p.previousLevel }),
    ...p.changes.map((c) => tr.t('mailAdvisory.whatChanged', { note: c.message })),
    ...p.regions.map((r) => tr.t('mailTravel.peerRegion', { name: `${r.name}${r.code ? ` (${r.code})` : ''}`, label: r.nativeLabel, level: r.level })),
    tr.t('mailTravel.peerNotOurs', { source: p.sourceName }),
  ];
}

export function peerEmail(
  config: LinkConfig, event: PeerChangeEvent, delivery: { to: string; travellerId: number; idempotencyKey: string }, messageId: string, now: Date = new Date(), locale?: Locale,
): OutgoingMail {
  const p = event.payload;
  const tr = translator(locale);
  const subject = peerSubject(event, tr);
  const urls = peerUrls(config, p);
  const [compare, every, page] = [tr.t('mailTravel.peerCompare'), tr.t('mailTravel.peerEvery'), tr.t('mailTravel.peerPage', { source: p.sourceName })];
  const labelled = (label: string, value: string) => tr.t('mail.labelled', { label, value });
  const text = [subject, '', ...lines(p, tr), '', labelled(compare, urls.comparison), labelled(every, urls.compare), labelled(page, p.url)];
  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    `<ul>${lines(p, tr).map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
    `<p><a href="${escapeHtml(urls.comparison)}">${escapeHtml(compare)}</a> · <a href="${escapeHtml(urls.compare)}">${escapeHtml(every)}</a> · <a href="${escapeHtml(p.url)}">${escapeHtml(page)}</a></p>`,
  ];
  return notificationMail(config, delivery, messageId, now, false, { subject, text, html, locale: tr.locale }, { name: 'peers', stop: tr.t('mailTravel.peerStop') });
}

/** A digest's line for it: the subject, what changed, the comparison. */
export function peerDigestItem(config: Pick<Config, 'publicUrl'>, event: PeerChangeEvent, tr: Translator = translator(DEFAULT_LOCALE)): { title: string; note: string; url: string } {
  return { title: peerSubject(event, tr), note: tr.t('mailTravel.peerNotOursShort', { changes: event.payload.changes.map((c) => c.message).join('; ') }), url: peerUrls(config, event.payload).comparison };
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
