import { xmlText } from '../alerts/cap.ts';
import type { StoredAlert } from '../alerts/records.ts';
import { DEFAULT_LOCALE } from '../i18n/locales.ts';

/**
 * The Atom index of alerts (docs/alerts.md): one entry per current CAP message, newest first, each
 * linking to its CAP 1.2 document (rel="alternate", type application/cap+xml) and to its page.
 * This is the shape alert aggregators poll (an Atom index of CAP documents). Written by hand: the
 * `feed` package cannot give a link its media type.
 */
export interface AlertFeedLinks {
  selfUrl: string;
  pageUrl: string;
  capUrl(id: number): string;
  alertUrl(id: number): string;
}

const atomTime = (stored: string) => `${stored.slice(0, 19)}Z`;

export function alertsAtom(alerts: readonly StoredAlert[], links: AlertFeedLinks): string {
  const updated = alerts.reduce((newest, alert) => (alert.sent > newest ? alert.sent : newest), '1970-01-01T00:00:00Z');
  const entries = alerts.map((alert) => {
    const title = `${alert.msgType === 'Cancel' ? 'Cancelled: ' : alert.msgType === 'Update' ? 'Updated: ' : ''}${alert.headline}`;
    return `  <entry>
    <id>${xmlText(alert.identifier)}</id>
    <title>${xmlText(title)}</title>
    <updated>${atomTime(alert.sent)}</updated>
    <published>${atomTime(alert.sent)}</published>
    <author><name>${xmlText(alert.senderName)}</name></author>
    <link rel="alternate" type="application/cap+xml" href="${xmlText(links.capUrl(alert.id))}"/>
    <link rel="related" type="text/html" href="${xmlText(links.alertUrl(alert.id))}"/>
    <category term="${xmlText(alert.category)}"/>
    <summary>${xmlText(`${alert.severity} · ${alert.event} · ${alert.area.areaDesc} · until ${atomTime(alert.expires)}`)}</summary>
  </entry>
`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${DEFAULT_LOCALE}">
  <id>${xmlText(links.selfUrl)}</id>
  <title>Travel alerts (CAP 1.2)</title>
  <subtitle>Embassy and crisis alerts in force or announced, each as an OASIS CAP 1.2 document.</subtitle>
  <updated>${atomTime(updated)}</updated>
  <link rel="self" type="application/atom+xml" href="${xmlText(links.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${xmlText(links.pageUrl)}"/>
  <generator>Waypost</generator>
${entries.join('')}</feed>
`;
}
