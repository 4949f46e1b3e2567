import { describe, expect, it } from 'vitest';
import { contentFingerprint, defaultNextReviewDue, nextRevisionNumber, slugify, type AdvisoryContent } from './advisory.ts';
import { diffRevisions, wordDiff } from './diff.ts';

const content: AdvisoryContent = {
  level: 4,
  indicators: ['T', 'D'],
  risks: [{ indicator: 'D', text: 'wrongful detention' }],
  regions: [],
  departureUrged: true,
  summary: 'Do not travel.',
  sections: [{ slug: 'dual-citizenship', title: 'Dual citizenship', body: 'Not recognised.' }],
};

describe('advisory revisions', () => {
  it('are numbered from 1 and never reuse a number', () => {
    expect(nextRevisionNumber(null)).toBe(1);
    expect(nextRevisionNumber(7)).toBe(8);
  });

  it('fingerprint what they say, not how it was typed', () => {
    const same = contentFingerprint({ ...content, indicators: ['D', 'T', 'D'], summary: ' Do not travel. ' }, 'note', '2025-01-01');
    expect(same).toBe(contentFingerprint(content, 'note', '2025-01-01'));
    expect(contentFingerprint({ ...content, level: 3 }, 'note', '2025-01-01')).not.toBe(same);
    expect(contentFingerprint(content, 'other note', '2025-01-01')).not.toBe(same);
  });

  it('slugify headings', () => {
    expect(slugify('Debit and credit cards')).toBe('debit-and-credit-cards');
    expect(slugify('If you decide to travel to São Tomé:')).toBe('if-you-decide-to-travel-to-sao-tome');
  });

  it('schedules the next review six months out at Levels 3–4 and a year out below', () => {
    expect(defaultNextReviewDue(4, '2025-05-08T00:00:00Z')).toBe('2025-11-08');
    expect(defaultNextReviewDue(1, '2025-05-08T00:00:00Z')).toBe('2026-05-08');
  });
});

describe('diff', () => {
  const base = { ...content, code: 'RU', revision: 1, changeType: 'major' as const, changeNote: 'a', publishedAt: 'x', reviewedAt: 'x', nextReviewDue: null, source: { authority: 'Waypost' } };

  it('reports word runs for text and values for structured fields', () => {
    const newer = {
      ...base,
      revision: 2,
      level: 3 as const,
      summary: 'Do not travel anywhere.',
      sections: [...base.sections, { slug: 'money', title: 'Money', body: 'Cards fail.' }],
    };
    const changes = diffRevisions(base, newer);
    expect(changes.map((c) => c.field)).toEqual(['level', 'summary', 'sections.money']);
    expect(changes[0]).toMatchObject({ kind: 'value', from: 4, to: 3 });
    expect(changes[1]).toMatchObject({ kind: 'text' });
    const words = changes[1]?.kind === 'text' ? changes[1].words : [];
    expect(words.filter((w) => w.op === 'insert').map((w) => w.text.trim())).toEqual(['anywhere']);
  });

  it('is empty between identical revisions', () => {
    expect(diffRevisions(base, { ...base, revision: 2 })).toEqual([]);
  });

  it('marks deleted words', () => {
    expect(wordDiff('leave now please', 'leave now')).toContainEqual({ op: 'delete', text: ' please' });
  });
});
