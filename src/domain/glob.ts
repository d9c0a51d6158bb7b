import picomatch from "picomatch";

/**
 * Which keys a connection watches. A pattern without `/` matches the file name (`*.json`, `850_*.json`); a
 * pattern with `/` matches the key relative to the prefix (`*\/orders/*.csv`). Dot-files match like any
 * other name, and matching is case-sensitive, as S3 keys are.
 */
export interface KeyMatcher {
  /** The ListObjectsV2 prefix: the connection's prefix plus the literal directories at the pattern's start. */
  listPrefix: string;
  matches(key: string): boolean;
}

export class GlobError extends Error {
  readonly code = "connection.file_pattern_invalid";
}

export function validateGlob(pattern: string): void {
  if (pattern.length === 0 || pattern.length > 512)
    throw new GlobError("file_pattern must be 1–512 characters");
  if (pattern.startsWith("/"))
    throw new GlobError("file_pattern is relative to the prefix: drop the leading /");
  try {
    picomatch.makeRe(pattern, { dot: true, strictBrackets: true });
  } catch (err) {
    throw new GlobError(`file_pattern is not a valid glob: ${(err as Error).message}`);
  }
}

export function keyMatcher(prefix: string, pattern: string): KeyMatcher {
  validateGlob(pattern);
  const isMatch = picomatch(pattern, { dot: true });
  if (!pattern.includes("/")) {
    return {
      listPrefix: prefix,
      matches: (key) => key.startsWith(prefix) && isMatch(key.slice(key.lastIndexOf("/") + 1)),
    };
  }
  // literal leading directories narrow the listing ("daily/orders/*.csv" lists prefix + "daily/orders/")
  const firstGlob = pattern.search(/[*?[{(!+@]/);
  const literal = firstGlob === -1 ? pattern : pattern.slice(0, firstGlob);
  const literalDirs = literal.slice(0, literal.lastIndexOf("/") + 1);
  return {
    listPrefix: prefix + literalDirs,
    matches: (key) => key.startsWith(prefix) && isMatch(key.slice(prefix.length)),
  };
}
