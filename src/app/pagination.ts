/**
 * Cursor pagination: a cursor is the sort key of the last item of a page, base64url-encoded, opaque to
 * clients. Pages are fetched with `limit + 1` rows to know whether there is a next one.
 */
import { badRequest } from "./errors.ts";

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

export function parseCursor(cursor: string | undefined): string[] | undefined {
  if (!cursor) return undefined;
  try {
    const parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parts) && parts.every((p) => typeof p === "string")) return parts;
  } catch {}
  throw badRequest(
    "request.invalid_cursor",
    "query.cursor is not a cursor this API issued.",
    "Pass `next_cursor` from the previous page unchanged, or leave it out for the first page.",
  );
}

export function pageOf<T>(rows: T[], limit: number, key: (item: T) => string[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
