/**
 * One page of a bucket listing over keys kept in UTF-8 order: prefix, delimiter (common prefixes),
 * a start position, a page size. Pure; costs O(log n + page) thanks to binary search, including the jump
 * over every key rolled into a common prefix.
 */
import { compareUtf8, endOfPrefix, lowerBound } from "./key-order.ts";

export interface ListRequest {
  prefix: string;
  delimiter?: string;
  maxKeys: number;
  /** List keys strictly after this one (S3 `start-after` / `marker`). */
  after?: string;
  /**
   * Resume after an item returned by an earlier page (key or common prefix): common prefixes at or
   * before it were already returned and are skipped as a whole.
   */
  resumeAfter?: string;
}

export interface ListPage {
  keys: string[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last item returned (key or common prefix); where the next page resumes. */
  last?: string;
}

export function listPage(sorted: readonly string[], req: ListRequest): ListPage {
  const { prefix, maxKeys } = req;
  const delimiter = req.delimiter === "" ? undefined : req.delimiter;
  const page: ListPage = { keys: [], commonPrefixes: [], isTruncated: false };
  if (maxKeys <= 0) return page;

  const marker = req.resumeAfter ?? req.after;
  let i = lowerBound(sorted, prefix);
  if (marker !== undefined && compareUtf8(marker, prefix) >= 0) i = lowerBound(sorted, marker, true, i);

  let count = 0;
  while (i < sorted.length) {
    const key = sorted[i]!;
    if (!key.startsWith(prefix)) break;
    const cut = delimiter === undefined ? -1 : key.indexOf(delimiter, prefix.length);
    if (cut >= 0) {
      const common = key.slice(0, cut + delimiter!.length);
      const next = endOfPrefix(sorted, common, i);
      if (req.resumeAfter !== undefined && compareUtf8(common, req.resumeAfter) <= 0) {
        i = next;
        continue;
      }
      if (count === maxKeys) {
        page.isTruncated = true;
        break;
      }
      page.commonPrefixes.push(common);
      page.last = common;
      count++;
      i = next;
      continue;
    }
    if (count === maxKeys) {
      page.isTruncated = true;
      break;
    }
    page.keys.push(key);
    page.last = key;
    count++;
    i++;
  }
  return page;
}

const TOKEN_VERSION = "dw1:";

/** An opaque continuation token naming the last item returned. */
export function encodeContinuationToken(last: string): string {
  return Buffer.from(TOKEN_VERSION + last, "utf8").toString("base64url");
}

/** The last item named by a token, or undefined when the token is not one of ours. */
export function decodeContinuationToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const text = Buffer.from(token, "base64url").toString("utf8");
  return text.startsWith(TOKEN_VERSION) ? text.slice(TOKEN_VERSION.length) : undefined;
}

/**
 * `encoding-type=url`: S3 form-encodes names (space as `+`), leaving letters, digits, `.-_*` and `/`
 * as they are. Clients decode with a form decoder (botocore: unquote_plus).
 */
export function s3UrlEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+")
    .replace(/%2F/g, "/");
}
