/* global document, fetch, URLSearchParams, AbortController, setTimeout, clearTimeout */
// Progressive enhancement for the trip form: "Region or city" suggests places from
// /api/v1/places as the traveller types (a datalist, so the keyboard and screen readers work as
// with any input), and choosing one fills an empty destination with its country. It never
// changes or clears what was typed; without this script the server still resolves the same names.
(() => {
  const countries = new Map([...document.querySelectorAll('#destination-names option')].map((o) => [o.textContent, o.value]));
  for (const input of document.querySelectorAll('input[data-places]')) {
    const list = document.getElementById(input.getAttribute('list'));
    const destination = document.getElementById(input.dataset.places);
    if (!list || !destination) continue;
    let timer;
    let pending;
    let offered = [];
    const label = (place) => `${place.name} — ${place.subdivision ?? place.country}, ${countries.get(place.country) ?? place.country}`;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const typed = input.value.trim();
      const chosen = offered.find((p) => label(p) === typed || p.name === typed);
      if (chosen) {
        // A suggestion was picked: keep the city's own name in the field and fill an empty country.
        if (label(chosen) === typed) input.value = chosen.name;
        if (!destination.value.trim()) destination.value = countries.get(chosen.country) ?? chosen.country;
        return;
      }
      if (typed.replace(/[^\p{L}\p{N}]/gu, '').length < 2) return;
      timer = setTimeout(async () => {
        pending?.abort();
        pending = new AbortController();
        try {
          const response = await fetch(`/api/v1/places?${new URLSearchParams({ q: typed, limit: '8' })}`, { signal: pending.signal });
          if (!response.ok) return;
          offered = await response.json();
          list.replaceChildren(...offered.map((place) => {
            const option = document.createElement('option');
            option.value = label(place);
            return option;
          }));
        } catch {
          // Offline or superseded by a newer keystroke: the field keeps working as a plain input.
        }
      }, 150);
    });
  }
})();
