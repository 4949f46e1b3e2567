import type { MessageId } from '../i18n/catalog.ts';
import type { MessageValues, Translator } from '../i18n/translator.ts';

/**
 * The services word their refusals in English, as the API, the command line and the logs read
 * them; pages translate them at the edge by that text. Each page area keeps its own tables (an
 * exact text, or a pattern for a text that quotes what was typed or a number) and looks them up here.
 */

/** A refusal that quotes what was typed or a number: the pattern, the message, and its arguments. */
export type RefusalPattern = readonly [RegExp, MessageId, (match: RegExpExecArray, tr: Translator) => MessageValues];

/** The text in the reader's language by the exact table, then the patterns; undefined when neither knows it. */
export function knownText(tr: Translator, text: string, exact: Readonly<Record<string, MessageId>>, patterns: readonly RefusalPattern[]): string | undefined {
  if (Object.hasOwn(exact, text)) return tr.t(exact[text]!);
  for (const [pattern, id, values] of patterns) {
    const match = pattern.exec(text);
    if (match) return tr.t(id, values(match, tr));
  }
  return undefined;
}

/** A refusal in the reader's language; in English, or when unknown, as the service wrote it. */
export function refusalText(tr: Translator, message: string, exact: Readonly<Record<string, MessageId>>, patterns: readonly RefusalPattern[]): string {
  return tr.locale === 'en' ? message : knownText(tr, message, exact, patterns) ?? message;
}
