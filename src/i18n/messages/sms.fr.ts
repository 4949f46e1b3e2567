import type { sms as en } from './sms.en.ts';

export const sms: Record<keyof typeof en, string> = {
  'sms.exercise': 'EXERCICE (simulation) :',
  'sms.ask': '{followUp, select, yes {Rappel : tout va bien ?} other {Tout va bien ?}}',
  'sms.checkIn': '{ask} {title}. Répondez 1 SAUF, 2 AIDE ou 3 PARTI. Besoin d\'aide ? Dites-nous en plus : {url}',
  'sms.departure': '{label} : rendez-vous {place}, {time} UTC. {text} {url}',
  'sms.higher': 'Zones plus élevées : {areas}.',
  'sms.higherArea': '{name} niveau {level}',
  'sms.verificationCode': 'Votre code {authority} : {code}. Il expire dans 10 minutes. Si vous ne l\'avez pas demandé, ignorez ce message.',
  'sms.helpReply': 'Message non compris. Répondez 1 SAUF si tout va bien, 2 AIDE si vous avez besoin d\'aide, 3 PARTI si vous avez quitté la zone.',
  'sms.answer': '{answer, select, safe {Je suis en sécurité} need_help {J\'ai besoin d\'aide} other {Je ne suis pas sur place / je suis parti}}',
  'sms.recorded': 'Merci : réponse enregistrée "{answer}".',
  'sms.staffWillCall': 'Nos équipes vont vous contacter. En cas de danger immédiat, appelez les secours locaux.',
  'sms.already': 'Déjà enregistré : "{answer}" pour cette demande. Votre dernière réponse est "{latest}".',
};
