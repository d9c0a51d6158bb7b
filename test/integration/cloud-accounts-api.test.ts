/**
 * Cloud accounts through the HTTP API against the STS emulator on loopback: each credential type registered
 * only after GetCallerIdentity through its whole chain, credential_ref as an object or a JSON string, the
 * account id checked, secrets sealed and never answered, re-validation, setup text, deletion.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { trustOidcPolicy, trustRolePolicy } from "../../src/domain/iam-policy.ts";
import { closeTestDatabases } from "../support/db.ts";
import {
  ACCOUNT,
  AUDIENCE,
  type IdentityStack,
  ISSUER,
  type StackOrg,
  startIdentityStack,
} from "../support/sts-emulator.stack.ts";

after(closeTestDatabases);

const USER = {
  accessKeyId: "EXAMPLECLOUDKEY01",
  secretAccessKey: "dwCloudSecretEXAMPLEdwCloudSecretEXAMPLE0",
  arn: "arn:aws:iam::444455556666:user/driftwatch-scanner",
};
const USER_ACCOUNT = "444455556666";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/DriftwatchScanner`;
const OIDC_ROLE = `arn:aws:iam::${ACCOUNT}:role/DriftwatchFederated`;
const keys = { access_key_id: USER.accessKeyId, secret_access_key: USER.secretAccessKey };

describe("cloud accounts API", () => {
  let t: IdentityStack;
  let other: StackOrg;
  before(async () => {
    t = await startIdentityStack({ sts: { users: [USER] } });
    other = await t.newOrg("other");
    t.sts.setRole({
      arn: ROLE,
      trustPolicy: trustRolePolicy({ principalArn: USER.arn, externalId: t.org.externalId }).policy,
    });
    t.sts.addOidcProvider({ account: ACCOUNT, url: ISSUER, clientIds: [AUDIENCE] });
    t.sts.setRole({
      arn: OIDC_ROLE,
      trustPolicy: trustOidcPolicy({
        accountId: ACCOUNT,
        issuer: ISSUER,
        audience: AUDIENCE,
        orgId: t.org.id,
      }).policy,
    });
  });
  after(async () => t.close());

  const count = async () =>
    Number(
      (await t.database.db.query<{ n: number }>("SELECT count(*)::int AS n FROM cloud_accounts")).rows[0]!.n,
    );

  test("aws_static with credential_ref as an object: validated, sealed, never answered", async () => {
    const res = await t.api("/api/v1/cloud-accounts", {
      body: {
        provider: "aws",
        display_name: "Static dev",
        external_account_id: USER_ACCOUNT,
        default_region: "eu-west-1",
        credential_type: "aws_static",
        credential_ref: { ...keys, region: "us-east-1" },
      },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.provider, "aws");
    assert.equal(res.body.health, "healthy");
    assert.equal(res.body.caller_arn, USER.arn);
    assert.equal(res.body.credential.type, "aws_static");
    assert.equal(res.body.credential.region, "us-east-1");
    assert.equal(res.body.credential.access_key_id_suffix, "EY01");
    assert.ok(res.body.last_validated_at);
    assert.ok(!res.text.includes(USER.secretAccessKey));
    assert.ok(!res.text.includes(USER.accessKeyId));
    const { rows } = await t.database.db.query<{ dump: string }>(
      "SELECT (SELECT string_agg(row_to_json(c)::text, '') FROM cloud_accounts c) || (SELECT string_agg(encode(ciphertext, 'escape'), '') FROM sealed_secrets) AS dump",
    );
    assert.ok(!rows[0]!.dump.includes(USER.secretAccessKey.slice(0, 16)), "the secret is sealed");
    assert.ok(!t.logs().includes(USER.secretAccessKey), "the secret is not logged");

    const got = await t.api(`/api/v1/cloud-accounts/${res.body.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, res.body);
    assert.equal((await t.api(`/api/v1/cloud-accounts/${res.body.id}`, { key: other.adminKey })).status, 404);
  });

  test("credential_ref as a JSON string on the seed's POST /orgs/:id/accounts; another org's id is not found", async () => {
    const body = {
      provider: "aws",
      display_name: "Role prod",
      external_account_id: ACCOUNT,
      credential_type: "aws_static",
      credential_ref: JSON.stringify({ ...keys, region: "us-east-1", role_arn: ROLE }),
    };
    assert.equal((await t.api(`/api/v1/orgs/${other.id}/accounts`, { body })).status, 404);
    const res = await t.api(`/api/v1/orgs/${t.org.id}/accounts`, { body });
    assert.equal(res.status, 201, res.text);
    assert.match(res.body.caller_arn, /^arn:aws:sts::123456789012:assumed-role\/DriftwatchScanner\//);
    assert.equal(res.body.credential.role_arn, ROLE);
    assert.equal(res.body.default_region, null);
  });

  test("aws_oidc: the top-level type decides; an inner _credential_type is accepted when it agrees", async () => {
    const base = {
      display_name: "Federated",
      external_account_id: ACCOUNT,
      credential_type: "aws_oidc",
    };
    const bare = await t.api("/api/v1/cloud-accounts", {
      body: { ...base, credential_ref: { role_arn: OIDC_ROLE, region: "us-east-1" } },
    });
    assert.equal(bare.status, 201, bare.text);
    assert.match(bare.body.caller_arn, /assumed-role\/DriftwatchFederated\//);
    const withInner = await t.api("/api/v1/cloud-accounts", {
      body: {
        ...base,
        display_name: "Federated 2",
        credential_ref: JSON.stringify({
          role_arn: OIDC_ROLE,
          region: "us-east-1",
          _credential_type: "aws_oidc",
        }),
      },
    });
    assert.equal(withInner.status, 201, withInner.text);
    const before = await count();
    const disagree = await t.api("/api/v1/cloud-accounts", {
      body: {
        ...base,
        display_name: "Federated 3",
        credential_ref: { role_arn: OIDC_ROLE, region: "us-east-1", _credential_type: "aws_static" },
      },
    });
    assert.equal(disagree.status, 400);
    assert.equal(disagree.body.error.code, "cloud_account.credential_type_mismatch");
    assert.equal(disagree.body.error.details[0].field, "body.credential_ref._credential_type");
    assert.equal(await count(), before);
  });

  test("bad input names the field and stores nothing", async () => {
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ external_account_id: "12345" }, "body.external_account_id"],
      [{ credential_ref: { ...keys } }, "body.credential_ref.region"],
      [{ credential_ref: { ...keys, region: "Ireland" } }, "body.credential_ref.region"],
      [{ credential_ref: "{not json" }, "body.credential_ref"],
      [
        { credential_ref: { access_key_id: USER.accessKeyId, region: "us-east-1" } },
        "body.credential_ref.secret_access_key",
      ],
      [
        {
          credential_type: "aws_oidc",
          credential_ref: { ...keys, role_arn: OIDC_ROLE, region: "us-east-1" },
        },
        "body.credential_ref.access_key_id",
      ],
      [
        {
          credential_type: "aws_oidc",
          credential_ref: { role_arn: OIDC_ROLE, external_id: "xyz-123", region: "us-east-1" },
        },
        "body.credential_ref.external_id",
      ],
      [
        { credential_type: "aws_role", credential_ref: { ...keys, region: "us-east-1" } },
        "body.credential_ref.role_arn",
      ],
      [{ default_region: "nowhere" }, "body.default_region"],
    ];
    for (const [over, field] of cases) {
      const res = await t.api("/api/v1/cloud-accounts", {
        body: {
          display_name: "Bad",
          external_account_id: USER_ACCOUNT,
          credential_type: "aws_static",
          credential_ref: { ...keys, region: "us-east-1" },
          ...over,
        },
      });
      assert.equal(res.status, 400, `${JSON.stringify(over)}: ${res.text}`);
      const named = JSON.stringify(res.body.error.details ?? res.body.error.message);
      assert.ok(named.includes(field), `${JSON.stringify(over)} should name ${field}: ${res.text}`);
      assert.ok(!res.text.includes(USER.secretAccessKey));
    }
    const taken = await t.api("/api/v1/cloud-accounts", {
      body: {
        display_name: "Static dev",
        external_account_id: USER_ACCOUNT,
        credential_type: "aws_static",
        credential_ref: { ...keys, region: "us-east-1" },
      },
    });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, "cloud_account.name_taken");
    assert.equal(await count(), before);
  });

  test("credentials of another account than external_account_id: 422 aws.sts.account_mismatch, nothing stored", async () => {
    const before = await count();
    const res = await t.api("/api/v1/cloud-accounts", {
      body: {
        display_name: "Spoofed",
        external_account_id: "111122223333",
        credential_type: "aws_static",
        credential_ref: { ...keys, region: "us-east-1" },
      },
    });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.body.error.code, "aws.sts.account_mismatch");
    assert.equal(res.body.error.details.field, "body.external_account_id");
    assert.match(res.body.error.message, /444455556666, not 111122223333/);
    const wrongSecret = await t.api("/api/v1/cloud-accounts", {
      body: {
        display_name: "Wrong secret",
        external_account_id: USER_ACCOUNT,
        credential_type: "aws_static",
        credential_ref: { ...keys, secret_access_key: "x".repeat(40), region: "us-east-1" },
      },
    });
    assert.equal(wrongSecret.status, 422);
    assert.equal(wrongSecret.body.error.code, "aws.sts.signature_mismatch");
    assert.equal(wrongSecret.body.error.details.field, "body.credential_ref.secret_access_key");
    assert.equal(await count(), before);
  });

  test("list by name with a cursor; PATCH re-validates a new credential and refuses a bad one unchanged", async () => {
    const page = await t.api("/api/v1/cloud-accounts?limit=2");
    assert.equal(page.status, 200);
    assert.equal(page.body.items.length, 2);
    assert.ok(page.body.next_cursor);
    const rest = await t.api(`/api/v1/cloud-accounts?limit=50&cursor=${page.body.next_cursor}`);
    const names = [...page.body.items, ...rest.body.items].map(
      (a: { display_name: string }) => a.display_name,
    );
    assert.deepEqual(names, [...names].sort());
    assert.equal((await t.api("/api/v1/cloud-accounts", { key: other.adminKey })).body.items.length, 0);

    const account = page.body.items.find((a: { display_name: string }) => a.display_name === "Federated");
    const renamed = await t.api(`/api/v1/cloud-accounts/${account.id}`, {
      method: "PATCH",
      body: { display_name: "Federated prod", default_region: "eu-west-1" },
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal(renamed.body.display_name, "Federated prod");
    assert.equal(renamed.body.default_region, "eu-west-1");

    const refused = await t.api(`/api/v1/cloud-accounts/${account.id}`, {
      method: "PATCH",
      body: { external_account_id: USER_ACCOUNT },
    });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, "aws.sts.account_mismatch");
    const unchanged = await t.api(`/api/v1/cloud-accounts/${account.id}`);
    assert.deepEqual(unchanged.body, renamed.body);

    const switched = await t.api(`/api/v1/cloud-accounts/${account.id}`, {
      method: "PATCH",
      body: {
        credential_type: "aws_role",
        credential_ref: { ...keys, role_arn: ROLE, region: "us-east-1" },
      },
    });
    assert.equal(switched.status, 200, switched.text);
    assert.equal(switched.body.credential_type, "aws_role");
    assert.notEqual(switched.body.credential.fingerprint, renamed.body.credential.fingerprint);
    // the old sealed credential is gone with it
    const { rows } = await t.database.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sealed_secrets WHERE purpose = 'cloud_account.credential'",
    );
    assert.equal(rows[0]!.n, await count());
  });

  test("POST …/test re-validates: a refusal is ok:false with the code and fix, kept as the account's health", async () => {
    const list = await t.api("/api/v1/cloud-accounts");
    const account = list.body.items.find((a: { display_name: string }) => a.display_name === "Static dev");
    const ok = await t.api(`/api/v1/cloud-accounts/${account.id}/test`, { method: "POST" });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.body.ok, true);
    assert.equal(ok.body.caller.account, USER_ACCOUNT);

    t.sts.injectFault({ action: "GetCallerIdentity", code: "InvalidClientTokenId", status: 403, times: 1 });
    const bad = await t.api(`/api/v1/cloud-accounts/${account.id}/test`, { method: "POST" });
    assert.equal(bad.status, 200, bad.text);
    assert.equal(bad.body.ok, false);
    assert.equal(bad.body.error.code, "aws.sts.unknown_access_key");
    assert.equal(bad.body.error.aws_code, "InvalidClientTokenId");
    assert.ok(bad.body.error.hint.length > 10);
    assert.equal(bad.body.cloud_account.health, "critical");
    assert.equal(
      (await t.api(`/api/v1/cloud-accounts/${account.id}`)).body.last_error.code,
      "aws.sts.unknown_access_key",
    );

    const healed = await t.api(`/api/v1/cloud-accounts/${account.id}/test`, { method: "POST" });
    assert.equal(healed.body.cloud_account.health, "healthy");
    assert.equal(healed.body.cloud_account.last_error, null);
  });

  test("GET …/setup renders the statements for this account, the OIDC trust policy with the org filled in", async () => {
    const list = await t.api("/api/v1/cloud-accounts");
    const oidc = list.body.items.find((a: { display_name: string }) => a.display_name === "Federated 2");
    const setup = await t.api(`/api/v1/cloud-accounts/${oidc.id}/setup`);
    assert.equal(setup.status, 200, setup.text);
    assert.equal(setup.body.account_id, ACCOUNT);
    assert.equal(setup.body.principal_arn, OIDC_ROLE);
    const ids = setup.body.sections.map((s: { id: string }) => s.id);
    assert.deepEqual(ids, [
      "resource_explorer",
      "scan_policy",
      "state_read",
      "bucket_policy",
      "kms",
      "trust_policy",
    ]);
    const section = (id: string) => setup.body.sections.find((s: { id: string }) => s.id === id);
    assert.ok(section("scan_policy").policy.Statement[0].Action.includes("resource-explorer-2:Search"));
    assert.ok(section("scan_policy").policy.Statement[0].Action.includes("cloudformation:GetResource"));
    assert.deepEqual(section("bucket_policy").policy.Statement[0].Principal, { AWS: OIDC_ROLE });
    const trust = JSON.stringify(section("trust_policy").policy);
    assert.ok(trust.includes(`org-${t.org.id}`));
    assert.ok(trust.includes(AUDIENCE));
    assert.match(setup.body.text, /1\. Turn on Resource Explorer/);
    assert.match(setup.body.text, new RegExp(t.org.id));

    const role = list.body.items.find((a: { display_name: string }) => a.display_name === "Role prod");
    const roleSetup = await t.api(`/api/v1/cloud-accounts/${role.id}/setup`);
    assert.ok(
      JSON.stringify(roleSetup.body).includes(t.org.externalId),
      "the external id AssumeRole is sent with",
    );
    const staticOne = list.body.items.find((a: { display_name: string }) => a.display_name === "Static dev");
    const staticSetup = await t.api(`/api/v1/cloud-accounts/${staticOne.id}/setup`);
    assert.equal(staticSetup.body.principal_arn, USER.arn);
    assert.ok(!staticSetup.body.sections.some((s: { id: string }) => s.id === "trust_policy"));
  });

  test("DELETE removes the account and its sealed credential; another org cannot", async () => {
    const list = await t.api("/api/v1/cloud-accounts");
    const account = list.body.items.find((a: { display_name: string }) => a.display_name === "Federated 2");
    assert.equal(
      (await t.api(`/api/v1/cloud-accounts/${account.id}`, { method: "DELETE", key: other.adminKey })).status,
      404,
    );
    const gone = await t.api(`/api/v1/cloud-accounts/${account.id}`, { method: "DELETE" });
    assert.equal(gone.status, 204);
    assert.equal((await t.api(`/api/v1/cloud-accounts/${account.id}`)).status, 404);
    const { rows } = await t.database.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM sealed_secrets WHERE purpose = 'cloud_account.credential'",
    );
    assert.equal(rows[0]!.n, await count());
  });
});
