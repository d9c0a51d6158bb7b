import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256, sha256Hex } from "./sha256.ts";
import type { SigV4Credentials, SigV4Result } from "./sigv4.types.ts";
import { verifySigV4 } from "./sigv4.verify.ts";

const KEY: SigV4Credentials = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
};
const TEMP: SigV4Credentials = {
  accessKeyId: "ASIAIOSFODNN7EXAMPLE",
  secretAccessKey: "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
  sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN",
  expiresAt: new Date("2030-01-01T01:00:00Z"),
};
const T0 = new Date("2030-01-01T00:00:00Z");
const lookup = (id: string) => [KEY, TEMP].find((c) => c.accessKeyId === id);

interface SignInput {
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  service?: string;
  region?: string;
  creds?: SigV4Credentials;
  at?: Date;
}

async function sign(input: SignInput = {}) {
  const service = input.service ?? "s3";
  const signer = new SignatureV4({
    service,
    region: input.region ?? "us-east-1",
    credentials: input.creds ?? KEY,
    sha256: Sha256,
    uriEscapePath: service !== "s3",
    applyChecksum: service === "s3",
  });
  const signed = await signer.sign(
    {
      method: input.method ?? "GET",
      protocol: "http:",
      hostname: "127.0.0.1",
      port: 9000,
      path: input.path ?? "/bucket/key",
      query: input.query ?? {},
      headers: { host: "127.0.0.1:9000", ...(input.headers ?? {}) },
      body: input.body,
    },
    { signingDate: input.at ?? T0 },
  );
  const rawQuery = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join("&");
  return {
    method: signed.method,
    path: signed.path,
    query: rawQuery,
    headers: signed.headers as Record<string, string>,
    ...(input.body === undefined ? {} : { body: input.body }),
  };
}

function failed(r: SigV4Result): { code: string; status: number; details: Record<string, string> } {
  assert.equal(r.ok, false, "expected a failure");
  if (r.ok) throw new Error("unreachable");
  return r;
}

