import { ENGLISH_WORDS, type ReaderWords } from '../../domain/mission-diff.ts';
import { quickFactText } from '../../domain/quick-facts.ts';
import { DEFAULT_LOCALE } from '../../i18n/locales.ts';
import type { Translator } from '../../i18n/translator.ts';

/**
 * Mission and quick-fact changes in the revision page's language (src/domain/mission-diff.ts keeps
 * the words out of the domain). English is the domain's own wording, unchanged: the console, the
 * API's reader rows and this page say the same ("since 2021-08-01"); other languages write the date
 * their way.
 */
export function readerWords(tr: Translator): ReaderWords {
  if (tr.locale === DEFAULT_LOCALE) return ENGLISH_WORDS;
  const labelled = (label: string, text: string) => tr.t('rev.labelled', { label, text });
  return {
    status: (m) => {
      const status = `${tr.t(`mission.status.${m.status}`)}${m.statusSince ? ` ${tr.t('mission.since', { date: tr.date(m.statusSince) })}` : ''}`;
      return m.statusNote ? labelled(status, m.statusNote) : status;
    },
    contacts: (m) => [
      m.address,
      ...m.phones.map((p) => `${p.label ? labelled(p.label, p.number) : p.number}${p.emergency ? ` ${tr.t('mission.emergencies')}` : ''}`),
      m.email, m.hours && tr.t('mission.hours', { hours: m.hours }), m.services.length ? tr.t('mission.services', { services: m.services.join(', ') }) : '',
    ].filter(Boolean).join(' ; '),
    factLabel: (key) => tr.t(`facts.${key}`),
    factText: (facts, key) => {
      if (key !== 'bankCardsNote' || !facts || facts.bankCardsWork === null) return quickFactText(facts, key);
      return [tr.t(facts.bankCardsWork ? 'facts.cardsWork' : 'facts.cardsDoNotWork'), facts.bankCardsNote].filter(Boolean).join(' ');
    },
  };
}
