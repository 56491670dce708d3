/*
 * The ledger's index of event ids. A `Map<string, …>` of a million ids is
 * slow to build: each time it grows it rehashes every key, reading the hash
 * back from each key string, and those strings lie all over the heap (a
 * cache miss apiece). This table keeps each id's 32-bit hash next to the
 * position it maps to, in one typed array, so growing it never touches a
 * string, and it can be sized for a whole batch before the batch is read.
 * An id string is read only to confirm a hash match.
 */

/**
 * A per-process seed: ids come from callers, and with a fixed hash a crafted set of ids
 * sharing one slot would make every lookup walk them all.
 */
const SEED = (Math.random() * 0x1_0000_0000) | 0;

/** FNV-1a over the UTF-16 code units of `s` from the seed, its bits mixed (slots are its low bits). */
function hashOf(s: string): number {
  let h = SEED ^ 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

const MIN_CAPACITY = 16;

/**
 * Positions (0, 1, …) by id, for ids that `idAt(position)` gives back: an
 * open-addressing table (linear probing, kept at most half full) of
 * `[position + 1, hash]` pairs, 0 marking a free slot.
 */
export class IdIndex {
  readonly #idAt: (position: number) => string;
  #table: Int32Array;
  #mask: number;
  #size = 0;
  /** Changes so far (adds, deletes, regrowths): a remembered miss holds only while this stays. */
  #changes = 0;
  /** The last id `get` missed, with its hash and the free slot that ended its probe. */
  #missId: string | undefined;
  #missHash = 0;
  #missSlot = 0;
  #missAt = -1;

  constructor(idAt: (position: number) => string) {
    this.#idAt = idAt;
    this.#table = new Int32Array(2 * MIN_CAPACITY);
    this.#mask = MIN_CAPACITY - 1;
  }

  get size(): number {
    return this.#size;
  }

  /** The position of `id`, or -1. */
  get(id: string): number {
    const table = this.#table;
    const mask = this.#mask;
    const h = hashOf(id);
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const p = table[2 * s] as number;
      if (p === 0) {
        // A ledger looks an event's id up and then adds it: the add may reuse this probe.
        this.#missId = id;
        this.#missHash = h;
        this.#missSlot = s;
        this.#missAt = this.#changes;
        return -1;
      }
      if (table[2 * s + 1] === h && this.#idAt(p - 1) === id) return p - 1;
    }
  }

  /** Records `id` at `position`; the id must not be in the index yet. */
  add(id: string, position: number): void {
    this.reserve(this.#size + 1);
    if (id === this.#missId && this.#missAt === this.#changes) {
      // Nothing changed since `get(id)` missed: its free slot is where the probe would end again.
      this.#table[2 * this.#missSlot] = position + 1;
      this.#table[2 * this.#missSlot + 1] = this.#missHash;
    } else this.#put(hashOf(id), position + 1);
    this.#missId = undefined;
    this.#size += 1;
    this.#changes += 1;
  }

  /** Takes `id` out (backward-shift deletion: no tombstones, probes stay short). */
  delete(id: string): void {
    const table = this.#table;
    const mask = this.#mask;
    const h = hashOf(id);
    let s = h & mask;
    for (; ; s = (s + 1) & mask) {
      const p = table[2 * s] as number;
      if (p === 0) return;
      if (table[2 * s + 1] === h && this.#idAt(p - 1) === id) break;
    }
    // Move back every later entry of the run that may sit in the freed slot.
    for (let j = (s + 1) & mask; table[2 * j] !== 0; j = (j + 1) & mask) {
      const home = (table[2 * j + 1] as number) & mask;
      // Entry j may move to s unless its home lies cyclically in (s, j].
      if (s <= j ? home > s && home <= j : home > s || home <= j) continue;
      table[2 * s] = table[2 * j] as number;
      table[2 * s + 1] = table[2 * j + 1] as number;
      s = j;
    }
    table[2 * s] = 0;
    table[2 * s + 1] = 0;
    this.#size -= 1;
    this.#changes += 1;
  }

  /** Makes room for `count` ids in all, so that adding up to that many never regrows the table. */
  reserve(count: number): void {
    let capacity = this.#mask + 1;
    if (2 * count <= capacity) return;
    while (2 * count > capacity) capacity *= 2;
    const old = this.#table;
    this.#changes += 1;
    this.#table = new Int32Array(2 * capacity);
    this.#mask = capacity - 1;
    for (let s = 0; s < old.length; s += 2) if (old[s] !== 0) this.#put(old[s + 1] as number, old[s] as number);
  }

  #put(h: number, p: number): void {
    const table = this.#table;
    const mask = this.#mask;
    let s = h & mask;
    while (table[2 * s] !== 0) s = (s + 1) & mask;
    table[2 * s] = p;
    table[2 * s + 1] = h;
  }
}
