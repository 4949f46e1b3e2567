import type { mail as en } from './mail.en.ts';

export const mail: Record<keyof typeof en, string> = {
  'mail.sentBy': 'Envoyé par {sender}.',
  'mail.preferences': 'Choisir ce que vous recevez',
  'mail.stopAll': 'Ne plus rien recevoir',
  'mail.embassies': 'Ambassades et consulats',
  'mail.levelLabel': '{level, select, 1 {Prendre les précautions habituelles} 2 {Faire preuve d’une vigilance accrue} 3 {Reconsidérer le voyage} other {Ne pas voyager}}',
  'mail.exercise': 'EXERCICE – {text}',
  'mail.exerciseNotice': 'EXERCICE – ceci est une simulation, pas une véritable urgence. Merci de répondre comme vous le feriez en situation réelle.',
  'mail.chooseAnswer': 'Choisissez une réponse ; aucun mot de passe n’est nécessaire :',
  'mail.utcTime': '{date} à {time} UTC',
  'mail.labelled': '{label} : {value}',
  'mail.digestSubject': 'Votre récapitulatif {authority} : {count, plural, one {# mise à jour} other {# mises à jour}}',
  'mail.digestOnceADay': 'Vous recevez ces messages une fois par jour ; vos préférences permettent de les recevoir immédiatement.',
};
