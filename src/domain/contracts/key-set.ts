/**
 * A set of keys for duplicate detection that stores a 64-bit hash of each key (8 bytes a slot, open
 * addressing, load ≤ 0.75) instead of the key itself: a million keys take 16 MiB instead of ~80 MiB of
 * strings. Two different keys share a hash with probability about n²/2⁶⁵ (≈ 5·10⁻⁸ for a million keys),
 * the price of bounded memory: such a pair would be reported as a duplicate.
 */

export class KeySet {
  #slots: Uint32Array;
  #mask: number;
  #size = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.#slots = new Uint32Array(capacity * 2);
    this.#mask = capacity - 1;
  }

  get size(): number {
    return this.#size;
  }

  /** Adds the key; returns false when it was already there. */
  add(key: string): boolean {
    hash(key);
    return this.#insert(H1, H2, true);
  }

  has(key: string): boolean {
    hash(key);
    const h1 = H1;
    const h2 = H2;
    const slots = this.#slots;
    for (let i = h1 & this.#mask; ; i = (i + 1) & this.#mask) {
      const a = slots[2 * i]!;
      const b = slots[2 * i + 1]!;
      if (a === 0 && b === 0) return false;
      if (a === h1 && b === h2) return true;
    }
  }

  #insert(h1: number, h2: number, count: boolean): boolean {
    const slots = this.#slots;
    let i = h1 & this.#mask;
    for (;;) {
      const a = slots[2 * i]!;
      const b = slots[2 * i + 1]!;
      if (a === 0 && b === 0) break;
      if (a === h1 && b === h2) return false;
      i = (i + 1) & this.#mask;
    }
    slots[2 * i] = h1;
    slots[2 * i + 1] = h2;
    if (count) {
      this.#size++;
      if (this.#size * 4 > (this.#mask + 1) * 3) this.#grow();
    }
    return true;
  }

  #grow(): void {
    const old = this.#slots;
    const capacity = (this.#mask + 1) * 2;
    this.#slots = new Uint32Array(capacity * 2);
    this.#mask = capacity - 1;
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i]!;
      const b = old[i + 1]!;
      if (a !== 0 || b !== 0) this.#insert(a, b, false);
    }
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.#slots.byteLength;
  }
}

// the two halves of the last hash (module state instead of a tuple: no allocation per key)
let H1 = 0;
let H2 = 0;

/** Two 32-bit hashes of a key (FNV-1a and a multiplicative hash, each finalised), never both 0, into H1/H2. */
function hash(key: string): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= key.length;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  h1 = (h1 ^ (h1 >>> 16)) >>> 0;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x27d4eb2f);
  h2 = (h2 ^ (h2 >>> 15)) >>> 0;
  if (h1 === 0 && h2 === 0) h2 = 1; // (0, 0) marks an empty slot
  H1 = h1;
  H2 = h2;
}
