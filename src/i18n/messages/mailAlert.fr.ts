import type { mailAlert as en } from './mailAlert.en.ts';

export const mailAlert: Record<keyof typeof en, string> = {
  'mailAlert.what': '{type, select, Update {Alerte mise à jour} Cancel {Alerte annulée} other {Alerte}}',
  'mailAlert.subject': '{names} : {what} – {headline}',
  'mailAlert.severity': '{severity, select, Extreme {Extrême} Severe {Grave} Moderate {Modérée} Minor {Mineure} other {Inconnue}}',
  'mailAlert.category': '{category, select, Geo {Géophysique} Met {Météo} Safety {Sécurité civile} Security {Sûreté} Rescue {Secours} Fire {Incendie} Health {Santé} Env {Environnement} Transport {Transports} Infra {Infrastructures} CBRNE {NRBC} other {Autre}}',
  'mailAlert.cancelled': 'Cette alerte est annulée.',
  'mailAlert.where': 'Où : {area}',
  'mailAlert.when': 'Quand : du {from} au {until}',
  'mailAlert.whatToDo': 'Que faire :',
  'mailAlert.from': 'Émetteur : {sender}',
  'mailAlert.read': 'Lire l’alerte',
  'mailAlert.readLine': 'Lire l’alerte : {url}',
  'mailAlert.capLine': 'Pour les systèmes d’alerte (CAP 1.2) : {url}',
};
