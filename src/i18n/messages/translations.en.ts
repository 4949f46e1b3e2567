/** Advisory translations (issue 16): what a reader is told about the language of the advice. */
export const translations = {
  'translations.translatedNote': 'Translated from the original. If the two differ, the original is the authoritative advice.',
} as const;
