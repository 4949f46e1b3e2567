import type { common as en } from './common.en.ts';

export const common: Record<keyof typeof en, string> = {
  'common.language': 'Langue',
  'common.languageMenu': 'Choisir une langue',
  'common.translationMissing': 'Ce texte n’est pas encore disponible en français ; il est affiché dans sa langue d’origine.',
  'common.level': 'Niveau {level}',
};
