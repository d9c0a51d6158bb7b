/**
 * Reading the SigV4 parameters out of a request: the `Authorization` header, or the `X-Amz-*` query
 * parameters of a presigned URL. No crypto here; see sigv4.verify.ts.
 */
import type { HeaderBag, QueryBag, SigV4Failure } from "./sigv4.types.ts";

export const ALGORITHM = "AWS4-HMAC-SHA256";

export interface AuthParams {
  presigned: boolean;
  accessKeyId: string;
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** Presigned URLs only: lifetime in seconds. */
  expiresSeconds?: number;
  /** Presigned URLs carry the token and the date in the query. */
  queryToken?: string;
  queryDate?: string;
}

export type ParsedAuth = { kind: "signed"; params: AuthParams } | { kind: "anonymous" } | SigV4Failure;

export function failure(
  status: number,
  code: string,
  message: string,
  details: Record<string, string> = {},
): SigV4Failure {
  return { ok: false, status, code, message, details };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Splits a raw query string into decoded parameters. `+` stays a literal plus (SigV4 clients encode a
 * space as %20), a parameter without `=` gets the empty value, repeated names become arrays.
 */
export function parseQueryString(raw: string): QueryBag {
  const out: QueryBag = Object.create(null) as QueryBag;
  if (raw === "") return out;
  for (const part of raw.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? "" : safeDecode(part.slice(eq + 1));
    const prev = out[name];
    if (prev === undefined) out[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[name] = [prev, value];
  }
  return out;
}

/** Lower-cased header names; repeated headers joined by a comma as the canonical form wants. */
export function normaliseHeaders(headers: HeaderBag): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const v = Array.isArray(value) ? value.join(",") : value;
    const lower = name.toLowerCase();
    const prev = out.get(lower);
    out.set(lower, prev === undefined ? v : `${prev},${v}`);
  }
  return out;
}

export function firstQueryValue(query: QueryBag, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[0] : v;
}

const CREDENTIAL_SHAPE = '"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request"';

function parseCredential(
  value: string,
  presigned: boolean,
): { ok: true; accessKeyId: string; scopeDate: string; region: string; service: string } | SigV4Failure {
  const parts = value.split("/");
  const [accessKeyId, scopeDate, region, service, terminator] = parts;
  if (
    parts.length !== 5 ||
    !accessKeyId ||
    !scopeDate ||
    !/^\d{8}$/.test(scopeDate) ||
    !region ||
    !service ||
    terminator !== "aws4_request"
  ) {
    return presigned
      ? failure(
          400,
          "AuthorizationQueryParametersError",
          `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting ${CREDENTIAL_SHAPE}.`,
        )
      : failure(
          400,
          "AuthorizationHeaderMalformed",
          `The authorization header is malformed; the Credential is mal-formed; expecting ${CREDENTIAL_SHAPE}.`,
        );
  }
  return { ok: true, accessKeyId, scopeDate, region, service };
}

function parseHeaderAuth(value: string): ParsedAuth {
  const space = value.indexOf(" ");
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return failure(
      400,
      "InvalidRequest",
      `The authorization mechanism you have provided is not supported. Please use ${ALGORITHM}.`,
    );
  }
  const fields = new Map<string, string>();
  for (const piece of value.slice(space + 1).split(",")) {
    const trimmed = piece.trim();
    const eq = trimmed.indexOf("=");
    if (eq > 0) fields.set(trimmed.slice(0, eq), trimmed.slice(eq + 1));
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    const missing = ["Credential", "SignedHeaders", "Signature"].filter((f) => !fields.has(f));
    return failure(
      400,
      "AuthorizationHeaderMalformed",
      `The authorization header is malformed; missing ${missing.join(", ")}.`,
    );
  }
  const cred = parseCredential(credential, false);
  if (!cred.ok) return cred;
  return {
    kind: "signed",
    params: {
      presigned: false,
      accessKeyId: cred.accessKeyId,
      scopeDate: cred.scopeDate,
      region: cred.region,
      service: cred.service,
      signedHeaders: signedHeaders.split(";").filter((h) => h !== ""),
      signature,
    },
  };
}

function parseQueryAuth(query: QueryBag): ParsedAuth {
  const algorithm = firstQueryValue(query, "X-Amz-Algorithm");
  if (algorithm !== ALGORITHM) {
    return failure(400, "AuthorizationQueryParametersError", `X-Amz-Algorithm only supports "${ALGORITHM}".`);
  }
  const credential = firstQueryValue(query, "X-Amz-Credential");
  const signedHeaders = firstQueryValue(query, "X-Amz-SignedHeaders");
  const signature = firstQueryValue(query, "X-Amz-Signature");
  const date = firstQueryValue(query, "X-Amz-Date");
  const expires = firstQueryValue(query, "X-Amz-Expires");
  if (!credential || !signedHeaders || !signature || !date || !expires) {
    return failure(
      400,
      "AuthorizationQueryParametersError",
      "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
    );
  }
  const expiresSeconds = Number(expires);
  if (!Number.isInteger(expiresSeconds) || expiresSeconds < 0 || expiresSeconds > 604_800) {
    return failure(
      400,
      "AuthorizationQueryParametersError",
      "X-Amz-Expires must be non-negative and less than a week (604800 seconds).",
    );
  }
  const cred = parseCredential(credential, true);
  if (!cred.ok) return cred;
  const params: AuthParams = {
    presigned: true,
    accessKeyId: cred.accessKeyId,
    scopeDate: cred.scopeDate,
    region: cred.region,
    service: cred.service,
    signedHeaders: signedHeaders.split(";").filter((h) => h !== ""),
    signature,
    expiresSeconds,
    queryDate: date,
  };
  const token = firstQueryValue(query, "X-Amz-Security-Token");
  if (token !== undefined) params.queryToken = token;
  return { kind: "signed", params };
}

export function parseAuth(headers: Map<string, string>, query: QueryBag): ParsedAuth {
  const header = headers.get("authorization");
  const hasQueryAuth = firstQueryValue(query, "X-Amz-Algorithm") !== undefined;
  if (header !== undefined && hasQueryAuth) {
    return failure(
      400,
      "InvalidArgument",
      "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
    );
  }
  if (header !== undefined) return parseHeaderAuth(header);
  if (hasQueryAuth) return parseQueryAuth(query);
  return { kind: "anonymous" };
}

/** `20240102T030405Z` → Date, or undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}
