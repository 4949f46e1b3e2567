/**
 * Text messages (src/notify/sms-messages.ts): short, the link last. French avoids characters
 * outside GSM-7 (ê, ç, ’) in the fixed text, so a message is not sent as UCS-2 at 70 characters a part.
 */
export const sms = {
  'sms.exercise': 'EXERCISE (drill):',
  'sms.ask': '{followUp, select, yes {Reminder: are you safe?} other {Are you safe?}}',
  'sms.checkIn': '{ask} {title}. Reply 1 SAFE, 2 HELP or 3 LEFT. Need help? Tell us more: {url}',
  'sms.departure': '{label}: meet at {place}, {time} UTC. {text} {url}',
  'sms.higher': 'Some areas higher: {areas}.',
  'sms.higherArea': '{name} Level {level}',
  'sms.verificationCode': 'Your {authority} code: {code}. It expires in 10 minutes. If you did not ask for it, ignore this message.',
  'sms.helpReply': 'We could not read that. Reply 1 if you are SAFE, 2 if you need HELP, 3 if you have LEFT the area.',
  'sms.answer': '{answer, select, safe {I\'m safe} need_help {I need help} other {I\'m not there / I\'ve left}}',
  'sms.recorded': 'Thank you: recorded "{answer}".',
  'sms.staffWillCall': 'Staff will contact you. If you are in immediate danger, call local emergency services.',
  'sms.already': 'Already recorded: "{answer}" for this check-in. Your latest answer is "{latest}".',
} as const;
