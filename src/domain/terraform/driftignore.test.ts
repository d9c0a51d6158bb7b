import assert from "node:assert/strict";
import { test } from "node:test";
import { isChangeIgnored, isResourceIgnored, parseDriftIgnore } from "./driftignore.ts";

const res = (type: string, id: string) => ({ types: [type], ids: [id] });

test("type.id, wildcards, and the last matching rule wins (negation)", () => {
  const rules = parseDriftIgnore("*\n!aws_s3_bucket.*\naws_s3_bucket.tmp-*\n");
  assert.equal(isResourceIgnored(rules, res("aws_iam_user", "bob")), true);
  assert.equal(isResourceIgnored(rules, res("aws_s3_bucket", "logs")), false);
  assert.equal(isResourceIgnored(rules, res("aws_s3_bucket", "tmp-1")), true);
  const none = parseDriftIgnore("");
  assert.equal(isResourceIgnored(none, res("aws_s3_bucket", "x")), false);
});

test("escaped dots and backslashes belong to the segment; a type alone ignores the type", () => {
  const rules = parseDriftIgnore("aws_s3_bucket.logs\\.example\\.com\naws_iam_user\naws_x.a\\\\b");
  assert.equal(isResourceIgnored(rules, res("aws_s3_bucket", "logs.example.com")), true);
  assert.equal(isResourceIgnored(rules, res("aws_s3_bucket", "logs")), false);
  assert.equal(isResourceIgnored(rules, res("aws_iam_user", "anyone")), true);
  assert.equal(isResourceIgnored(rules, res("aws_x", "a\\b")), true);
  // an attribute rule does not ignore the resource
  assert.equal(
    isResourceIgnored(parseDriftIgnore("aws_iam_user.bob.tags"), res("aws_iam_user", "bob")),
    false,
  );
});

test("attribute paths: prefix match, case-insensitive segments, * per segment, negation", () => {
  const rules = parseDriftIgnore(
    "aws_iam_role.*.tags\n!aws_iam_role.api.tags.Owner\naws_lambda_function.f.environment.*.variables",
  );
  const role = res("aws_iam_role", "api");
  assert.equal(isChangeIgnored(rules, role, ["tags", "Team"]), true);
  assert.equal(isChangeIgnored(rules, role, ["tags", "owner"]), false);
  assert.equal(isChangeIgnored(rules, role, ["description"]), false);
  assert.equal(
    isChangeIgnored(rules, res("aws_lambda_function", "f"), ["environment", "0", "variables", "X"]),
    true,
  );
  assert.equal(isChangeIgnored(rules, res("aws_lambda_function", "f"), ["environment"]), false);
});

test("comments, blank lines; lines it cannot read are reported, not dropped silently", () => {
  const rules = parseDriftIgnore("# comment\n\n  aws_s3_bucket.a  \naws_s3_bucket..b\naws_s3_bucket.c\\");
  assert.equal(rules.rules.length, 1);
  assert.deepEqual(
    rules.invalid.map((i) => i.line),
    [4, 5],
  );
  assert.match(rules.invalid[1]!.reason, /backslash/);
});
