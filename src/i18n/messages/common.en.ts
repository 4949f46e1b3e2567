/** Text shared by every area: the language menu and words any page or message may use. */
export const common = {
  'common.language': 'Language',
  'common.languageMenu': 'Choose a language',
  'common.translationMissing': 'This text is not yet available in English; it is shown in its original language.',
  'common.level': 'Level {level}',
} as const;
