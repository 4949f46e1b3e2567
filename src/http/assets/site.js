/* global document, location, URLSearchParams, navigator, window */
// Progressive enhancement for the search page: filters the full list of destinations as you type,
// and applies ?q= on a static host where no server reads it. Without this script the page still
// lists every destination and the form still searches on the live server.
(() => {
  const list = document.querySelector('[data-search-list]');
  const input = document.getElementById('q');
  const status = document.getElementById('search-status');
  if (!list || !input || !status) return;
  const items = [...list.children];
  // The status lines come from the page, in its language (data-* on the status, src/http/pages/search.ts).
  const lang = document.documentElement.lang || 'en';
  const plural = new Intl.PluralRules(lang);
  const number = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : lang);
  const say = (kind, count) => {
    const data = status.dataset;
    const template = kind === 'none' ? data.none : data[`${kind}${plural.select(count) === 'one' ? 'One' : 'Other'}`];
    return (template ?? '').replace('{count}', number.format(count)).replace('{query}', input.value.trim());
  };
  // Mirrors normaliseName in src/domain/destinations.ts.
  const normalise = (text) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/&/g, ' and ').replace(/\bst\.?\s/g, 'saint ').replace(/[^a-z0-9]+/g, ' ').replace(/^the /, '').trim();
  // Mirrors searchDestinations in src/site/search.ts: exact code, exact name, prefix, word prefix, substring.
  const rank = (item, wanted) => {
    const [alpha2, alpha3, ...names] = item.dataset.terms.split('|');
    if (alpha2 === wanted || alpha3 === wanted) return 0;
    let best = Infinity;
    for (const name of names) {
      const r = name === wanted ? 1 : name.startsWith(wanted) ? 2 : name.includes(` ${wanted}`) ? 3 : name.includes(wanted) ? 4 : Infinity;
      best = Math.min(best, r);
    }
    return best;
  };
  const apply = () => {
    const wanted = normalise(input.value);
    const ranked = items.map((item, order) => ({ item, order, rank: wanted ? rank(item, wanted) : 1 }));
    ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
    let shown = 0;
    for (const { item, rank: r } of ranked) {
      item.hidden = r === Infinity;
      if (!item.hidden) shown += 1;
      list.append(item);
    }
    status.textContent = !wanted ? say('count', items.length) : shown === 0 ? say('none', 0) : say('match', shown);
  };
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) input.value = initial.slice(0, 100);
  input.addEventListener('input', apply);
  if (initial) apply();
})();

// "Still current at" is rendered with the server's (UTC) day; a reader east or west of UTC sees
// their own day, in their own language's date format. Only a one-day shift is corrected: a page
// saved or exported long ago keeps the day it was true, never claiming to be current today.
// The other dates beside it ("Updated") are written in the same language, so the two never read
// "December 2, 2026" next to "2 December 2026".
(() => {
  const format = new Intl.DateTimeFormat(navigator.language || 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
  for (const other of document.querySelectorAll('.freshness time[datetime]:not([data-date])')) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(other.dateTime)) other.textContent = format.format(new Date(`${other.dateTime}T00:00:00Z`));
  }
  const stamp = document.querySelector('time[data-date="still-current"]');
  if (!stamp) return;
  const now = new Date();
  const local = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const shift = Math.abs(Date.parse(`${local}T00:00:00Z`) - Date.parse(`${stamp.dateTime}T00:00:00Z`));
  if (!(shift <= 86_400_000)) return;
  stamp.dateTime = local;
  stamp.textContent = new Intl.DateTimeFormat(navigator.language || 'en-GB', { dateStyle: 'long' }).format(now);
})();

// A destination's long sections are folded (<details class="fold">), closed in the HTML so that a
// phone's page is short without this script. On a wide screen they open; a link to a heading
// inside one (the contents, or a shared URL) opens it; printing opens them all (the print
// stylesheet prints them anyway).
(() => {
  const folds = [...document.querySelectorAll('details.fold')];
  if (folds.length === 0) return;
  if (window.matchMedia('(min-width: 52.01rem)').matches) for (const fold of folds) fold.open = true;
  const openTarget = () => {
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    const fold = target?.closest('details.fold');
    if (fold && !fold.open) {
      fold.open = true;
      target.scrollIntoView();
    }
  };
  window.addEventListener('hashchange', openTarget);
  window.addEventListener('beforeprint', () => {
    for (const fold of folds) fold.open = true;
  });
  openTarget();
})();
