/** What goes over the wire, seen with raw signed HTTP requests rather than through the SDK. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { SignatureV4 } from "@smithy/signature-v4";
import { type S3TestContext, startS3ForTest, TEST_CREDENTIALS } from "../../test/support/s3.ts";
import { Sha256, sha256Hex } from "../sigv4/sha256.ts";

interface RawRequest {
  method?: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** The body that is signed. */
  signedBody?: string;
  /** The body that is sent (default: the signed one). */
  sentBody?: string;
}

async function signedFetch(endpoint: string, r: RawRequest): Promise<Response> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({
    service: "s3",
    region: "us-east-1",
    credentials: TEST_CREDENTIALS,
    sha256: Sha256,
    uriEscapePath: false,
  });
  const payloadHash = r.signedBody === undefined ? "UNSIGNED-PAYLOAD" : sha256Hex(r.signedBody);
  const signed = await signer.sign({
    method: r.method ?? "GET",
    protocol: "http:",
    hostname: url.hostname,
    port: Number(url.port),
    path: r.path,
    query: r.query ?? {},
    headers: { host: url.host, "x-amz-content-sha256": payloadHash, ...(r.headers ?? {}) },
  });
  const qs = new URLSearchParams(r.query ?? {}).toString();
  return fetch(`${endpoint}${r.path}${qs ? `?${qs}` : ""}`, {
    method: r.method ?? "GET",
    headers: signed.headers as Record<string, string>,
    body: r.sentBody ?? r.signedBody,
  });
}

describe("on the wire", () => {
  let s3: S3TestContext;

  before(async () => {
    s3 = await startS3ForTest();
  });
  after(() => s3.close());

  test("listing XML: LastModified with .000Z, a quoted MD5 ETag, escaped keys, and a request id", async () => {
    s3.emulator.putObject(s3.bucket, "a&b.json", "{}", {
      lastModified: new Date("2024-05-06T07:08:09.987Z"),
    });
    const res = await signedFetch(s3.emulator.endpoint, {
      path: `/${s3.bucket}`,
      query: { "list-type": "2" },
    });
    const xml = await res.text();
    assert.equal(res.status, 200);
    assert.match(res.headers.get("x-amz-request-id") ?? "", /^[0-9A-F]{16}$/);
    assert.ok(xml.includes("<Key>a&amp;b.json</Key>"));
    assert.ok(xml.includes("<LastModified>2024-05-06T07:08:09.000Z</LastModified>"));
    assert.ok(xml.includes("<ETag>&quot;99914b932bd37a50b983c5e7c90ae93b&quot;</ETag>"));
  });

  test("an anonymous request is AccessDenied as an S3 error document", async () => {
    const res = await fetch(`${s3.emulator.endpoint}/${s3.bucket}?list-type=2`);
    assert.equal(res.status, 403);
    assert.ok(res.headers.get("x-amz-request-id"));
    assert.match(
      await res.text(),
      /^<\?xml[^>]*>\n<Error><Code>AccessDenied<\/Code><Message>.*<\/Message>.*<RequestId>/s,
    );
  });

  test("a body that does not hash to the signed x-amz-content-sha256 is XAmzContentSHA256Mismatch", async () => {
    const res = await signedFetch(s3.emulator.endpoint, {
      method: "PUT",
      path: `/${s3.bucket}/tampered`,
      signedBody: "original",
      sentBody: "tampered",
    });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /<Code>XAmzContentSHA256Mismatch<\/Code>/);
    assert.equal(s3.emulator.getObject(s3.bucket, "tampered"), undefined);

    const ok = await signedFetch(s3.emulator.endpoint, {
      method: "PUT",
      path: `/${s3.bucket}/intact`,
      signedBody: "original",
    });
    assert.equal(ok.status, 200);
    assert.equal(Buffer.from(s3.emulator.getObject(s3.bucket, "intact")!.body).toString(), "original");
  });
});
