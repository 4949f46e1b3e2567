/** What every notification e-mail says whatever it announces: footer, levels, embassies, the exercise label. */
export const mail = {
  'mail.sentBy': 'Sent by {sender}.',
  'mail.preferences': 'Choose what you receive',
  'mail.stopAll': 'Stop all messages',
  'mail.embassies': 'Embassies and consulates',
  'mail.levelLabel': '{level, select, 1 {Exercise Normal Precautions} 2 {Exercise Increased Caution} 3 {Reconsider Travel} other {Do Not Travel}}',
  'mail.exercise': 'EXERCISE – {text}',
  'mail.exerciseNotice': 'EXERCISE – this is a drill, not a real emergency. Please answer as you would in a real one.',
  'mail.chooseAnswer': 'Choose one answer; no password is needed:',
  'mail.utcTime': '{date} {time} UTC',
  'mail.labelled': '{label}: {value}',
  'mail.digestSubject': 'Your {authority} digest: {count, plural, one {# update} other {# updates}}',
  'mail.digestOnceADay': 'You get these once a day; your preferences can make them immediate.',
} as const;
