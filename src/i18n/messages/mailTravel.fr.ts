import type { mailTravel as en } from './mailTravel.en.ts';

export const mailTravel: Record<keyof typeof en, string> = {
  'mailTravel.leave': '{citizens} : partez immédiatement',
  'mailTravel.briefingLevel': 'Votre voyage : {name} est au niveau {level} – {label}',
  'mailTravel.briefingLevelLeave': 'Votre voyage : {name} est au niveau {level} – {label} – {leave}',
  'mailTravel.briefingAlerts': 'Votre voyage : {count, plural, one {# alerte en cours} other {# alertes en cours}} – {headline}',
  'mailTravel.directive': 'Consigne de départ : {leave}.',
  'mailTravel.briefingIntro': 'Vous venez d’enregistrer ou de modifier un voyage. Voici la situation actuelle sur place :',
  'mailTravel.destinationLevel': '{where} : niveau {level} – {label}',
  'mailTravel.activeAlerts': 'Alertes en cours',
  'mailTravel.alertLine': '{severity} : {headline}',
  'mailTravel.peerStop': 'Ne plus recevoir les conseils des autres gouvernements',
  'mailTravel.peerChanged': '{source} a modifié ses conseils pour {name} : {changes}',
  'mailTravel.peerAgainst': '{source} déconseille désormais « {what} » pour {parts, select, yes {certaines parties de } other {}}{name} (niveau {level} sur notre échelle de comparaison)',
  'mailTravel.peerSays': '{source} indique désormais « {label} » pour {name} (niveau {level} sur notre échelle de comparaison)',
  'mailTravel.peerWords': 'Leurs termes : « {label} » (niveau {level} sur notre échelle de comparaison ; auparavant : « {previousLabel} », niveau {previous}).',
  'mailTravel.peerRegion': '{name} : « {label} » (niveau {level})',
  'mailTravel.peerNotOurs': 'Ce sont les conseils de {source}, pas les nôtres.',
  'mailTravel.peerNotOursShort': '{changes} (ce ne sont pas nos conseils)',
  'mailTravel.peerCompare': 'Comparer avec nos conseils',
  'mailTravel.peerEvery': 'Toutes les destinations comparées',
  'mailTravel.peerPage': 'La page de {source}',
};
