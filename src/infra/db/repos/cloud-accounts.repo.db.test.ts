import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, test } from "node:test";
import { closeTestDatabases, createTestDatabase } from "../../../../test/support/db.ts";
import type { Queryable } from "../engine.ts";
import {
  deleteCloudAccount,
  findCloudAccount,
  findCloudAccountByName,
  insertCloudAccount,
  listCloudAccounts,
  type NewCloudAccount,
  recordCloudAccountCheck,
  updateCloudAccount,
} from "./cloud-accounts.repo.ts";
import {
  deleteStateSource,
  deleteStateSourcesOfScanAccount,
  findStateSource,
  insertStateSource,
  listStateSources,
  type NewStateSource,
  recordStateSourceTest,
  stateSourcesForScan,
  stateSourcesReadForOthers,
} from "./state-sources.repo.ts";

after(closeTestDatabases);

async function org(q: Queryable, name = "acme"): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    "INSERT INTO orgs (name, external_id) VALUES ($1, $2) RETURNING id",
    [name, randomBytes(8).toString("hex")],
  );
  return rows[0]!.id;
}

async function secret(q: Queryable, orgId: string): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO sealed_secrets (org_id, purpose, kek_id, wrapped_key, ciphertext)
     VALUES ($1, 'cloud_account.credential', 'k1', '\\x00', '\\x00') RETURNING id`,
    [orgId],
  );
  return rows[0]!.id;
}

async function account(q: Queryable, orgId: string, name: string, accountId = "123456789012") {
  const input: NewCloudAccount = {
    org_id: orgId,
    display_name: name,
    external_account_id: accountId,
    default_region: "eu-west-1",
    credential_type: "aws_role",
    credential_public: {
      type: "aws_role",
      fingerprint: "sha256:0011223344556677",
      access_key_id_suffix: "MPLE",
      role_arn: `arn:aws:iam::${accountId}:role/Scanner`,
    },
    credential_secret_id: await secret(q, orgId),
    credential_region: "eu-west-1",
    caller_arn: `arn:aws:sts::${accountId}:assumed-role/Scanner/driftwatch-x`,
    validated_at: new Date("2026-01-02T03:04:05Z"),
  };
  return insertCloudAccount(q, input);
}

function source(orgId: string, readerId: string, scanId: string, over: Partial<NewStateSource> = {}) {
  return {
    org_id: orgId,
    cloud_account_id: readerId,
    scan_account_id: scanId,
    bucket: "tf-state",
    key: "prod/terraform.tfstate",
    region: "eu-west-1",
    workspace: null,
    workspace_key_prefix: "env:",
    version_id: null,
    endpoint_url: null,
    force_path_style: false,
    ...over,
  } satisfies NewStateSource;
}

test("cloud accounts: insert, read back typed, list by name with a cursor, update, record checks, delete", async () => {
  const t = await createTestDatabase();
  try {
    const orgId = await org(t.db);
    const other = await org(t.db, "other");
    const b = await account(t.db, orgId, "b-prod");
    const a = await account(t.db, orgId, "a-dev", "210987654321");
    assert.equal(b.provider, "aws");
    assert.equal(b.health, "healthy");
    assert.equal(b.credential_public.role_arn, "arn:aws:iam::123456789012:role/Scanner");
    assert.ok(b.last_validated_at instanceof Date);
    assert.equal(b.last_validated_at.toISOString(), "2026-01-02T03:04:05.000Z");
    assert.ok(b.created_at instanceof Date);
    assert.match(b.id, /^[0-9a-f-]{36}$/);

    // tenancy: another organisation finds nothing; a non-uuid is not found, not an error
    assert.equal(await findCloudAccount(t.db, other, b.id), undefined);
    assert.equal(await findCloudAccount(t.db, orgId, "nope"), undefined);
    assert.equal((await findCloudAccountByName(t.db, orgId, "a-dev"))?.id, a.id);

    const first = await listCloudAccounts(t.db, orgId, { limit: 1 });
    assert.deepEqual(
      first.map((r) => r.display_name),
      ["a-dev"],
    );
    const next = await listCloudAccounts(t.db, orgId, { limit: 5, after: ["a-dev", a.id] });
    assert.deepEqual(
      next.map((r) => r.display_name),
      ["b-prod"],
    );
    assert.deepEqual(await listCloudAccounts(t.db, other, { limit: 5 }), []);

    const renamed = await updateCloudAccount(t.db, orgId, b.id, {
      display_name: "b-production",
      default_region: null,
      credential_public: { type: "aws_oidc", fingerprint: "sha256:ffff", role_arn: "arn:aws:iam::1:role/x" },
      credential_type: "aws_oidc",
    });
    assert.equal(renamed?.display_name, "b-production");
    assert.equal(renamed?.default_region, null);
    assert.equal(renamed?.credential_public.type, "aws_oidc");
    assert.ok(renamed!.updated_at.getTime() >= b.updated_at.getTime());
    assert.equal(await updateCloudAccount(t.db, other, b.id, { display_name: "stolen" }), undefined);

    const failed = await recordCloudAccountCheck(t.db, orgId, b.id, {
      ok: false,
      error: { code: "aws.sts.token_expired", aws_code: "ExpiredToken", message: "m", hint: "h", at: "x" },
    });
    assert.equal(failed?.health, "critical");
    assert.equal(failed?.last_error?.aws_code, "ExpiredToken");
    assert.equal(failed?.last_validated_at?.toISOString(), "2026-01-02T03:04:05.000Z");
    const healed = await recordCloudAccountCheck(t.db, orgId, b.id, {
      ok: true,
      callerArn: "arn:aws:sts::123456789012:assumed-role/Scanner/y",
      at: new Date("2026-02-01T00:00:00Z"),
    });
    assert.equal(healed?.health, "healthy");
    assert.equal(healed?.last_error, null);
    assert.equal(healed?.caller_arn, "arn:aws:sts::123456789012:assumed-role/Scanner/y");

    assert.equal(await deleteCloudAccount(t.db, other, a.id), false);
    assert.equal(await deleteCloudAccount(t.db, orgId, a.id), true);
    assert.equal(await findCloudAccount(t.db, orgId, a.id), undefined);
  } finally {
    await t.close();
  }
});

test("cloud accounts: the schema refuses what the API would never send", async () => {
  const t = await createTestDatabase();
  try {
    const orgId = await org(t.db);
    await account(t.db, orgId, "prod");
    // one display name per organisation (the CLI addresses accounts by it)
    await assert.rejects(account(t.db, orgId, "prod"), (err: { code?: string }) => err.code === "23505");
    // the same name in another organisation is fine
    await account(t.db, await org(t.db, "other"), "prod");
    // 12 digits, a known credential type, provider aws only
    await assert.rejects(
      account(t.db, orgId, "short", "12345"),
      (err: { code?: string }) => err.code === "23514",
    );
    await assert.rejects(
      t.db.query("UPDATE cloud_accounts SET credential_type = 'gcp_key' WHERE display_name = 'prod'"),
      (err: { code?: string }) => err.code === "23514",
    );
    await assert.rejects(
      t.db.query("UPDATE cloud_accounts SET provider = 'gcp' WHERE display_name = 'prod'"),
      (err: { code?: string }) => err.code === "23514",
    );
  } finally {
    await t.close();
  }
});

test("state sources: reader vs scanned account, tests recorded, one object once per account", async () => {
  const t = await createTestDatabase();
  try {
    const orgId = await org(t.db);
    const scanner = await account(t.db, orgId, "scanner");
    const reader = await account(t.db, orgId, "state-reader");
    const own = await insertStateSource(t.db, source(orgId, scanner.id, scanner.id));
    assert.equal(own.workspace_key_prefix, "env:");
    assert.equal(own.last_test_status, null);
    assert.equal(own.workspace, null);

    // Option 2: a dedicated reader reads a state the scanner's scans use
    const viaReader = await insertStateSource(
      t.db,
      source(orgId, reader.id, scanner.id, {
        key: "net.tfstate",
        workspace: "staging",
        test: {
          result: {
            status: "ok",
            serial: 7,
            lineage: "l-1",
            terraform_version: "1.9.0",
            resource_count: 12,
            object_key: "env:/staging/net.tfstate",
            version_id: null,
            size: 1234,
          },
          at: new Date("2026-03-01T00:00:00Z"),
        },
      }),
    );
    assert.equal(viaReader.last_test_status, "ok");
    assert.equal(viaReader.last_test?.status === "ok" && viaReader.last_test.serial, 7);

    // the same object twice for one scanned account is refused; another workspace or version is another source
    await assert.rejects(
      insertStateSource(t.db, source(orgId, reader.id, scanner.id)),
      (err: { code?: string }) => err.code === "23505",
    );
    await insertStateSource(t.db, source(orgId, scanner.id, scanner.id, { version_id: "v1" }));

    const forScan = await stateSourcesForScan(t.db, orgId, scanner.id);
    assert.equal(forScan.length, 3);
    assert.deepEqual(
      (await stateSourcesReadForOthers(t.db, orgId, reader.id)).map((s) => s.id),
      [viaReader.id],
    );
    assert.deepEqual(await stateSourcesReadForOthers(t.db, orgId, scanner.id), []);

    const page1 = await listStateSources(t.db, orgId, { limit: 2 });
    assert.equal(page1.length, 2);
    const last = page1.at(-1)!;
    const page2 = await listStateSources(t.db, orgId, { limit: 2, after: [last.bucket, last.key, last.id] });
    assert.equal(page2.length, 1);
    assert.equal(new Set([...page1, ...page2].map((s) => s.id)).size, 3);
    assert.deepEqual(
      (await listStateSources(t.db, orgId, { limit: 10, cloudAccountId: reader.id })).map((s) => s.id),
      [viaReader.id],
    );

    const failed = await recordStateSourceTest(
      t.db,
      orgId,
      own.id,
      {
        status: "failed",
        object_key: "prod/terraform.tfstate",
        error: { code: "state.no_such_key", aws_code: "NoSuchKey", message: "m", hint: "h", at: "x" },
      },
      new Date(),
    );
    assert.equal(failed?.last_test_status, "failed");
    assert.equal(failed?.last_test?.status === "failed" && failed.last_test.error.code, "state.no_such_key");

    // a reader still used by another account's source cannot go; the scanned account takes its sources along
    // (restrict_violation 23001 on newer servers, foreign_key_violation 23503 on older ones)
    await assert.rejects(deleteCloudAccount(t.db, orgId, reader.id), (err: { code?: string }) =>
      ["23001", "23503"].includes(err.code ?? ""),
    );
    assert.equal(await deleteStateSource(t.db, await org(t.db, "other"), own.id), false);
    assert.equal(await deleteStateSource(t.db, orgId, own.id), true);
    assert.equal(await findStateSource(t.db, orgId, own.id), undefined);
    assert.equal(await deleteStateSourcesOfScanAccount(t.db, orgId, scanner.id), 2);
    assert.equal(await deleteCloudAccount(t.db, orgId, reader.id), true);
    assert.equal(await deleteCloudAccount(t.db, orgId, scanner.id), true);
  } finally {
    await t.close();
  }
});
