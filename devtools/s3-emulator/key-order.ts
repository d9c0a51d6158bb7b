/**
 * S3 lists keys in UTF-8 binary order. JavaScript compares strings by UTF-16 code unit, which differs
 * from code point (= UTF-8 byte) order only between surrogates (U+D800–DFFF, used for code points above
 * U+FFFF) and U+E000–U+FFFF. Remapping those two ranges while comparing gives UTF-8 order without
 * encoding anything.
 */

function fixup(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return fixup(x) - fixup(y);
  }
  return a.length - b.length;
}

/** First index whose key is >= `key` (or > `key` when `strict`). */
export function lowerBound(keys: readonly string[], key: string, strict = false, from = 0): number {
  let lo = from;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareUtf8(keys[mid]!, key);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index at or after `from` whose key does not start with `prefix` (keys[from] must start with it). */
export function endOfPrefix(keys: readonly string[], prefix: string, from: number): number {
  let lo = from;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A set of keys kept sorted in UTF-8 order. Keys added in order are appended; others wait in a pending
 * list that is sorted and merged once, at the next read, so loading 100,000 keys in any order costs one
 * sort rather than 100,000 array insertions.
 */
export class SortedKeys {
  private keys: string[] = [];
  private pending: string[] = [];

  get size(): number {
    return this.keys.length + this.pending.length;
  }

  /** Adds a key the caller knows is not present yet. */
  add(key: string): void {
    const last = this.keys[this.keys.length - 1];
    if (this.pending.length === 0 && (last === undefined || compareUtf8(key, last) > 0)) this.keys.push(key);
    else this.pending.push(key);
  }

  delete(key: string): void {
    const at = lowerBound(this.keys, key);
    if (this.keys[at] === key) {
      this.keys.splice(at, 1);
      return;
    }
    const p = this.pending.indexOf(key);
    if (p >= 0) this.pending.splice(p, 1);
  }

  /** The keys in order. The array is shared: do not modify it, and do not keep it across writes. */
  view(): readonly string[] {
    if (this.pending.length > 0) this.merge();
    return this.keys;
  }

  private merge(): void {
    const add = this.pending.sort(compareUtf8);
    this.pending = [];
    const out: string[] = new Array(this.keys.length + add.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.keys.length && j < add.length) {
      out[k++] = compareUtf8(this.keys[i]!, add[j]!) <= 0 ? this.keys[i++]! : add[j++]!;
    }
    while (i < this.keys.length) out[k++] = this.keys[i++]!;
    while (j < add.length) out[k++] = add[j++]!;
    this.keys = out;
  }
}
