/**
 * Which format a file is read as. Servers are not file formats: a contract may list many (S3, local,
 * Kafka, Postgres…). The format comes from `--format` when given; else from the file server whose
 * location or path matches the file; else from the file's extension; else from the one format the
 * contract's file servers agree on; else from the content. Whatever decided it, content that plainly is
 * another format (a Parquet magic number, an X12 interchange, binary data) is refused, never misread.
 */
import picomatch from "picomatch";
import { compressionFromKey } from "../formats/compression.ts";
import { type FileFormat, formatFromKey } from "../formats/file-format.ts";
import type { Sniffed } from "../formats/sniff.ts";
import type { Contract, ServerModel } from "./contract.model.ts";

export interface FormatChoice {
  format?: FileFormat;
  jsonDelimiter?: "new_line" | "array";
  /** Why: `--format`, `server "s3-orders"`, `the .csv extension`, `the contract's servers`, `the content`. */
  from: string;
  /** The server whose location matched the file. */
  server?: ServerModel;
  /** The matched server names a format driftwatch does not read (avro, delta…). */
  unsupported?: string;
}

/** The format the key and the contract say, before the content is seen. */
export function chooseFormat(contract: Contract, key: string, override?: FileFormat): FormatChoice {
  if (override !== undefined) return { format: override, from: "--format" };
  const inner = compressionFromKey(key)?.inner ?? key;
  const fromKey = formatFromKey(inner);
  const server = matchingServer(contract.servers, key, inner);
  if (server !== undefined) {
    const choice: FormatChoice = { from: `server "${server.name}"`, server };
    if (server.jsonDelimiter !== undefined) choice.jsonDelimiter = server.jsonDelimiter;
    if (server.format !== undefined) {
      // a .ndjson/.jsonl name is unambiguous even under a server that says json
      choice.format = server.format === "json" && fromKey === "ndjson" ? "ndjson" : server.format;
      return choice;
    }
    if (server.formatName !== undefined) {
      choice.unsupported = server.formatName;
      return choice;
    }
  }
  if (fromKey !== undefined) {
    const ext = inner.slice(inner.lastIndexOf(".") + 1);
    const delimiter = contract.jsonDelimiter;
    if (fromKey === "json" && delimiter === "new_line")
      return { format: "ndjson", jsonDelimiter: delimiter, from: `the .${ext} extension` };
    const choice: FormatChoice = { format: fromKey, from: `the .${ext} extension` };
    if (fromKey === "json" && delimiter !== undefined) choice.jsonDelimiter = delimiter;
    return choice;
  }
  if (contract.schemas.some((s) => s.x12Guide !== undefined))
    return { format: "x12", from: "the contract's X12 guide" };
  if (contract.format !== undefined) {
    const choice: FormatChoice = { format: contract.format, from: "the contract's servers" };
    if (contract.jsonDelimiter !== undefined) choice.jsonDelimiter = contract.jsonDelimiter;
    return choice;
  }
  return { from: "the content" };
}

/** The format when nothing but the content tells; undefined when the content cannot tell either. */
export function formatFromContent(sniffed: Sniffed): FileFormat | undefined {
  switch (sniffed.kind) {
    case "parquet":
    case "x12":
    case "json":
    case "csv":
      return sniffed.kind;
    default:
      return undefined;
  }
}

/** Why the content cannot be read as `format`, or undefined when it can (or cannot be told apart). */
export function contentMismatch(format: FileFormat, sniffed: Sniffed): string | undefined {
  const label = LABELS[format];
  if (sniffed.kind === "empty") return undefined;
  if (sniffed.kind === "binary" && format !== "parquet")
    return `the file holds binary data, not ${label} text`;
  if (sniffed.kind === "parquet" && format !== "parquet")
    return `the file is Parquet (it starts with the PAR1 magic number), not ${label}`;
  if (sniffed.kind === "x12" && format !== "x12")
    return `the file is an X12 interchange (it starts with ISA), not ${label}`;
  if (format === "parquet" && sniffed.kind !== "parquet") {
    const looks =
      sniffed.kind === "json"
        ? "JSON"
        : sniffed.kind === "x12"
          ? "X12"
          : sniffed.kind === "csv"
            ? "text"
            : "other data";
    return `the file is not Parquet (no PAR1 magic number at its start; it looks like ${looks})`;
  }
  return undefined;
}

const LABELS: Record<FileFormat, string> = {
  json: "JSON",
  ndjson: "NDJSON",
  csv: "CSV",
  parquet: "Parquet",
  x12: "X12",
};

/** The most specific file server whose location or path matches the key (compressed or not). */
export function matchingServer(
  servers: readonly ServerModel[],
  key: string,
  inner: string,
): ServerModel | undefined {
  let best: { server: ServerModel; score: number } | undefined;
  for (const server of servers) {
    if (!server.files || server.location === undefined) continue;
    const score = locationScore(server.location, key, inner);
    if (score > 0 && (best === undefined || score > best.score)) best = { server, score };
  }
  return best?.server;
}

/** 0 when the location does not match the key; higher for more specific locations (literal beats glob). */
function locationScore(location: string, key: string, inner: string): number {
  const pattern = stripLocation(location);
  if (pattern.length === 0) return 0;
  const glob = /[*?[{]/.test(pattern);
  const keys = [key, inner].map((k) => k.replace(/\\/g, "/").replace(/^\.\//, ""));
  if (!glob) {
    for (const k of keys) {
      if (k === pattern || k.endsWith(`/${pattern}`)) return 1000 + pattern.length;
      if (pattern.endsWith("/") && (k.startsWith(pattern) || k.includes(`/${pattern}`)))
        return 500 + pattern.length;
    }
    return 0;
  }
  const isMatch = picomatch(pattern, { dot: true });
  for (const k of keys) {
    const segments = k.split("/");
    // the location may be absolute (a bucket, a folder) while the key is relative, or the reverse
    for (let i = 0; i < segments.length; i++) {
      if (isMatch(segments.slice(i).join("/"))) return 100 + pattern.replace(/[*?[\]{}]/g, "").length;
    }
  }
  return 0;
}

/** `s3://bucket/orders/*.json` → `orders/*.json`; `./data/x.csv` → `data/x.csv`; `file:///tmp/a` → `tmp/a`. */
function stripLocation(location: string): string {
  let p = location.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(p);
  if (scheme !== null) {
    p = p.slice(scheme[0].length);
    // the first segment of an object store URI is the bucket (or the account host)
    if (!/^file:/i.test(scheme[0])) p = p.includes("/") ? p.slice(p.indexOf("/") + 1) : "";
  }
  return p.replace(/^\.\//, "").replace(/^\/+/, "");
}
