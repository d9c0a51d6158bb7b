/**
 * The UI's pure logic (web/src/lib), tested without a browser: form rules and where server errors land,
 * the live IAM policies, the version diff, event grouping and filters, chart geometry, time formatting.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { dayTotal, niceMax, stack } from "../../web/src/lib/chart.ts";
import {
  accountIdOfArn,
  bucketProblem,
  draftWarnings,
  emptyDraft,
  fieldOf,
  regionProblem,
  serverFieldErrors,
  toRequestBody,
  validateDraft,
} from "../../web/src/lib/connection-draft.ts";
import {
  affected,
  filtersFromSearch,
  filtersToApi,
  filtersToSearch,
  groupByFile,
} from "../../web/src/lib/events.ts";
import { formatBytes, formatInterval, relativeTime } from "../../web/src/lib/format.ts";
import { partitionOf, renderSourcePolicy, renderTrustRolePolicy } from "../../web/src/lib/iam-policy.ts";
import { diffLines, diffStats, toHunks } from "../../web/src/lib/line-diff.ts";
import type { DriftEvent } from "../../web/src/lib/types.ts";

test("bucket names follow S3's rules", () => {
  for (const ok of ["abc", "partner-drops", "a.b-c.9", "x".repeat(63)])
    assert.equal(bucketProblem(ok), null, ok);
  const bad: [string, RegExp][] = [
    ["", /Enter/],
    ["ab", /3 to 63/],
    ["x".repeat(64), /3 to 63/],
    ["Partner", /capital/],
    ["under_score", /only lowercase/],
    ["-start", /begins and ends/],
    ["end.", /begins and ends/],
    ["a..b", /two dots/],
    ["192.168.1.10", /IP address/],
    ["xn--bucket", /reserved/],
    ["data-s3alias", /reserved/],
  ];
  for (const [name, why] of bad) assert.match(bucketProblem(name) ?? "", why, name);
});

test("regions: AWS codes, or any simple name for an S3-compatible endpoint", () => {
  for (const r of ["us-east-1", "eu-west-3", "us-gov-west-1", "ap-southeast-2"])
    assert.equal(regionProblem(r, false), null);
  for (const r of ["useast1", "US-EAST-1", "us-east", "auto"]) assert.ok(regionProblem(r, false), r);
  assert.equal(regionProblem("auto", true), null);
  assert.ok(regionProblem("Auto Region", true));
});

test("a draft is checked field by field; the credential type decides which fields count", () => {
  const d = {
    ...emptyDraft("dw-ext"),
    name: "Acme",
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "s",
  };
  assert.deepEqual(validateDraft({ ...d, bucket: "acme-drops" }), {});
  const errors = validateDraft({ ...d, bucket: "Bad", pollInterval: "0", prefix: "/incoming/" });
  assert.deepEqual(Object.keys(errors).sort(), ["bucket", "poll_interval_minutes", "prefix"]);
  assert.match(
    validateDraft({ ...d, bucket: "b-1", pollInterval: "10081" }).poll_interval_minutes ?? "",
    /10080/,
  );
  assert.match(
    validateDraft({ ...d, bucket: "b-1", pollInterval: "1.5" }).poll_interval_minutes ?? "",
    /whole/,
  );
  // Role: an ARN with a 12-digit account is required; OIDC needs no key at all.
  const role = { ...d, bucket: "b-1", credentialType: "aws_role" as const, roleArn: "arn:aws:iam::1:role/x" };
  assert.match(validateDraft(role)["credentials.role_arn"] ?? "", /12-digit/);
  const oidc = {
    ...d,
    bucket: "b-1",
    credentialType: "aws_oidc" as const,
    accessKeyId: "",
    secretAccessKey: "",
    roleArn: "arn:aws:iam::123456789012:role/reader",
  };
  assert.deepEqual(validateDraft(oidc), {});
  assert.equal(accountIdOfArn(oidc.roleArn), "123456789012");
  // S3-compatible stores have other key shapes; AWS keys do not.
  assert.ok(validateDraft({ ...d, bucket: "b-1", accessKeyId: "minio" })["credentials.access_key_id"]);
  assert.equal(
    validateDraft({ ...d, bucket: "b-1", accessKeyId: "minio", endpointUrl: "http://127.0.0.1:9000" })[
      "credentials.access_key_id"
    ],
    undefined,
  );
  assert.match(
    validateDraft({ ...d, bucket: "b-1", endpointUrl: "ftp://x" }).endpoint_url ?? "",
    /http or https/,
  );
  assert.match(draftWarnings({ ...d, prefix: "incoming" }).prefix ?? "", /trailing \//);
  assert.equal(draftWarnings({ ...d, prefix: "incoming/" }).prefix, undefined);
});

test("the request body carries only the chosen credential type's fields", () => {
  const base = {
    ...emptyDraft("dw-ext"),
    name: " Acme ",
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "secret",
    roleArn: "arn:aws:iam::123456789012:role/r",
    bucket: "b-1",
    contractId: "c1",
    pollInterval: "15",
  };
  const body = toRequestBody(base);
  assert.equal(body.name, "Acme");
  assert.equal(body.poll_interval_minutes, 15);
  assert.deepEqual(body.credentials, {
    type: "aws_static",
    access_key_id: "AKIAIOSFODNN7EXAMPLE",
    secret_access_key: "secret",
  });
  assert.equal("endpoint_url" in body, false);
  assert.deepEqual(toRequestBody({ ...base, credentialType: "aws_role" }).credentials, {
    type: "aws_role",
    access_key_id: "AKIAIOSFODNN7EXAMPLE",
    secret_access_key: "secret",
    role_arn: "arn:aws:iam::123456789012:role/r",
    external_id: "dw-ext",
  });
  assert.deepEqual(
    toRequestBody({ ...base, credentialType: "aws_oidc", stsRegion: "eu-west-1" }).credentials,
    {
      type: "aws_oidc",
      role_arn: "arn:aws:iam::123456789012:role/r",
      region: "eu-west-1",
    },
  );
});

test("server errors land beside the field they name (400 details[] and 422 details.field)", () => {
  assert.equal(fieldOf("body.credentials.secret_access_key"), "credentials.secret_access_key");
  assert.equal(fieldOf("/body/bucket"), "bucket");
  assert.equal(fieldOf("credentials.session_token"), "credentials");
  assert.equal(fieldOf("body.unknown"), null);
  const v400 = serverFieldErrors(400, "invalid", "fix it", [
    { field: "body.bucket", problem: "body.bucket must NOT have fewer than 3 characters" },
    { field: "body.nope", problem: "something else" },
  ]);
  assert.deepEqual(v400.fields, { bucket: "body.bucket must NOT have fewer than 3 characters" });
  assert.deepEqual(v400.other, ["something else"]);
  const v422 = serverFieldErrors(422, "The secret does not match.", "Paste it again.", {
    aws_code: "SignatureDoesNotMatch",
    field: "credentials.secret_access_key",
  });
  assert.deepEqual(v422.fields, {
    "credentials.secret_access_key": "The secret does not match. Paste it again.",
  });
  assert.deepEqual(serverFieldErrors(422, "Denied.", undefined, { aws_code: "AccessDenied" }).other, [
    "Denied.",
  ]);
});

test("the live IAM policy follows bucket, prefix and partition; bad input is named, not drawn wrong", () => {
  const r = renderSourcePolicy({ bucket: "acme", prefix: "in/", region: "us-gov-west-1" });
  assert.equal(r.problem, null);
  const stmts = (r.built?.policy.Statement ?? []) as { Resource?: unknown; Condition?: unknown }[];
  assert.equal(stmts[0]?.Resource, "arn:aws-us-gov:s3:::acme");
  assert.deepEqual(stmts[0]?.Condition, { StringLike: { "s3:prefix": ["in/*"] } });
  assert.equal(stmts[1]?.Resource, "arn:aws-us-gov:s3:::acme/in/*");
  assert.equal(partitionOf("cn-north-1"), "aws-cn");
  const bad = renderSourcePolicy({ bucket: "Bad_Name", prefix: "", region: "us-east-1" });
  assert.match(bad.problem ?? "", /not a valid S3 bucket name/);
  assert.ok(JSON.stringify(bad.built?.policy).includes("your-bucket-name"), "drawn with a placeholder");
  const trust = renderTrustRolePolicy({
    roleArn: "arn:aws:iam::123456789012:role/reader",
    principal: "",
    externalId: "dw-abc123",
  });
  const t = trust.built?.policy.Statement[0] as { Principal: unknown; Condition: unknown };
  assert.deepEqual(t.Principal, { AWS: "arn:aws:iam::123456789012:root" });
  assert.deepEqual(t.Condition, { StringEquals: { "sts:ExternalId": "dw-abc123" } });
  assert.match(
    renderTrustRolePolicy({ roleArn: "", principal: "", externalId: "x1" }).problem ?? "",
    /role ARN/,
  );
});

test("the line diff finds the changed lines and keeps context around them", () => {
  const a = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].join("\n");
  const b = ["a", "b", "c", "D", "e", "f", "g", "h", "i", "j", "k"].join("\n");
  const lines = diffLines(a, b);
  assert.deepEqual(diffStats(lines), { added: 2, removed: 1 });
  assert.deepEqual(
    lines
      .filter((l) => l.kind !== "same")
      .map((l) => `${l.kind}:${l.text}:${l.oldLine ?? "-"}:${l.newLine ?? "-"}`),
    ["del:d:4:-", "add:D:-:4", "add:k:-:11"],
  );
  const hunks = toHunks(lines, 1);
  assert.equal(hunks.length, 2);
  assert.deepEqual(
    hunks[0]?.lines.map((l) => l.text),
    ["c", "d", "D", "e"],
  );
  assert.deepEqual(diffLines("same\n", "same"), [{ kind: "same", text: "same", oldLine: 1, newLine: 1 }]);
  assert.equal(toHunks(diffLines("x", "x")).length, 0);
  // Moved blocks: every line is accounted for exactly once.
  const moved = diffLines("1\n2\n3\n4", "3\n4\n1\n2");
  assert.equal(moved.filter((l) => l.kind !== "add").length, 4);
  assert.equal(moved.filter((l) => l.kind !== "del").length, 4);
});

const event = (over: Partial<DriftEvent & { file_id: string }>): DriftEvent & { file_id: string } => ({
  type: "type_mismatch",
  severity: "error",
  path: "$.total",
  rule: "r",
  expected: "number",
  actual: "string",
  count: 3,
  percent: 7.5,
  samples: [],
  file_id: "f1",
  file: { key: "a.json", sha256: "x", size: 1 },
  contract: { id: "orders", version: "1.0.0" },
  ...over,
});

test("events group by file, worst first; affected reads as count and percent", () => {
  const groups = groupByFile([
    event({ severity: "warning", path: "$.a" }),
    event({ file_id: "f2", file: { key: "b.json", sha256: "y", size: 1 } }),
    event({ severity: "critical", path: "$" }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.fileKey, g.worst, g.events.map((e) => e.severity)]),
    [
      ["a.json", "critical", ["critical", "warning"]],
      ["b.json", "error", ["error"]],
    ],
  );
  assert.equal(affected({ count: 3, percent: 7.5 }), "3 records (7.5 % of the file)");
  assert.equal(affected({ count: 1, percent: 16.666 }), "1 record (16.67 % of the file)");
  assert.equal(affected({ count: 2, percent: null }), "2 occurrences");
});

test("event filters round-trip through the URL; dates become the API's instants", () => {
  const f = filtersFromSearch(new URLSearchParams("severity=error&since=2026-11-01&until=2026-11-23&x=1"));
  assert.equal(filtersToSearch(f), "?severity=error&since=2026-11-01&until=2026-11-23");
  assert.deepEqual(filtersToApi(f), {
    severity: "error",
    since: "2026-11-01T00:00:00Z",
    until: "2026-11-24T00:00:00.000Z",
  });
  assert.deepEqual(filtersToApi({ ...f, since: "garbage" }).since, undefined);
});

test("chart scale and stacking", () => {
  assert.deepEqual([0, 1, 3, 7, 10, 11, 240].map(niceMax), [1, 1, 5, 10, 10, 20, 500]);
  const day = { date: "2026-11-23", info: 1, warning: 0, error: 2, critical: 1 };
  assert.equal(dayTotal(day), 4);
  const segs = stack(day, 4, 100);
  assert.deepEqual(
    segs.map((s) => [s.severity, s.y, s.height]),
    [
      ["info", 75, 25],
      ["error", 25, 50],
      ["critical", 0, 25],
    ],
  );
});

test("times, sizes and intervals read naturally", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  assert.equal(relativeTime("2026-11-23T11:57:00Z", now), "3 min ago");
  assert.equal(relativeTime("2026-11-23T13:00:00Z", now), "in 1 h");
  assert.equal(relativeTime("2026-11-23T11:59:58Z", now), "just now");
  assert.equal(relativeTime("2026-11-20T12:00:00Z", now), "3 d ago");
  assert.equal(relativeTime(null, now), "—");
  assert.equal(formatBytes(1732), "1.7 KiB");
  assert.equal(formatBytes(5 * 1024 * 1024), "5.0 MiB");
  assert.equal(formatInterval(60), "every 1 h");
  assert.equal(formatInterval(90), "every 1 h 30 min");
  assert.equal(formatInterval(10080), "every 7 d");
});
