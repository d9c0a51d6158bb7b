/** File formats driftwatch reads, and how a file name tells which one a file is. */

export const FILE_FORMATS = ["json", "ndjson", "csv", "parquet", "x12"] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export function isFileFormat(value: unknown): value is FileFormat {
  return typeof value === "string" && (FILE_FORMATS as readonly string[]).includes(value);
}

const BY_EXTENSION: Record<string, FileFormat> = {
  json: "json",
  ndjson: "ndjson",
  jsonl: "ndjson",
  csv: "csv",
  tsv: "csv",
  parquet: "parquet",
  pq: "parquet",
  edi: "x12",
  x12: "x12",
};

/** Format named by a server entry (`edi` is X12, `jsonl` is NDJSON); undefined when unknown. */
export function formatFromName(name: string): FileFormat | undefined {
  const lower = name.trim().toLowerCase();
  if (isFileFormat(lower)) return lower;
  if (lower === "edi") return "x12";
  if (lower === "jsonl" || lower === "json_lines" || lower === "jsonlines") return "ndjson";
  return undefined;
}

/** Format from the key's extension (compressed files are not read: `.gz` tells nothing). */
export function formatFromKey(key: string): FileFormat | undefined {
  const base = key.split("/").pop() ?? key;
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const ext = base.slice(dot + 1).toLowerCase();
  if (/^\d{3}$/.test(ext)) return "x12"; // 850, 810, 856...: transaction set numbers used as extensions
  return BY_EXTENSION[ext];
}
