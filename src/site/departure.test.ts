import { describe, expect, it } from 'vitest';
import type { AdvisoryContent } from '../domain/advisory.ts';
import { departureStatement } from './departure.ts';

const content = (summary: string, departureUrged = true): AdvisoryContent => ({
  level: 4, indicators: [], risks: [], regions: [], departureUrged, summary, sections: [],
});

describe('departureStatement', () => {
  it('quotes the advisory\'s own sentence, not cut at "U.S."', () => {
    const summary = 'Do not travel to Russia.\n\n**U.S. citizens in Russia should leave immediately.** The U.S. government has limited ability to help.';
    expect(departureStatement(content(summary))).toBe('U.S. citizens in Russia should leave immediately.');
  });

  it('ends a sentence at a line break even where emphasis spans it', () => {
    const summary = '**U.S. citizens in Russia should leave immediately.  \n**The U.S. government has limited ability to help.';
    expect(departureStatement(content(summary))).toBe('U.S. citizens in Russia should leave immediately.');
  });

  it('finds the sentence in a section when the summary has none', () => {
    const advisory = { ...content('Do not travel.'), sections: [{ slug: 'x', title: 'X', body: 'Depart now while commercial flights are available. Then rest.' }] };
    expect(departureStatement(advisory)).toBe('Depart now while commercial flights are available.');
  });

  it('says nothing when departure is not urged or no sentence says it', () => {
    expect(departureStatement(content('U.S. citizens should leave immediately.', false))).toBeNull();
    expect(departureStatement(content('Do not travel.'))).toBeNull();
  });
});
