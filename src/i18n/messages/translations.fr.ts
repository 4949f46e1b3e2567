import type { translations as en } from './translations.en.ts';

export const translations: Record<keyof typeof en, string> = {
  'translations.translatedNote': 'Traduit de l’original. En cas de divergence, l’original fait foi.',
};
