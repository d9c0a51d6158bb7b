/**
 * Documents derived from a valid contract, one change each: a field removed, an unknown field added, a
 * value of the wrong type. Each comes with the path it changed, so a refusal can be checked to name it.
 */

export type Change = "removed" | "added" | "wrong-type";

export interface Derived {
  change: Change;
  path: Array<string | number>;
  doc: unknown;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A value of another JSON type than `value`. */
function wrongType(value: unknown): unknown {
  if (typeof value === "string") return 12345;
  if (typeof value === "number") return "a string";
  if (typeof value === "boolean") return "yes";
  if (Array.isArray(value)) return "a string";
  if (isObject(value)) return null;
  return { unexpected: "object" };
}

function setAt(
  root: unknown,
  path: Array<string | number>,
  edit: (holder: Json | unknown[], key: string | number) => void,
): unknown {
  const copy = structuredClone(root);
  let holder: unknown = copy;
  for (let i = 0; i < path.length - 1; i++) holder = (holder as Record<string | number, unknown>)[path[i]!];
  edit(holder as Json | unknown[], path[path.length - 1]!);
  return copy;
}

/** Every object and value position of the document, depth first. */
function* positions(
  value: unknown,
  path: Array<string | number> = [],
): Generator<{ path: Array<string | number>; value: unknown }> {
  yield { path, value };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* positions(value[i], [...path, i]);
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) yield* positions(v, [...path, k]);
  }
}

/**
 * Single-change documents of `doc`, made one at a time: at most `limit` of each kind, spread evenly over
 * the document's positions.
 */
export function* derive(doc: unknown, limit = 120): Generator<Derived> {
  const all = [...positions(doc)];
  const objects = all.filter((p) => isObject(p.value));
  const named = all.filter((p) => typeof p.path[p.path.length - 1] === "string");
  const values = all.filter((p) => p.path.length > 0);
  for (const { path } of spread(named, limit)) {
    yield {
      change: "removed",
      path,
      doc: setAt(doc, path, (h, k) => {
        delete (h as Json)[k as string];
      }),
    };
  }
  for (const { path } of spread(objects, limit)) {
    yield {
      change: "added",
      path: [...path, "xDriftwatchUnknown"],
      doc: setAt(doc, [...path, "xDriftwatchUnknown"], (h) => {
        (h as Json).xDriftwatchUnknown = "not in the standard";
      }),
    };
  }
  for (const { path, value } of spread(values, limit)) {
    yield {
      change: "wrong-type",
      path,
      doc: setAt(doc, path, (h, k) => {
        (h as Record<string | number, unknown>)[k] = wrongType(value);
      }),
    };
  }
}

function spread<T>(list: T[], limit: number): T[] {
  if (list.length <= limit) return list;
  const step = list.length / limit;
  return Array.from({ length: limit }, (_, i) => list[Math.floor(i * step)]!);
}
