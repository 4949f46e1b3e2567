import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PeerSource } from './peer-levels.ts';
import { departureDirective } from './peer-departure.ts';

const DIRECTIVES: [PeerSource, string][] = [
  ['uk-fcdo', 'British nationals in Lebanon should leave now while commercial options remain available.'],
  ['uk-fcdo', 'If you’re in Sudan, you should leave by any available means.'],
  ['uk-fcdo', 'FCDO advises British nationals to leave the country.'],
  ['uk-fcdo', 'We urge you to leave by commercial means.'],
  ['canada', 'If you are in Lebanon, you should leave by commercial means while they are still available.'],
  ['canada', 'Canadians in Haiti are strongly encouraged to leave the country.'],
  ['canada', 'You must leave immediately.'],
  ['us-state-dept', 'U.S. citizens in Russia should leave immediately.'],
];

const NOT_DIRECTIVES: [PeerSource, string][] = [
  // Both from the UK sample (Turkey): a local place, and the trip home.
  ['uk-fcdo', 'You should avoid all demonstrations and leave the area if one develops.'],
  ['uk-fcdo', 'You should carry this form with you in Turkey and present it to the border officers when you leave.'],
  ['uk-fcdo', 'If you’re employed at a university, you should check with your employer directly before taking leave.'],
  // Canada's sample (Trinidad and Tobago).
  ['canada', 'Never leave personal belongings, such as money, credit cards, cell phones and other electronics, unattended.'],
  ['canada', 'If you are in a crowd, you should leave the area.'],
  ['canada', 'Avoid all travel to Lebanon.'],
  // A UK sentence under Canada's rule names the wrong citizens; the shared patterns still hold.
  ['canada', 'British nationals in Lebanon should consider their plans.'],
];

describe('departureDirective', () => {
  it.each(DIRECTIVES)('%s: "%s" is a departure directive', (source, text) => {
    expect(departureDirective(source, [text])).toBe(text);
  });

  it.each(NOT_DIRECTIVES)('%s: "%s" is not', (source, text) => {
    expect(departureDirective(source, [text])).toBeNull();
  });

  it('names the citizens of its own source only', () => {
    expect(departureDirective('uk-fcdo', ['Canadians in Haiti should leave.'])).toBeNull();
    expect(departureDirective('canada', ['Canadians in Haiti should leave.'])).toBe('Canadians in Haiti should leave.');
  });

  it('finds the sentence inside Markdown sections and gives it back alone', () => {
    const body = '## Summary\n\nThe situation is **volatile**. If you are in Niger, you should leave now. Flights are limited.';
    expect(departureDirective('uk-fcdo', ['No mention here.', body])).toBe('If you are in Niger, you should leave now.');
  });

  it('finds none in the sample documents, which carry no departure directive', () => {
    for (const [source, file] of [['uk-fcdo', 'uk-fcdo/example-alt-country.json'], ['uk-fcdo', 'uk-fcdo/example-full-country.json'], ['canada', 'canada/cta-cap-tt-2026-09-24.json'], ['canada', 'canada/cta-cap-fr-2026-10-05.json']] as const) {
      const text = readFileSync(new URL(`../../test/fixtures/${file}`, import.meta.url), 'utf8').replace(/<[^>]+>/g, ' ').replace(/\\u2019/g, '’');
      expect(departureDirective(source, [text]), file).toBeNull();
    }
  });
});
