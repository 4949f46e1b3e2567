import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/translator.ts';
import { html } from './html.ts';
import { languageMenu, message } from './html-messages.ts';

describe('message', () => {
  it('escapes plain arguments and keeps markup arguments', () => {
    expect(message(translator('fr'), 'common.level', { level: html`<strong>4</strong>` }).value).toBe('Niveau <strong>4</strong>');
    expect(message(translator('en'), 'common.level', { level: '<b>' }).value).toBe('Level &lt;b&gt;');
  });
});

describe('languageMenu', () => {
  it('links the same page in every language, keeping its query', () => {
    const menu = languageMenu(translator('fr'), '/search?q=moscow&lang=fr').value;
    expect(menu).toContain('href="/search?q=moscow&amp;lang=en" lang="en" hreflang="en">English');
    expect(menu).toContain('href="/search?q=moscow&amp;lang=fr" lang="fr" hreflang="fr" aria-current="true">Français');
    expect(menu).toContain('aria-label="Choisir une langue"');
  });
});
