/** A file-system error as a person reads it: `no such file`, not `ENOENT: no such file or directory, open …`. */
export function fsReason(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "no such file";
    if (code === "EACCES" || code === "EPERM") return "permission denied";
    if (code === "EISDIR") return "it is a directory";
    if (code === "ENOTDIR") return "a part of the path is not a directory";
    return e.message;
  }
  return String(e);
}

/** `1 record`, `2 records`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
