import { describe, expect, it } from 'vitest';
import { extractContent } from './content.ts';
import { cleanHtml, toMarkdown } from './html.ts';
import { indicatorFor, urgesDeparture } from './risks.ts';

describe('cleanHtml', () => {
  it('keeps only the safe subset and removes the feed debris', () => {
    const html = cleanHtml('<p style="x" adhocenable="false">A&nbsp;&nbsp;&nbsp;B<b></b><script>alert(1)</script><span class="body-regular">C</span> <a adhocenable="false" href="javascript:alert(1)">js</a> <a href="https://example.org/" onclick="x">ok</a> <img src="x"></p>');
    expect(html).toBe('<p>A BC <a>js</a> <a href="https://example.org/">ok</a> </p>');
  });

  it('makes relative links absolute to travel.state.gov', () => {
    expect(cleanHtml('<a href="/en/crime.html">c</a><a href="#ExternalPopup">f</a>')).toBe('<a href="https://travel.state.gov/en/crime.html">c</a><a>f</a>');
  });
});

describe('toMarkdown of cleaned HTML', () => {
  it('keeps bold from dangling across line breaks or doubling up', () => {
    expect(toMarkdown(cleanHtml('<p><b><br>\nIslands<br>\n</b>Text</p>'))).toBe('**Islands**  \nText');
    expect(toMarkdown(cleanHtml('<p><b data-x="1"><b>Because</b></b> so.</p>'))).toBe('**Because** so.');
  });
});

describe('extractContent', () => {
  it('separates the change note, summary and sections', () => {
    const content = extractContent(
      '<p><b><i>Reissued Language: Advisory summary was updated.</i></b></p>\n' +
      '<p>Exercise increased caution in Testland due to <b>terrorism</b>.</p>\n' +
      '<p><b>Advisory summary<br>\n</b>Terrorist groups may attack.</p>\n<ul><li>Malls</li></ul>\n' +
      '<p><b>U.S. citizens should leave immediately.<br>\n</b>Flights are few.</p>\n' +
      '<p><b>Crime<br></b>Some.</p><p><b>Crime<br></b>More.</p>\n' +
      '<p><b>If you decide to travel to Testland:</b></p>\n<ul><li>Stay aware.</li></ul>',
    );
    expect(content.changeNote).toBe('Reissued Language: Advisory summary was updated.');
    expect(content.summary).toBe('Exercise increased caution in Testland due to **terrorism**.');
    expect(content.sections).toEqual([
      { slug: 'advisory-summary', title: 'Advisory summary', body: 'Terrorist groups may attack.\n\n-   Malls\n\n**U.S. citizens should leave immediately.**  \nFlights are few.' },
      { slug: 'crime', title: 'Crime', body: 'Some.' },
      { slug: 'crime-2', title: 'Crime', body: 'More.' },
      { slug: 'if-you-decide-to-travel-to-testland', title: 'If you decide to travel to Testland', body: '-   Stay aware.' },
    ]);
    expect(content.indicators).toEqual(['T']);
    expect(content.departureUrged).toBe(true);
  });

  it('reads risks from a "due to:" list, in the original words', () => {
    const content = extractContent('<p><b>Do not travel to Testland</b> <b>due to:</b></p><ul><li>The war.</li><li>Wrongful detention.<b></b></li><li>Kidnapping and hostage taking.</li></ul>');
    expect(content.sections).toEqual([]);
    expect(content.risks).toEqual([
      { indicator: 'O', text: 'The war.' },
      { indicator: 'D', text: 'Wrongful detention.' },
      { indicator: 'K', text: 'Kidnapping and hostage taking.' },
    ]);
    expect(content.indicators).toEqual(['K', 'D', 'O']);
  });

  it('splits an inline list of risks, but not an "and" inside one risk', () => {
    const risks = (html: string) => extractContent(html).risks.map((r) => `${r.indicator}:${r.text}`);
    expect(risks('<p>Reconsider travel to X due to the risk of <b>crime, civil unrest, kidnapping, hostage taking, and armed conflict</b>. Some areas have increased risk.</p>'))
      .toEqual(['C:the risk of crime', 'U:civil unrest', 'K:kidnapping', 'K:hostage taking', 'O:armed conflict']);
    expect(risks('<p>Exercise increased caution in X. This is due to unresolved conflict between the region and the central government.</p>'))
      .toEqual(['O:unresolved conflict between the region and the central government']);
    expect(risks('<p>Exercise increased caution due to <b>crime and health</b> risks.</p>')).toEqual(['C:crime', 'H:health risks']);
    expect(risks('<p>Do not travel to X due to terrorism, civil unrest, and the U.S. government’s limited ability to help U.S. citizens. Read more.</p>'))
      .toEqual(['T:terrorism', 'U:civil unrest', 'O:the U.S. government’s limited ability to help U.S. citizens']);
    // A "due to" outside the advice sentence is not a risk indicator.
    expect(risks('<p>Exercise normal precautions in X.</p><p>Avoid driving at night due to crime.</p>')).toEqual([]);
    expect(risks('<p>Do not travel to the border areas. Due to the risks, employees may not go there.</p>')).toEqual([]);
    expect(risks('<p><b>Level 4: Do Not Travel<br></b>Due to the risks, employees may not go to:</p><ul><li>Mandera</li></ul>')).toEqual([]);
  });

  it('has no change note when the first paragraph is advice, even in italics', () => {
    const content = extractContent('<p><i>Reconsider travel to X due to <b>crime</b>.</i></p>');
    expect(content).toMatchObject({ changeNote: '', indicators: ['C'] });
    expect(content.summary).toBe('_Reconsider travel to X due to **crime**._');
  });

  it('splits a note sharing its paragraph with the advice', () => {
    const content = extractContent('<p><b>Reissued after periodic review with minor edits.<br>\n<br>\n</b>Exercise increased caution in X due to<b> crime</b>.</p>');
    expect(content.changeNote).toBe('Reissued after periodic review with minor edits.');
    expect(content.summary).toBe('Exercise increased caution in X due to **crime**.');
  });
});

describe('indicators and departure', () => {
  it.each([
    ['wrongful detention', 'D'], ['terrorism', 'T'], ['crime', 'C'], ['civil unrest', 'U'], ['kidnapping', 'K'], ['hostage taking', 'K'],
    ['health', 'H'], ['natural disaster', 'N'], ['time-limited event', 'E'], ['armed conflict', 'O'], ['arbitrary enforcement of local laws', 'O'], ['piracy', 'O'], ['landmines', 'O'],
  ])('%s → %s', (risk, indicator) => expect(indicatorFor(risk)).toBe(indicator));

  it.each([
    ['U.S. citizens in Russia should leave immediately.', true],
    ['Citizens should depart Lebanon on commercial flights as soon as possible.', true],
    ['Leave now while flights remain available.', true],
    ['You should leave the country immediately.', true],
    ['If you wish to leave Russia, you should make your own travel plans.', false],
    ['Exercise normal precautions in Australia.', false],
  ])('%s → %s', (text, urged) => expect(urgesDeparture(text)).toBe(urged));
});
