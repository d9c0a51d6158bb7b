/** Listing through the real AWS SDK v3. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  ListObjectsCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  paginateListObjectsV2,
} from "@aws-sdk/client-s3";
import { type S3TestContext, startS3ForTest } from "../../test/support/s3.ts";

const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

/**
 * 2,500 keys mixing characters that URL encoding, XML escaping and UTF-8 ordering get wrong: "mix😀"
 * and "mix\uFF5E" sort one way in UTF-8 and the other way as JavaScript strings.
 */
function awkwardKeys(): string[] {
  const stems = [
    "plain",
    "with space",
    "plus+sign",
    "per%cent",
    "amp&ersand",
    "é-accent",
    "日本語",
    "mix😀",
    "mix\uFF5E",
    "q?mark",
    "lt<gt>",
  ];
  const keys: string[] = [];
  for (let i = 0; keys.length < 2500; i++) {
    const stem = stems[i % stems.length]!;
    keys.push(`incoming/${String(i % 37).padStart(2, "0")}/${stem}-${i}.json`);
  }
  return keys;
}

describe("ListObjectsV2 through the SDK", () => {
  let s3: S3TestContext;
  const keys = awkwardKeys();

  before(async () => {
    s3 = await startS3ForTest();
    // Insert in reverse so the emulator has to sort.
    for (const k of [...keys].reverse()) s3.emulator.putObject(s3.bucket, k, `body of ${k}`);
  });
  after(() => s3.close());

  test("pagination over 2,500 keys with max-keys 1000 returns every key once, in UTF-8 binary order", async () => {
    const pages: ListObjectsV2CommandOutput[] = [];
    for await (const page of paginateListObjectsV2(
      { client: s3.client, pageSize: 1000 },
      { Bucket: s3.bucket },
    )) {
      pages.push(page);
    }
    assert.deepEqual(
      pages.map((p) => [p.KeyCount, p.IsTruncated]),
      [
        [1000, true],
        [1000, true],
        [500, false],
      ],
    );
    const listed = pages.flatMap((p) => (p.Contents ?? []).map((c) => c.Key!));
    assert.deepEqual(listed, [...keys].sort(byUtf8));
    const first = pages[0]!.Contents![0]!;
    assert.equal(first.Size, Buffer.byteLength(`body of ${first.Key}`));
    assert.match(first.ETag!, /^"[0-9a-f]{32}"$/);
    assert.equal(first.StorageClass, "STANDARD");
  });

  test("max-keys above 1000 is capped at 1000", async () => {
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, MaxKeys: 5000 }));
    assert.equal(page.Contents?.length, 1000);
    assert.equal(page.IsTruncated, true);
  });

  test("prefix + delimiter returns common prefixes, each once across pages", async () => {
    const prefixes: string[] = [];
    for await (const page of paginateListObjectsV2(
      { client: s3.client, pageSize: 7 },
      { Bucket: s3.bucket, Prefix: "incoming/", Delimiter: "/" },
    )) {
      assert.equal(page.Contents, undefined);
      prefixes.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
    }
    const expected = Array.from({ length: 37 }, (_, i) => `incoming/${String(i).padStart(2, "0")}/`);
    assert.deepEqual(prefixes, expected);
  });

  test("start-after begins strictly after the given key", async () => {
    const sorted = [...keys].sort(byUtf8);
    const page = await s3.client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, StartAfter: sorted[41], MaxKeys: 3 }),
    );
    assert.deepEqual(
      page.Contents?.map((c) => c.Key),
      sorted.slice(42, 45),
    );
    assert.equal(page.StartAfter, sorted[41]);
  });

  test("a prefix with special characters matches exactly", async () => {
    const page = await s3.client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: "incoming/03/amp&ersand" }),
    );
    const expected = keys.filter((k) => k.startsWith("incoming/03/amp&ersand")).sort(byUtf8);
    assert.ok(expected.length > 0);
    assert.deepEqual(
      page.Contents?.map((c) => c.Key),
      expected,
    );
  });

  test("encoding-type=url encodes keys in the response (the SDK does not decode them)", async () => {
    const key = "incoming/01/with space-1.json";
    const page = await s3.client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: key, EncodingType: "url" }),
    );
    assert.equal(page.EncodingType, "url");
    assert.deepEqual(
      page.Contents?.map((c) => c.Key),
      ["incoming/01/with+space-1.json"],
    );
  });

  test("fetch-owner adds the owner", async () => {
    const page = await s3.client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, MaxKeys: 1, FetchOwner: true }),
    );
    assert.ok(page.Contents?.[0]?.Owner?.ID);
  });

  test("a forged continuation token is InvalidArgument", async () => {
    await assert.rejects(
      s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, ContinuationToken: "Zm9yZ2Vk" })),
      (e: Error & { $metadata: { httpStatusCode: number } }) =>
        e.name === "InvalidArgument" && e.$metadata.httpStatusCode === 400,
    );
  });

  test("ListObjects (v1) pages with markers", async () => {
    const seen: string[] = [];
    let marker: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await s3.client.send(
        new ListObjectsCommand({ Bucket: s3.bucket, Prefix: "incoming/1", MaxKeys: 100, Marker: marker }),
      );
      const got = (page.Contents ?? []).map((c) => c.Key!);
      seen.push(...got);
      if (!page.IsTruncated) break;
      marker = page.NextMarker ?? got[got.length - 1];
    }
    assert.deepEqual(seen, keys.filter((k) => k.startsWith("incoming/1")).sort(byUtf8));
  });
});