describe("verifySigV4", () => {
  test("accepts a request signed by the SDK signer and reports key, region and payload hash", async () => {
    const req = await sign({
      path: "/bucket/a%20b/%C3%A9%2B.json",
      query: { prefix: "a b&c", "list-type": "2" },
    });
    const r = await verifySigV4(req, lookup, { service: "s3", clock: () => T0 });
    assert.ok(r.ok);
    assert.equal(r.accessKeyId, KEY.accessKeyId);
    assert.equal(r.region, "us-east-1");
    assert.equal(r.payloadHash, sha256Hex(""));
  });

  test("a wrong secret is SignatureDoesNotMatch with the canonical request, not the secret", async () => {
    const req = await sign({ creds: { ...KEY, secretAccessKey: "not-the-right-secret-EXAMPLEKEY" } });
    const f = failed(await verifySigV4(req, lookup, { service: "s3", clock: () => T0 }));
    assert.equal(f.code, "SignatureDoesNotMatch");
    assert.equal(f.status, 403);
    assert.match(f.details["CanonicalRequest"]!, /^GET\n\/bucket\/key\n/);
    assert.ok(!JSON.stringify(f).includes(KEY.secretAccessKey));
  });

  test("a tampered path or query no longer matches", async () => {
    const req = await sign({ query: { prefix: "a" } });
    const f1 = failed(
      await verifySigV4({ ...req, path: "/bucket/other" }, lookup, { service: "s3", clock: () => T0 }),
    );
    assert.equal(f1.code, "SignatureDoesNotMatch");
    const f2 = failed(
      await verifySigV4({ ...req, query: "prefix=b" }, lookup, { service: "s3", clock: () => T0 }),
    );
    assert.equal(f2.code, "SignatureDoesNotMatch");
  });

  test("an unknown key id is InvalidAccessKeyId", async () => {
    const req = await sign({ creds: { accessKeyId: "EXAMPLEKEYID2", secretAccessKey: "x" } });
    const f = failed(await verifySigV4(req, lookup, { service: "s3", clock: () => T0 }));
    assert.deepEqual([f.code, f.status], ["InvalidAccessKeyId", 403]);
  });

  test("more than 15 minutes of skew is RequestTimeTooSkewed, 14 minutes is fine", async () => {
    const req = await sign();
    const late = new Date(T0.getTime() + 16 * 60_000);
    const f = failed(await verifySigV4(req, lookup, { service: "s3", clock: () => late }));
    assert.deepEqual([f.code, f.status], ["RequestTimeTooSkewed", 403]);
    assert.equal(f.details["MaxAllowedSkewMilliseconds"], "900000");
    const early = new Date(T0.getTime() - 16 * 60_000);
    assert.equal(
      failed(await verifySigV4(req, lookup, { service: "s3", clock: () => early })).code,
      "RequestTimeTooSkewed",
    );
    const ok = await verifySigV4(req, lookup, {
      service: "s3",
      clock: () => new Date(T0.getTime() + 14 * 60_000),
    });
    assert.ok(ok.ok);
  });

  test("the credential scope's region must be the expected one, named in the error", async () => {
    const req = await sign({ region: "us-east-1" });
    const f = failed(
      await verifySigV4(req, lookup, { service: "s3", clock: () => T0, expectedRegion: "eu-west-1" }),
    );
    assert.deepEqual(
      [f.code, f.status, f.details["Region"]],
      ["AuthorizationHeaderMalformed", 400, "eu-west-1"],
    );
  });

  test("a request signed for another service is refused", async () => {
    const req = await sign({ service: "sts" });
    assert.equal(
      failed(await verifySigV4(req, lookup, { service: "s3", clock: () => T0 })).code,
      "AuthorizationHeaderMalformed",
    );
  });

  test("session tokens: valid, expired, wrong, missing", async () => {
    const ok = await verifySigV4(await sign({ creds: TEMP }), lookup, { service: "s3", clock: () => T0 });
    assert.ok(ok.ok);
    const afterExpiry = new Date(TEMP.expiresAt!.getTime());
    const expired = await sign({ creds: TEMP, at: afterExpiry });
    assert.deepEqual(
      [failed(await verifySigV4(expired, lookup, { service: "s3", clock: () => afterExpiry })).code],
      ["ExpiredToken"],
    );
    const wrong = await sign({ creds: { ...TEMP, sessionToken: "FwoGZXIvYXdzOTHERTOKEN" } });
    const fw = failed(await verifySigV4(wrong, lookup, { service: "s3", clock: () => T0 }));
    assert.deepEqual([fw.code, fw.status], ["InvalidToken", 400]);
    const { sessionToken: _drop, ...noToken } = TEMP;
    const missing = await sign({ creds: noToken });
    assert.equal(
      failed(await verifySigV4(missing, lookup, { service: "s3", clock: () => T0 })).code,
      "InvalidAccessKeyId",
    );
  });

  test("S3 requires x-amz-content-sha256; a hex hash must match the body when the body is given", async () => {
    const req = await sign({ method: "PUT", body: "hello" });
    assert.ok((await verifySigV4(req, lookup, { service: "s3", clock: () => T0 })).ok);
    const f = failed(
      await verifySigV4({ ...req, body: "hellO" }, lookup, { service: "s3", clock: () => T0 }),
    );
    assert.equal(f.code, "XAmzContentSHA256Mismatch");
    const { "x-amz-content-sha256": _h, ...without } = req.headers;
    const f2 = failed(
      await verifySigV4({ ...req, headers: without }, lookup, { service: "s3", clock: () => T0 }),
    );
    assert.equal(f2.code, "InvalidRequest");
  });

  test("UNSIGNED-PAYLOAD and streaming payload hashes are signed as given", async () => {
    for (const hash of ["UNSIGNED-PAYLOAD", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"]) {
      const req = await sign({ method: "PUT", headers: { "x-amz-content-sha256": hash } });
      const r = await verifySigV4(req, lookup, { service: "s3", clock: () => T0 });
      assert.ok(r.ok);
      assert.equal(r.payloadHash, hash);
    }
  });

  test("a Query-protocol POST (STS style) is verified over the body it carries", async () => {
    const body = "Action=GetCallerIdentity&Version=2011-06-15";
    const headers = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };
    const req = await sign({ service: "sts", method: "POST", path: "/", headers, body });
    assert.ok((await verifySigV4(req, lookup, { service: "sts", clock: () => T0 })).ok);
    const f = failed(
      await verifySigV4({ ...req, body: `${body}&x=1` }, lookup, { service: "sts", clock: () => T0 }),
    );
    assert.equal(f.code, "SignatureDoesNotMatch");
  });

  test("presigned URLs verify, and expire", async () => {
    const signer = new SignatureV4({
      service: "s3",
      region: "us-east-1",
      credentials: KEY,
      sha256: Sha256,
      uriEscapePath: false,
    });
    // As @aws-sdk/s3-request-presigner: the payload is UNSIGNED-PAYLOAD, hoisted into the query.
    const headers = { host: "127.0.0.1:9000", "x-amz-content-sha256": "UNSIGNED-PAYLOAD" };
    const presigned = await signer.presign(
      { method: "GET", protocol: "http:", hostname: "127.0.0.1", path: "/bucket/k", query: {}, headers },
      { signingDate: T0, expiresIn: 60 },
    );
    const query = Object.entries(presigned.query ?? {})
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join("&");
    const req = { method: "GET", path: "/bucket/k", query, headers: { host: "127.0.0.1:9000" } };
    const ok = await verifySigV4(req, lookup, {
      service: "s3",
      clock: () => new Date(T0.getTime() + 30_000),
    });
    assert.ok(ok.ok && ok.presigned);
    const late = failed(
      await verifySigV4(req, lookup, { service: "s3", clock: () => new Date(T0.getTime() + 61_000) }),
    );
    assert.deepEqual([late.code, late.status], ["AccessDenied", 403]);
  });

  test("anonymous and non-SigV4 requests are refused", async () => {
    const anon = failed(
      await verifySigV4({ method: "GET", path: "/", query: "", headers: {} }, lookup, { service: "s3" }),
    );
    assert.deepEqual([anon.code, anon.status], ["AccessDenied", 403]);
    const v2 = failed(
      await verifySigV4(
        { method: "GET", path: "/", query: "", headers: { authorization: "AWS AKIAIOSFODNN7EXAMPLE:abc" } },
        lookup,
        { service: "s3" },
      ),
    );
    assert.equal(v2.code, "InvalidRequest");
  });
});
