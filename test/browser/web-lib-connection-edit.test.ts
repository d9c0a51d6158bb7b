/**
 * Editing a connection, the UI's pure part (web/src/lib/connection-edit.ts): the form prefilled without
 * secrets, the PATCH of only what changed, what saving will do, and where the server's errors land.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  describeChanges,
  draftFromConnection,
  placeServerErrors,
  rechecksStore,
  rescopes,
  toPatchBody,
  validateEdit,
} from "../../web/src/lib/connection-edit.ts";
import type { Connection } from "../../web/src/lib/types.ts";

const CONN: Connection = {
  id: "9c1e0a4e-0000-4000-8000-000000000001",
  name: "Acme orders",
  provider: "aws_s3",
  region: "us-east-1",
  bucket: "partner-drops",
  prefix: "incoming/",
  file_pattern: "*.ndjson",
  contract_id: "c-1",
  contract_name: "Partner orders",
  poll_interval_minutes: 60,
  endpoint_url: "http://127.0.0.1:9000",
  force_path_style: true,
  backfill: false,
  paused: false,
  credentials: { type: "aws_static", fingerprint: "sha256:0123456789abcdef", access_key_id_suffix: "MPLE" },
  health: "healthy",
  last_error: null,
  last_poll_at: null,
  last_success_at: null,
  next_poll_at: null,
  open_events: 0,
  created_at: "2026-11-23T10:00:00.000Z",
  updated_at: "2026-11-23T10:00:00.000Z",
};

test("the form starts as the connection stands, without any secret", () => {
  const d = draftFromConnection(CONN);
  assert.equal(d.name, "Acme orders");
  assert.equal(d.bucket, "partner-drops");
  assert.equal(d.prefix, "incoming/");
  assert.equal(d.filePattern, "*.ndjson");
  assert.equal(d.contractId, "c-1");
  assert.equal(d.pollInterval, "60");
  assert.equal(d.endpointUrl, "http://127.0.0.1:9000");
  assert.equal(d.forcePathStyle, true);
  assert.equal(d.backfill, false);
  assert.equal(d.credentialType, "aws_static");
  assert.equal(d.accessKeyId, "");
  assert.equal(d.secretAccessKey, "");
  // A role's ARN and external id are not secret: they come back for a replacement.
  const role = draftFromConnection({
    ...CONN,
    credentials: {
      type: "aws_role",
      fingerprint: "sha256:1",
      role_arn: "arn:aws:iam::123456789012:role/reader",
      external_id: "dw-ext",
    },
  });
  assert.equal(role.roleArn, "arn:aws:iam::123456789012:role/reader");
  assert.equal(role.externalId, "dw-ext");
});

test("kept credentials are not checked; replaced ones are, as on New Connection", () => {
  const d = draftFromConnection(CONN);
  assert.deepEqual(validateEdit(d, "keep"), {});
  const replaced = validateEdit(d, "replace");
  assert.deepEqual(Object.keys(replaced).sort(), [
    "credentials.access_key_id",
    "credentials.secret_access_key",
  ]);
  // The other fields are checked either way.
  assert.match(validateEdit({ ...d, bucket: "Partner_Drops" }, "keep").bucket ?? "", /capital/);
});

test("only changed fields are sent; credentials only when replaced, and then whole", () => {
  const d = draftFromConnection(CONN);
  assert.deepEqual(toPatchBody(CONN, d, "keep"), {});
  assert.deepEqual(toPatchBody(CONN, { ...d, filePattern: " *.csv ", pollInterval: "15" }, "keep"), {
    file_pattern: "*.csv",
    poll_interval_minutes: 15,
  });
  // Emptied optional fields become null (no contract, AWS itself); a name is trimmed before comparing.
  assert.deepEqual(
    toPatchBody(CONN, { ...d, contractId: "", endpointUrl: " ", name: " Acme orders " }, "keep"),
    {
      contract_id: null,
      endpoint_url: null,
    },
  );
  // An interval the form refuses is not a change.
  assert.deepEqual(toPatchBody(CONN, { ...d, pollInterval: "1.5" }, "keep"), {});
  assert.deepEqual(
    toPatchBody(CONN, { ...d, accessKeyId: "EXAMPLEKEYID2", secretAccessKey: "s3cret" }, "replace"),
    {
      credentials: { type: "aws_static", access_key_id: "EXAMPLEKEYID2", secret_access_key: "s3cret" },
    },
  );
  // Typed but then kept: nothing about the credentials is sent.
  assert.deepEqual(toPatchBody(CONN, { ...d, secretAccessKey: "typed" }, "keep"), {});
});

test("what saving does: which changes re-check the store, which re-evaluate what is new", () => {
  assert.equal(rechecksStore({ poll_interval_minutes: 5, name: "x", contract_id: null }), false);
  for (const p of [
    { file_pattern: "*.csv" },
    { prefix: "a/" },
    { bucket: "b-1" },
    { region: "eu-west-1" },
    { endpoint_url: null },
    { force_path_style: false },
    { credentials: { type: "aws_oidc" as const, role_arn: "arn:aws:iam::123456789012:role/r" } },
  ]) {
    assert.equal(rechecksStore(p), true, JSON.stringify(p));
  }
  assert.equal(rescopes({ file_pattern: "*.csv" }), true);
  assert.equal(rescopes({ prefix: "" }), true);
  assert.equal(rescopes({ backfill: true }), true);
  assert.equal(rescopes({ backfill: false, poll_interval_minutes: 5 }), false);
  assert.equal(
    rescopes({ credentials: { type: "aws_oidc", role_arn: "arn:aws:iam::123456789012:role/r" } }),
    false,
  );
});

test("the changes are listed before saving, never with a secret", () => {
  const name = (id: string | null) => (id === null ? "none" : id === "c-1" ? "Partner orders" : id);
  const lines = describeChanges(
    CONN,
    {
      file_pattern: "*.csv",
      poll_interval_minutes: 15,
      prefix: "",
      contract_id: null,
      endpoint_url: null,
      credentials: { type: "aws_static", access_key_id: "EXAMPLEKEYID2", secret_access_key: "s3cret" },
    },
    name,
  );
  assert.deepEqual(lines, [
    "Prefix: incoming/ → (none)",
    "File pattern: *.ndjson → *.csv",
    "Contract: Partner orders → none",
    "Poll interval: every 1 h → every 15 min",
    "Endpoint URL: http://127.0.0.1:9000 → (AWS)",
    "Credentials: replaced by new access key credentials (key …YID2)",
  ]);
  assert.ok(!lines.join("\n").includes("s3cret"));
  assert.deepEqual(describeChanges(CONN, {}, name), []);
});

test("server errors land beside their field; with the credentials kept, on the credentials choice", () => {
  const secret = {
    status: 422,
    code: "connection.s3.signature_mismatch",
    message: "The secret access key does not match the access key id.",
    hint: "Paste the secret access key again.",
    details: { aws_code: "SignatureDoesNotMatch", field: "credentials.secret_access_key" },
  };
  assert.deepEqual(placeServerErrors(secret, "replace").fields, {
    "credentials.secret_access_key":
      "The secret access key does not match the access key id. Paste the secret access key again.",
  });
  const kept = placeServerErrors(secret, "keep").fields;
  assert.deepEqual(Object.keys(kept), ["credentials"]);
  assert.match(kept.credentials ?? "", /^The current credentials were refused: The secret access key/);

  const bucket = placeServerErrors(
    {
      status: 422,
      code: "connection.s3.no_such_bucket",
      message: "The bucket nope does not exist.",
      details: { aws_code: "NoSuchBucket", field: "bucket" },
    },
    "keep",
  );
  assert.deepEqual(bucket, { fields: { bucket: "The bucket nope does not exist." }, other: [] });
  const bad = placeServerErrors(
    {
      status: 400,
      code: "request.invalid",
      message: 'body.bucket "x_y" is not a valid bucket name.',
      details: [{ field: "body.bucket", problem: 'body.bucket "x_y" is not a valid bucket name' }],
    },
    "keep",
  );
  assert.deepEqual(Object.keys(bad.fields), ["bucket"]);
  // A name already taken is a 409 without a field: it still lands on the name.
  const taken = placeServerErrors(
    {
      status: 409,
      code: "connection.name_taken",
      message: 'A connection named "x" exists already.',
      hint: "Pick another name.",
    },
    "keep",
  );
  assert.deepEqual(taken, {
    fields: { name: 'A connection named "x" exists already. Pick another name.' },
    other: [],
  });
});
