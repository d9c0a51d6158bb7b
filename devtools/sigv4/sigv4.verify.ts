/**
 * Server-side verification of AWS Signature Version 4, for the emulators under devtools/.
 *
 * The canonical request, the string to sign and the signing key are computed by `@smithy/signature-v4`
 * (the code the SDK signs with), fed with exactly the headers the client listed in SignedHeaders; only
 * the final HMAC and the checks around it (key, token, time, region, payload hash) are ours. Error codes,
 * statuses and messages follow what AWS answers, so SDK error handling sees the same thing.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { getCanonicalHeaders, getSigningKey, SignatureV4 } from "@smithy/signature-v4";
import { Sha256, sha256Hex } from "./sha256.ts";
import {
  ALGORITHM,
  type AuthParams,
  failure,
  firstQueryValue,
  formatAmzDate,
  normaliseHeaders,
  parseAmzDate,
  parseAuth,
  parseQueryString,
} from "./sigv4.parse.ts";
import type {
  CredentialLookup,
  QueryBag,
  SigV4Credentials,
  SigV4Options,
  SigV4Request,
  SigV4Result,
} from "./sigv4.types.ts";

export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
export const STREAMING_UNSIGNED_PAYLOAD_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
export const STREAMING_SIGNED_PAYLOAD = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
export const STREAMING_SIGNED_PAYLOAD_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
const PAYLOAD_HASH_CONSTANTS = new Set([
  UNSIGNED_PAYLOAD,
  STREAMING_UNSIGNED_PAYLOAD_TRAILER,
  STREAMING_SIGNED_PAYLOAD,
  STREAMING_SIGNED_PAYLOAD_TRAILER,
]);
const HEX_SHA256 = /^[0-9a-f]{64}$/;

export function isHexPayloadHash(value: string): boolean {
  return HEX_SHA256.test(value);
}

/** Exposes the protected canonicalisation steps of the SDK's signer. */
class CanonicalForm extends SignatureV4 {
  constructor(uriEscapePath: boolean) {
    super({
      service: "unused",
      region: "unused",
      credentials: { accessKeyId: "unused", secretAccessKey: "unused" },
      sha256: Sha256,
      uriEscapePath,
    });
  }

  canonicalRequest(
    method: string,
    path: string,
    query: QueryBag,
    headers: Record<string, string>,
    signedHeaders: Set<string>,
    payloadHash: string,
  ): string {
    const cleanQuery: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(query)) if (value !== undefined) cleanQuery[name] = value;
    const request = { method, protocol: "http:", hostname: "", path, query: cleanQuery, headers };
    const canonicalHeaders = getCanonicalHeaders(request, undefined, signedHeaders);
    return this.createCanonicalRequest(request, canonicalHeaders, payloadHash);
  }

  stringToSign(longDate: string, scope: string, canonicalRequest: string): Promise<string> {
    return this.createStringToSign(longDate, scope, canonicalRequest, ALGORITHM);
  }
}

// S3 signs the path as sent; every other service normalises and double-encodes it.
const S3_FORM = new CanonicalForm(false);
const DEFAULT_FORM = new CanonicalForm(true);

function signingTime(
  params: AuthParams,
  headers: Map<string, string>,
): { date: Date; raw: string } | undefined {
  if (params.queryDate !== undefined) {
    const date = parseAmzDate(params.queryDate);
    return date && { date, raw: params.queryDate };
  }
  const amz = headers.get("x-amz-date");
  if (amz !== undefined) {
    const date = parseAmzDate(amz);
    return date && { date, raw: amz };
  }
  const http = headers.get("date");
  if (http === undefined) return undefined;
  const ms = Date.parse(http);
  return Number.isNaN(ms) ? undefined : { date: new Date(ms), raw: http };
}

function queryValueIgnoringCase(query: QueryBag, lowerName: string): string | undefined {
  for (const name of Object.keys(query))
    if (name.toLowerCase() === lowerName) return firstQueryValue(query, name);
  return undefined;
}

