import { describe, expect, it } from 'vitest';
import type { AdvisoryContent } from '../domain/advisory.ts';
import { changeHeadlines, translatedSectionTitles } from '../domain/change-headlines.ts';
import { INDICATORS, INDICATOR_NAMES } from '../domain/indicators.ts';
import { MISSION_STATUSES, STATUS_LABELS } from '../domain/missions.ts';
import { translator } from '../i18n/translator.ts';
import { publicationEvent } from '../publishing/publish.ts';
import type { StoredRevision } from '../publishing/revisions.ts';
import type { PublicationPlan } from '../domain/workflow.ts';
import { localHeadline } from './advisory-text.ts';

const fr = translator('fr');

describe('what changed, said in French', () => {
  it('names every risk as the site does', () => {
    for (const code of INDICATORS) {
      expect(localHeadline(fr, `new risk: ${INDICATOR_NAMES[code]}`)).toBe(`nouveau risque : ${fr.t(`site.indicator.${code}`)}`);
    }
    expect(localHeadline(fr, 'risks removed: Crime, Civil Unrest')).toBe('risques retirés : Criminalité, Troubles civils');
  });

  it('says every embassy status in French, the mission\'s name as written', () => {
    for (const status of MISSION_STATUSES) {
      expect(localHeadline(fr, `Embassy in Moscow listed as ${STATUS_LABELS[status].toLowerCase()}`)).toBe(`Embassy in Moscow : ${fr.t(`mission.status.${status}`).toLowerCase()}`);
    }
    expect(localHeadline(fr, 'Embassy in Moscow changed from reduced staff to closed')).toBe('Embassy in Moscow : statut passé de « personnel réduit » à « fermée »');
  });

  it('names a section by its published translation\'s title, a removed one by its last, and keeps the original where none', () => {
    const before: AdvisoryContent = {
      level: 3, indicators: [], risks: [], regions: [], departureUrged: false, summary: 'S.', sections: [{ slug: 'health', title: 'Health', body: 'b' }],
      translations: { fr: { summary: 'S.', sections: { health: { title: 'Santé', body: 'b' } } } },
    };
    const after: AdvisoryContent = {
      ...before, sections: [{ slug: 'air', title: 'Air travel', body: 'b' }, { slug: 'entry', title: 'Entry rules', body: 'b' }],
      translations: { fr: { summary: 'S.', sections: { air: { title: 'Transport aérien', body: 'b' }, entry: { body: 'b' } } } },
    };
    const titles = translatedSectionTitles(before, after);
    expect(titles).toEqual({ fr: { health: 'Santé', 'air travel': 'Transport aérien' } });
    expect(changeHeadlines(before, after).map((h) => localHeadline(fr, h, titles))).toEqual([
      'nouvelle section : Transport aérien', 'nouvelle section : entry rules', 'section retirée : Santé', 'traduction mise à jour',
    ]);
    // Publishing writes them into the event its messages are built from.
    const plan = { changeType: 'major', changeNote: 'New sections.', publishedAt: '2026-12-02T10:00:00Z', urgent: false } as PublicationPlan;
    const event = publicationEvent({ ...after, code: 'RU', revision: 2 }, { ...before, code: 'RU', revision: 1 } as unknown as StoredRevision, plan, new Date());
    expect(event.payload.sectionTitles).toEqual(titles);
  });
});
