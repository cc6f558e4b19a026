/**
 * A least-recently-used map bounded by a total weight (entries, or bytes when `weigh` says so). Per-isolate caches
 * use it so a long-lived isolate's memory stays flat however many distinct keys it has seen.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, { value: V; weight: number }>();
  #total = 0;

  readonly capacity: number;
  readonly weigh: (value: V) => number;

  constructor(capacity: number, weigh: (value: V) => number = () => 1) {
    this.capacity = capacity;
    this.weigh = weigh;
  }

  /** The value, marked as the most recently used. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    // Map keeps insertion order: re-inserting moves the entry to the young end.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** The value of `key`, made by `make` and stored when it is not held (a value may be null, never undefined). */
  through(key: K, make: (key: K) => V): V {
    const held = this.get(key);
    if (held !== undefined) return held;
    const value = make(key);
    this.set(key, value);
    return value;
  }

  /** Stores a value, evicting the least recently used entries until the total weight fits. */
  set(key: K, value: V): void {
    const old = this.#entries.get(key);
    if (old) {
      this.#entries.delete(key);
      this.#total -= old.weight;
    }
    const weight = this.weigh(value);
    this.#entries.set(key, { value, weight });
    this.#total += weight;
    for (const [oldest, entry] of this.#entries) {
      if (this.#total <= this.capacity || oldest === key) break;
      this.#entries.delete(oldest);
      this.#total -= entry.weight;
    }
  }

  /** How many entries are held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Their total weight. */
  get weight(): number {
    return this.#total;
  }
}
