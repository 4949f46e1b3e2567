/**
 * Keeps what the public site derives from the published advisories (the map, rendered pages,
 * feeds) until the next publication. Each value is tied to a publication stamp: when a request
 * sees a new stamp, everything built for the old one is dropped and rebuilt on demand, so every
 * web process notices a publication made by any other process without a message bus.
 */
export class PublicationCache {
  #stamp: string | undefined;
  #entries = new Map<string, Promise<unknown>>();
  readonly #maxEntries: number;

  constructor(maxEntries = 2000) {
    this.#maxEntries = maxEntries;
  }

  get<T>(stamp: string, key: string, build: () => Promise<T>): Promise<T> {
    if (stamp !== this.#stamp) {
      this.#stamp = stamp;
      this.#entries.clear();
    }
    const cached = this.#entries.get(key);
    if (cached) return cached as Promise<T>;
    const value = build();
    this.#entries.set(key, value);
    // A failed build is not remembered: the next request tries again.
    value.catch(() => this.#entries.get(key) === value && this.#entries.delete(key));
    // Revision pages are the only open-ended set; past the bound, forget the oldest entry.
    if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }
}
