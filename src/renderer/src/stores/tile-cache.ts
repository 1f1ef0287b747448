/**
 * The tile caches' common part (recording-tiles.ts, review-beats.ts): promises of tiles kept
 * most recently used first, where the tiles a request lacks are loaded together — one call
 * per run of consecutive missing tiles instead of one per tile. A jump to a new place in a
 * record needs two or three tiles of each kind at once; on a loaded machine every extra
 * call costs its own main-thread work (the fetch, its answer, its parse), a place in the
 * browser's six connections per host (one of which the event stream holds), and its own
 * turn on the services, and the page waits for the slowest of them.
 *
 * A failed load is dropped from the cache (every tile of its run), so that the next request
 * retries it.
 */

/** Loads the tiles first … first + count − 1 with one call: resolves to one value per tile, in order. */
export type RunLoader<T> = (first: number, count: number) => Promise<T[]>;

/** Most-recently-used cache of tile promises, keyed by a kind (signals, an annotator's marks) and a tile index. */
export class TileCache<T> {
  private readonly entries = new Map<string, { kind: string; k: number; promise: Promise<T> }>();

  /** @param maxTiles tiles kept; the least recently used beyond it are dropped. */
  constructor(private readonly maxTiles: number) {}

  /**
   * The promises of tiles `ks` (ascending) of `kind`, from the cache where there; the
   * missing ones are loaded by `load`, one call per run of consecutive missing tiles of at
   * most `maxRun` tiles.
   */
  get(kind: string, ks: readonly number[], load: RunLoader<T>, maxRun = Infinity): Promise<T>[] {
    const out: (Promise<T> | null)[] = ks.map((k) => this.hit(kind, k));
    let i = 0;
    while (i < ks.length) {
      if (out[i] !== null) {
        i++;
        continue;
      }
      const start = i;
      while (i < ks.length && out[i] === null && i - start < maxRun && ks[i] === (ks[start] as number) + (i - start)) i++;
      const run = load(ks[start] as number, i - start);
      for (let j = start; j < i; j++) out[j] = this.insert(kind, ks[j] as number, run.then((values) => tileOf(values, j - start)));
    }
    this.evict();
    return out as Promise<T>[];
  }

  /** Keeps only the tiles for which `keep(kind, k)` holds. */
  retain(keep: (kind: string, k: number) => boolean): void {
    for (const [key, entry] of [...this.entries]) if (!keep(entry.kind, entry.k)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Tiles held (loaded or on their way). */
  get size(): number {
    return this.entries.size;
  }

  private hit(kind: string, k: number): Promise<T> | null {
    const key = `${kind}|${k}`;
    const entry = this.entries.get(key);
    if (!entry) return null;
    // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.promise;
  }

  private insert(kind: string, k: number, promise: Promise<T>): Promise<T> {
    const key = `${kind}|${k}`;
    this.entries.set(key, { kind, k, promise });
    promise.catch(() => {
      if (this.entries.get(key)?.promise === promise) this.entries.delete(key);
    });
    return promise;
  }

  private evict(): void {
    while (this.entries.size > this.maxTiles) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

function tileOf<T>(values: readonly T[], index: number): T {
  if (index >= values.length) throw new Error(`A tile run answered ${values.length} tiles; tile ${index} is missing.`);
  return values[index] as T;
}
