/** Reading the first bytes of a stream without losing them: the stream replays them to its reader. */

export interface Peeked {
  /** The first bytes (fewer when the stream is shorter). */
  head: Uint8Array;
  /** The whole stream, the peeked bytes included. */
  chunks: AsyncIterable<Uint8Array>;
}

/** Takes at least `want` bytes off the front of `source` (or all of it, when shorter). */
export async function peek(source: AsyncIterable<Uint8Array>, want: number): Promise<Peeked> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < want) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    if (next.value.length === 0) continue;
    taken.push(next.value);
    size += next.value.length;
  }
  const head = taken.length === 1 ? taken[0]! : join(taken, size);
  const chunks: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      if (head.length > 0) yield head;
      if (done) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    },
  };
  return { head, chunks };
}

function join(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
