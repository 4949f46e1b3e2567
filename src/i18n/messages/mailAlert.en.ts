/** Alert e-mails (src/notify/alert-messages.ts). CAP's fixed words (severity, category) are translated; the alert's own text is not. */
export const mailAlert = {
  'mailAlert.what': '{type, select, Update {Alert updated} Cancel {Alert cancelled} other {Alert}}',
  'mailAlert.subject': '{names}: {what} – {headline}',
  'mailAlert.severity': '{severity, select, Extreme {Extreme} Severe {Severe} Moderate {Moderate} Minor {Minor} other {Unknown}}',
  'mailAlert.category': '{category, select, Geo {Geo} Met {Met} Safety {Safety} Security {Security} Rescue {Rescue} Fire {Fire} Health {Health} Env {Env} Transport {Transport} Infra {Infra} CBRNE {CBRNE} other {Other}}',
  'mailAlert.cancelled': 'This alert is cancelled.',
  'mailAlert.where': 'Where: {area}',
  'mailAlert.when': 'When: From {from} until {until}',
  'mailAlert.whatToDo': 'What to do:',
  'mailAlert.from': 'From: {sender}',
  'mailAlert.read': 'Read the alert',
  'mailAlert.readLine': 'Read the alert: {url}',
  'mailAlert.capLine': 'For alerting systems (CAP 1.2): {url}',
} as const;
