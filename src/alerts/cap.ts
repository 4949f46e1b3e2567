import { capDateTime } from '../domain/alert-times.ts';
import type { StoredAlert } from './records.ts';

/**
 * Writes one alert as an OASIS CAP 1.2 document (urn:oasis:names:tc:emergency:cap:1.2), element
 * order as the schema's sequences require. Text is escaped for XML, and characters XML 1.0 cannot
 * carry are dropped (validation refuses them on the way in; this is the second line). The tests
 * validate the output with xmllint against the OASIS schema (test/fixtures/cap/cap-1.2.xsd).
 */

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_CONTENT_TYPE = 'application/cap+xml; charset=utf-8';

const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for element content and attribute values. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // A bare CR would be read back as LF; keep it as written.
    .replace(/\r/g, '&#13;');
}

function element(name: string, value: string | null | undefined, indent: string): string {
  return value === null || value === undefined || value === '' ? '' : `${indent}<${name}>${xmlText(value)}</${name}>\n`;
}

/** The CAP `references` value: "sender,identifier,sent" of each referenced alert, space-separated. */
export function capReferences(references: StoredAlert['referenced']): string {
  return references.map((r) => `${r.sender},${r.identifier},${capDateTime(r.sent)}`).join(' ');
}

/** "ISO 3166-2" for subdivision codes ("RU-MOW"); named areas are in areaDesc only. */
function geocodes(alert: StoredAlert): { valueName: string; value: string }[] {
  return [
    ...alert.destinations.map((code) => ({ valueName: 'ISO 3166-1 alpha-2', value: code })),
    ...alert.regions.filter((r) => /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(r)).map((code) => ({ valueName: 'ISO 3166-2', value: code })),
  ];
}

export interface CapOptions {
  /** The alert's public page, used as `web` when the alert names none. */
  pageUrl?: string;
  /** Embassies and consulates of its destinations (src/domain/missions.ts missionContacts), after the alert's own contact. */
  contacts?: readonly string[];
}

export function capDocument(alert: StoredAlert, options: CapOptions = {}): string {
  const i1 = '  ';
  const i2 = '    ';
  const i3 = '      ';
  const i4 = '        ';
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="${CAP_NAMESPACE}">\n`;
  xml += element('identifier', alert.identifier, i1);
  xml += element('sender', alert.sender, i1);
  xml += element('sent', capDateTime(alert.sent), i1);
  xml += element('status', alert.status, i1);
  xml += element('msgType', alert.msgType, i1);
  xml += element('scope', 'Public', i1);
  xml += element('note', alert.note, i1);
  if (alert.referenced.length > 0) xml += element('references', capReferences(alert.referenced), i1);
  xml += `${i1}<info>\n`;
  xml += element('language', alert.language, i2);
  xml += element('category', alert.category, i2);
  xml += element('event', alert.event, i2);
  xml += element('urgency', alert.urgency, i2);
  xml += element('severity', alert.severity, i2);
  xml += element('certainty', alert.certainty, i2);
  xml += element('effective', capDateTime(alert.effective), i2);
  if (alert.onset) xml += element('onset', capDateTime(alert.onset), i2);
  xml += element('expires', capDateTime(alert.expires), i2);
  xml += element('senderName', alert.senderName, i2);
  xml += element('headline', alert.headline, i2);
  xml += element('description', alert.description, i2);
  xml += element('instruction', alert.instruction, i2);
  xml += element('web', alert.web ?? options.pageUrl, i2);
  xml += element('contact', [alert.contact, ...(options.contacts ?? [])].filter(Boolean).join('\n'), i2);
  xml += `${i2}<area>\n`;
  xml += element('areaDesc', alert.area.areaDesc, i3);
  xml += element('polygon', alert.area.polygon, i3);
  xml += element('circle', alert.area.circle, i3);
  for (const code of geocodes(alert)) {
    xml += `${i3}<geocode>\n${element('valueName', code.valueName, i4)}${element('value', code.value, i4)}${i3}</geocode>\n`;
  }
  xml += `${i2}</area>\n`;
  xml += `${i1}</info>\n`;
  xml += '</alert>\n';
  return xml;
}