function payloadHashOf(
  params: AuthParams,
  headers: Map<string, string>,
  query: QueryBag,
  service: string,
  body: Uint8Array | string | undefined,
): { ok: true; hash: string } | ReturnType<typeof failure> {
  const declared = params.presigned
    ? (queryValueIgnoringCase(query, "x-amz-content-sha256") ?? headers.get("x-amz-content-sha256"))
    : headers.get("x-amz-content-sha256");
  if (declared === undefined) {
    if (service === "s3") {
      if (params.presigned) return { ok: true, hash: UNSIGNED_PAYLOAD };
      return failure(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
    }
    return { ok: true, hash: sha256Hex(body ?? "") };
  }
  if (service === "s3" && !PAYLOAD_HASH_CONSTANTS.has(declared) && !HEX_SHA256.test(declared)) {
    return failure(
      400,
      "InvalidArgument",
      "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
    );
  }
  return { ok: true, hash: declared };
}

function checkToken(
  creds: SigV4Credentials,
  provided: string | undefined,
  now: Date,
): ReturnType<typeof failure> | undefined {
  if (creds.sessionToken === undefined) {
    if (provided === undefined) return undefined;
    return failure(400, "InvalidToken", "The provided token is malformed or otherwise invalid.");
  }
  // Temporary key ids are only known together with their token.
  if (provided === undefined) {
    return failure(
      403,
      "InvalidAccessKeyId",
      "The AWS Access Key Id you provided does not exist in our records.",
      {
        AWSAccessKeyId: creds.accessKeyId,
      },
    );
  }
  if (!constantTimeEqual(provided, creds.sessionToken)) {
    return failure(400, "InvalidToken", "The provided token is malformed or otherwise invalid.");
  }
  if (creds.expiresAt !== undefined && creds.expiresAt.getTime() <= now.getTime()) {
    return failure(400, "ExpiredToken", "The provided token has expired.");
  }
  return undefined;
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function malformed(presigned: boolean, reason: string, details: Record<string, string> = {}) {
  return presigned
    ? failure(
        400,
        "AuthorizationQueryParametersError",
        `Error parsing the X-Amz-Credential parameter; ${reason}`,
        details,
      )
    : failure(
        400,
        "AuthorizationHeaderMalformed",
        `The authorization header is malformed; ${reason}`,
        details,
      );
}

/**
 * Verifies a SigV4-signed request (Authorization header or presigned query) against the known key
 * pairs. Anonymous requests fail with `AccessDenied`. Never puts a secret in the result.
 */
export async function verifySigV4(
  req: SigV4Request,
  lookup: CredentialLookup,
  opts: SigV4Options,
): Promise<SigV4Result> {
  const now = (opts.clock ?? (() => new Date()))();
  const maxSkewMs = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const headers = normaliseHeaders(req.headers);
  const query = typeof req.query === "string" ? parseQueryString(req.query) : req.query;

  const parsed = parseAuth(headers, query);
  if ("ok" in parsed) return parsed;
  if (parsed.kind === "anonymous") return failure(403, "AccessDenied", "Access Denied");
  const params = parsed.params;

  if (params.service !== opts.service) {
    return malformed(
      params.presigned,
      `incorrect service "${params.service}". This endpoint belongs to "${opts.service}".`,
    );
  }
  const time = signingTime(params, headers);
  if (time === undefined) {
    return failure(403, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header");
  }
  const longDate = formatAmzDate(time.date);
  if (longDate.slice(0, 8) !== params.scopeDate) {
    return malformed(params.presigned, "Invalid credential date. Date is not the same as X-Amz-Date.");
  }
  const creds = lookup(params.accessKeyId);
  if (creds === undefined) {
    return failure(
      403,
      "InvalidAccessKeyId",
      "The AWS Access Key Id you provided does not exist in our records.",
      {
        AWSAccessKeyId: params.accessKeyId,
      },
    );
  }
  if (opts.expectedRegion !== undefined && params.region !== opts.expectedRegion) {
    return malformed(
      params.presigned,
      `the region '${params.region}' is wrong; expecting '${opts.expectedRegion}'`,
      {
        Region: opts.expectedRegion,
      },
    );
  }
  const skew = time.date.getTime() - now.getTime();
  if (params.presigned) {
    const expiresAt = time.date.getTime() + (params.expiresSeconds ?? 0) * 1000;
    if (now.getTime() > expiresAt) {
      return failure(403, "AccessDenied", "Request has expired", {
        "X-Amz-Expires": String(params.expiresSeconds),
        Expires: new Date(expiresAt).toISOString(),
        ServerTime: now.toISOString(),
      });
    }
  }
  if (skew > maxSkewMs || (!params.presigned && -skew > maxSkewMs)) {
    return failure(
      403,
      "RequestTimeTooSkewed",
      "The difference between the request time and the current time is too large.",
      {
        RequestTime: time.raw,
        ServerTime: now.toISOString(),
        MaxAllowedSkewMilliseconds: String(maxSkewMs),
      },
    );
  }
  const tokenProblem = checkToken(
    creds,
    params.presigned ? params.queryToken : headers.get("x-amz-security-token"),
    now,
  );
  if (tokenProblem) return tokenProblem;

  const payload = payloadHashOf(params, headers, query, opts.service, req.body);
  if (!payload.ok) return payload;

  const signedHeaders = new Set(params.signedHeaders);
  const signedValues: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = headers.get(name);
    if (value !== undefined) signedValues[name] = value;
  }
  const form = opts.service === "s3" ? S3_FORM : DEFAULT_FORM;
  const scope = `${params.scopeDate}/${params.region}/${params.service}/aws4_request`;
  const canonicalRequest = form.canonicalRequest(
    req.method.toUpperCase(),
    req.path,
    query,
    signedValues,
    signedHeaders,
    payload.hash,
  );
  const stringToSign = await form.stringToSign(longDate, scope, canonicalRequest);
  const key = await getSigningKey(Sha256, creds, params.scopeDate, params.region, params.service);
  const expected = createHmac("sha256", key).update(stringToSign).digest("hex");
  if (!constantTimeEqual(expected, params.signature)) {
    return failure(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      {
        AWSAccessKeyId: params.accessKeyId,
        StringToSign: stringToSign,
        SignatureProvided: params.signature,
        CanonicalRequest: canonicalRequest,
      },
    );
  }
  if (req.body !== undefined && HEX_SHA256.test(payload.hash)) {
    const computed = sha256Hex(req.body);
    if (computed !== payload.hash) return payloadHashMismatch(payload.hash, computed);
  }
  const result: SigV4Result = {
    ok: true,
    accessKeyId: params.accessKeyId,
    region: params.region,
    service: params.service,
    signedAt: time.date,
    payloadHash: payload.hash,
    presigned: params.presigned,
  };
  if (creds.sessionToken !== undefined) result.sessionToken = creds.sessionToken;
  return result;
}

/** The error AWS gives when the body does not hash to the signed `x-amz-content-sha256`. */
export function payloadHashMismatch(declared: string, computed: string): ReturnType<typeof failure> {
  return failure(
    400,
    "XAmzContentSHA256Mismatch",
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
    {
      ClientComputedContentSHA256: declared,
      S3ComputedContentSHA256: computed,
    },
  );
}
