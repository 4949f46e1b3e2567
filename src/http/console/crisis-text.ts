import type { MessageId } from '../../i18n/catalog.ts';
import type { Translator } from '../../i18n/translator.ts';
import { SafeHtml } from '../html.ts';

/**
 * Catalogue text for element content on the crisis, case, notification and audit pages. Only
 * & < > are escaped: quotes and apostrophes mean nothing between tags, and the English pages then
 * stay byte for byte what their templates wrote ("Are you safe?", travellers' addresses). Arguments
 * that are SafeHtml (a link, a <time>) are placed as they are; strings among them are escaped the same
 * way. Never use it for an attribute value: those go through html`` as usual.
 */
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const escapeText = (text: string) => text.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]!);

export function say(tr: Translator, id: MessageId, values: Record<string, SafeHtml | string | number> = {}): SafeHtml {
  return new SafeHtml(tr.parts<SafeHtml>(id, values).map((part) => (part instanceof SafeHtml ? part.value : escapeText(String(part)))).join(''));
}
