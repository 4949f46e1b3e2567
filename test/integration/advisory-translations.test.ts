import { describe, expect, it } from 'vitest';
import { ENGINES } from '../helpers/databases.ts';
import { formFields } from '../helpers/drafts.ts';
import { consoleGet, consolePost, consoleSignIn, editorialSuite } from '../helpers/editorial-setup.ts';

/**
 * Advisory translations (issue 16) end to end: written in the draft, refused when wrong with a 400
 * naming the field, frozen once approved (a change needs a new approval), published with the
 * revision; the page in French shows the translated summary and sections with lang attributes and
 * the untranslated section under a note; the API carries `lang` and `translations`.
 */
describe.each(ENGINES)('advisory translations on %s', (engine) => {
  const suite = editorialSuite(engine);
  const FRENCH = 'Ne vous rendez pas en Russie : risques de harcèlement et de détention arbitraire.';

  it('refuses bad translations with a 400 problem naming the field, and changes nothing', async () => {
    const { call, team } = suite;
    const created = await call('POST', '/api/v1/advisories/UA/drafts', team.editor.token, {});
    expect(created.statusCode, created.body).toBe(201);
    const { id, sections } = created.json() as { id: number; sections: { slug: string }[] };
    const CASES: [unknown, string][] = [
      ['fr', 'translations'],
      [{ de: { summary: 'Zusammenfassung' } }, 'translations.de'],
      [{ en: { summary: 'Summary' } }, 'translations.en'],
      [{ fr: { summary: 'Résumé', sections: { 'no-such-section': 'Texte' } } }, 'translations.fr.sections.no-such-section'],
      [{ fr: { sections: { [sections[0]!.slug]: 'Texte' } } }, 'translations.fr.summary'],
      [{ fr: { summary: 'x'.repeat(20_001) } }, 'translations.fr.summary'],
      [{ fr: { summary: 'Résumé', lang: 'fr' } }, 'translations.fr.lang'],
    ];
    for (const [translations, field] of CASES) {
      const response = await call('PATCH', `/api/v1/drafts/${id}`, team.editor.token, { translations }, { 'if-match': created.headers.etag as string });
      expect(response.statusCode, JSON.stringify(translations)).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const after = await call('GET', `/api/v1/drafts/${id}`, team.editor.token);
    expect(after.json()).toMatchObject({ version: 1, translations: {} });
    const row = await suite.store.db.selectFrom('drafts').select('translations').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.translations).toBeNull();
  });

  it('a French translation goes through review and publication; a change after approval needs a new approval; page and API in French', async () => {
    const { call, team, app } = suite;
    const before = (await app.inject('/api/v1/advisories/RU')).json() as { revision: number; summary: string; sections: { slug: string; title: string; body: string }[] };
    expect(before.sections.length).toBeGreaterThanOrEqual(2);
    const [first, second] = before.sections as [typeof before.sections[0], typeof before.sections[0]];

    const created = await call('POST', '/api/v1/advisories/RU/drafts', team.editor.token, {});
    const id = created.json().id as number;
    const translations = { fr: { summary: FRENCH, sections: { [first.slug]: { title: 'Section traduite', body: 'Texte **traduit** de la première section.' } } } };
    const saved = await call('PATCH', `/api/v1/drafts/${id}`, team.editor.token, { translations, changeType: 'minor', changeNote: 'French translation.' }, { 'if-match': created.headers.etag as string });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ translations, derivedChangeType: 'minor', contributors: [{ email: 'editor@example.org' }] });

    // Submitted, then changed again: the reviewer's approval of the version they read is refused.
    expect((await call('POST', `/api/v1/drafts/${id}/submit`, team.editor.token)).statusCode).toBe(200);
    const read = await call('GET', `/api/v1/drafts/${id}`, team.reviewer.token);
    const edited = await call('PATCH', `/api/v1/drafts/${id}`, team.editor.token, { translations: { fr: { ...translations.fr, summary: `${FRENCH} Voir aussi ci-dessous.` } } }, { 'if-match': read.headers.etag as string });
    expect([edited.statusCode, edited.json().version]).toEqual([200, read.json().version + 1]);
    const stale = await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token, undefined, { 'if-match': read.headers.etag as string });
    expect(stale.statusCode).toBe(412);
    const approved = await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token, undefined, { 'if-match': edited.headers.etag as string });
    expect(approved.json()).toMatchObject({ status: 'approved' });

    // A translation edit after approval sends the draft back to review: it must be approved again before it can be published.
    const after = await call('PATCH', `/api/v1/drafts/${id}`, team.editor.token, { translations }, { 'if-match': approved.headers.etag as string });
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json()).toMatchObject({ status: 'submitted', approvedBy: null, approvedVersion: null, translations });
    expect((await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, {})).statusCode).toBe(409);
    expect((await call('GET', '/api/v1/advisories/RU', null)).json().revision).toBe(before.revision);
    expect((await call('POST', `/api/v1/drafts/${id}/approve`, team.reviewer.token, undefined, { 'if-match': after.headers.etag as string })).statusCode).toBe(200);
    const published = await call('POST', `/api/v1/drafts/${id}/publish`, team.reviewer.token, {});
    expect(published.statusCode, published.body).toBe(200);

    // API: ?lang= and Accept-Language choose; `lang` says what came; `translations` what exists.
    const french = await app.inject('/api/v1/advisories/RU?lang=fr');
    expect(french.headers.vary).toMatch(/accept-language/i);
    expect(french.json()).toMatchObject({ revision: before.revision + 1, lang: 'fr', translations: ['fr'], summary: FRENCH });
    expect(french.json().sections.slice(0, 2)).toEqual([
      { slug: first.slug, title: 'Section traduite', body: 'Texte **traduit** de la première section.' },
      { ...second, lang: 'en' },
    ]);
    const byHeader = await app.inject({ url: '/api/v1/advisories/rus', headers: { 'accept-language': 'fr-CA, en;q=0.5' } });
    expect(byHeader.json()).toMatchObject({ lang: 'fr', summary: FRENCH });
    const english = (await app.inject('/api/v1/advisories/RU')).json();
    expect(english).toMatchObject({ lang: 'en', translations: ['fr'], summary: before.summary });
    expect(english.sections[0]).toEqual(first);
    expect((await app.inject('/api/v1/advisories/RU?lang=de')).statusCode).toBe(400);
    const history = (await app.inject('/api/v1/advisories/RU/revisions?lang=fr')).json() as { lang: string; translations: string[] }[];
    expect(history.slice(0, 2).map((r) => [r.lang, r.translations])).toEqual([['fr', ['fr']], ['en', []]]);
    const list = (await app.inject('/api/v1/advisories?lang=fr&fields=code,lang,translations')).json() as { code: string; lang: string }[];
    expect(list.find((a) => a.code === 'RU')).toEqual({ code: 'RU', lang: 'fr', translations: ['fr'] });
    expect(list.find((a) => a.code === 'FR')).toEqual({ code: 'FR', lang: 'en', translations: [] });

    // The page in French: translated blocks say lang="fr"; the untranslated section is the original under a note.
    const page = (await app.inject('/destinations/russia/?lang=fr')).body;
    expect(page).toContain('<div class="prose" lang="fr"><p>Ne vous rendez pas en Russie');
    expect(page).toContain(`<h2 id="${first.slug}" lang="fr">Section traduite</h2>`);
    expect(page).toContain(`<h2 id="${second.slug}" lang="en">`);
    const untranslated = page.slice(page.indexOf(`<h2 id="${second.slug}"`));
    expect(untranslated.slice(0, untranslated.indexOf('</details>'))).toContain('<p class="translation-note" lang="fr">Ce texte n’est pas encore disponible en français');
    const englishPage = (await app.inject('/destinations/russia/')).body;
    expect(englishPage).not.toContain('Section traduite');
    expect(englishPage).not.toContain('translation-note');
    // A destination with no translation, read in French: the original, all under the note.
    const france = (await app.inject({ url: '/destinations/france/', headers: { 'accept-language': 'fr' } })).body;
    expect(france).toContain('<p class="translation-note" lang="fr">Ce texte n’est pas encore disponible en français');

    // The Atom feed says the language of each entry's text.
    const atom = (await app.inject('/feeds/advisories/RU.atom')).body;
    expect(atom).toContain('<entry xml:lang="en">');
    expect(atom).not.toMatch(/<entry>/);
  });

  it('the console editor writes a translation through the same rules; a new draft starts from the published one', async () => {
    const { app, team } = suite;
    const editor = await consoleSignIn(app, 'editor2@example.org');
    const created = await suite.call('POST', '/api/v1/advisories/RU/drafts', team.editor2.token, {});
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const [first, second] = created.json().sections as { slug: string }[];
    const form = await consoleGet(app, editor, `/console/drafts/${id}/edit`);
    expect(form.body).toContain('<h2>Translations</h2>');
    const fields = formFields(form.body);
    expect(fields).toMatchObject({ tr_fr_summary: FRENCH, [`tr_fr_s_${first!.slug}_title`]: 'Section traduite', [`tr_fr_s_${second!.slug}_body`]: '' });

    const refused = await consolePost(app, editor, `/console/drafts/${id}`, { ...fields, tr_fr_summary: ' ' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('translate the summary first');
    expect((await suite.call('GET', `/api/v1/drafts/${id}`, team.editor2.token)).json().version).toBe(1);

    const saved = await consolePost(app, editor, `/console/drafts/${id}`, { ...fields, tr_fr_summary: 'Soyez prudents.', [`tr_fr_s_${second!.slug}_body`]: 'Texte traduit.' });
    expect(saved.statusCode, saved.body).toBe(303);
    const draft = (await suite.call('GET', `/api/v1/drafts/${id}`, team.editor2.token)).json();
    expect(draft.translations).toEqual({ fr: { summary: 'Soyez prudents.', sections: {
      [first!.slug]: { title: 'Section traduite', body: 'Texte **traduit** de la première section.' },
      [second!.slug]: { body: 'Texte traduit.' },
    } } });
    expect((await consoleGet(app, editor, `/console/drafts/${id}/edit`)).body).toContain('>Soyez prudents.</textarea>');
  });
});
