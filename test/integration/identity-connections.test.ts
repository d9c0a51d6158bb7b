/**
 * An S3 connection of each credential type polls a bucket end to end through the API: the connection is
 * probed before it is saved, sealed, and polled by a worker whose S3 client takes its credentials from
 * driftwatch's identity service (STS emulator: AssumeRole with an external id, or AssumeRoleWithWebIdentity
 * with driftwatch's own token checked against its JWKS). Misconfigured trust is a 422 naming the field.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { registerTasks } from "../../src/app/tasks.ts";
import { trustOidcPolicy, trustRolePolicy } from "../../src/domain/iam-policy.ts";
import { Worker } from "../../src/infra/jobs/worker.ts";
import { closeTestDatabases } from "../support/db.ts";
import { captureLogger } from "../support/logger.ts";
import {
  ACCOUNT,
  AUDIENCE,
  type IdentityStack,
  ISSUER,
  startIdentityStack,
} from "../support/sts-emulator.stack.ts";
import { ORDERS_CONTRACT } from "../support/watch.ts";

after(closeTestDatabases);

const USER = {
  accessKeyId: "EXAMPLECONNKEY01",
  secretAccessKey: "dwConnSecretEXAMPLEdwConnSecretEXAMPLE00",
  arn: "arn:aws:iam::444455556666:user/driftwatch",
};
const ROLE = `arn:aws:iam::${ACCOUNT}:role/PartnerDrops`;
const ROLE_OIDC = `arn:aws:iam::${ACCOUNT}:role/PartnerDropsFederated`;
const ROLE_OTHER_ORG = `arn:aws:iam::${ACCOUNT}:role/OtherOrgOnly`;

describe("S3 connections with role and OIDC credentials", () => {
  let t: IdentityStack;
  let worker: Worker;
  let contractId: string;
  before(async () => {
    t = await startIdentityStack({ sts: { users: [USER], sessionSeconds: 900 } });
    t.s3.emulator.addCredentials(USER);
    t.sts.setRole({
      arn: ROLE,
      trustPolicy: trustRolePolicy({ principalArn: USER.arn, externalId: t.org.externalId }).policy,
    });
    t.sts.setRole({
      arn: ROLE_OIDC,
      trustPolicy: trustOidcPolicy({
        accountId: ACCOUNT,
        issuer: ISSUER,
        audience: AUDIENCE,
        orgId: t.org.id,
      }).policy,
    });
    t.sts.setRole({
      arn: ROLE_OTHER_ORG,
      trustPolicy: trustOidcPolicy({
        accountId: ACCOUNT,
        issuer: ISSUER,
        audience: AUDIENCE,
        orgId: "00000000-0000-4000-8000-000000000000",
      }).policy,
    });
    t.sts.addOidcProvider({ account: ACCOUNT, url: ISSUER, clientIds: [AUDIENCE] });
    worker = new Worker(t.database.db, captureLogger("warn").logger, {
      concurrency: 2,
      leaseSeconds: 30,
      pollIntervalMs: 20,
      shutdownGraceMs: 1000,
    });
    registerTasks(worker, { services: t.services });
    worker.start();
    contractId = (await t.api("/api/v1/contracts", { body: { name: "orders", document: ORDERS_CONTRACT } }))
      .body.id;
  });
  after(async () => {
    await worker.stop();
    await t.close();
  });

  const connection = (name: string, credentials: Record<string, unknown>) => ({
    name,
    provider: "aws_s3",
    region: t.s3.region,
    bucket: t.s3.bucket,
    prefix: `${name}/`,
    endpoint_url: t.s3.emulator.endpoint,
    force_path_style: true,
    backfill: true,
    contract_id: contractId,
    credentials,
  });

  const cases: Array<[string, Record<string, unknown>]> = [
    [
      "static-role",
      {
        type: "aws_static",
        access_key_id: USER.accessKeyId,
        secret_access_key: USER.secretAccessKey,
        role_arn: ROLE,
      },
    ],
    [
      "assumed-role",
      {
        type: "aws_role",
        access_key_id: USER.accessKeyId,
        secret_access_key: USER.secretAccessKey,
        role_arn: ROLE,
      },
    ],
    ["federated", { type: "aws_oidc", role_arn: ROLE_OIDC, region: "us-east-1" }],
  ];
  for (const [name, credentials] of cases) {
    test(`${credentials.type}${name === "static-role" ? " + role_arn" : ""}: created after a probe, then polled through STS`, async () => {
      t.s3.emulator.putObject(t.s3.bucket, `${name}/orders.ndjson`, '{"order_id":"bad"}\n');
      const created = await t.api("/api/v1/connections", { body: connection(name, credentials) });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.credentials.type, credentials.type);
      assert.equal(created.body.credentials.role_arn, credentials.role_arn);
      const polled = await t.api(`/api/v1/connections/${created.body.id}/poll?wait=true`, { method: "POST" });
      assert.equal(polled.status, 200, polled.text);
      const files = await t.api(`/api/v1/connections/${created.body.id}/files`);
      assert.deepEqual(
        files.body.items.map((f: { key: string; status: string }) => [f.key, f.status]),
        [[`${name}/orders.ndjson`, "processed"]],
      );
      const gets = t.s3.emulator.requests.filter(
        (r) => r.op === "GetObject" && r.key === `${name}/orders.ndjson`,
      );
      assert.ok(
        gets.length > 0 && gets.every((r) => t.sts.issued.some((s) => s.accessKeyId === r.accessKeyId)),
        "S3 was read with STS sessions only",
      );
      const policy = await t.api(`/api/v1/connections/${created.body.id}/policy`);
      assert.ok(JSON.stringify(policy.body.policy).includes(`arn:aws:s3:::${t.s3.bucket}/${name}/*`));
      if (credentials.type === "aws_oidc") {
        assert.ok(
          t.sts.calls.some(
            (c) => c.action === "AssumeRoleWithWebIdentity" && c.status === 200 && c.signed === false,
          ),
        );
        const trust = JSON.stringify(policy.body.trust_policy);
        assert.match(trust, /sts:AssumeRoleWithWebIdentity/);
        assert.ok(trust.includes(`org-${t.org.id}`), "the trust policy pins this organisation's subject");
      } else {
        assert.equal(policy.body.trust_policy, undefined);
        assert.ok(policy.body.notes.some((n: string) => n.includes(ROLE)));
      }
    });
  }

  test("a role that does not trust this org, or a wrong external id, is refused at creation with the field and the fix", async () => {
    const before = (await t.api("/api/v1/connections")).body.items.length;
    const otherOrg = await t.api("/api/v1/connections", {
      body: connection("other-org", { type: "aws_oidc", role_arn: ROLE_OTHER_ORG }),
    });
    assert.equal(otherOrg.status, 422, otherOrg.text);
    assert.match(otherOrg.body.error.code, /^connection\.sts\./);
    assert.equal(otherOrg.body.error.details.field, "credentials.role_arn");
    assert.ok(otherOrg.body.error.hint.length > 20);

    const wrongId = await t.api("/api/v1/connections", {
      body: connection("wrong-id", {
        type: "aws_role",
        access_key_id: USER.accessKeyId,
        secret_access_key: USER.secretAccessKey,
        role_arn: ROLE,
        external_id: "not-the-pinned-id",
      }),
    });
    assert.equal(wrongId.status, 422, wrongId.text);
    assert.equal(wrongId.body.error.code, "connection.sts.assume_role_denied");
    assert.equal(wrongId.body.error.details.field, "credentials.role_arn");
    assert.match(wrongId.body.error.hint, /sts:ExternalId condition must equal "not-the-pinned-id"/);
    assert.equal((await t.api("/api/v1/connections")).body.items.length, before, "nothing was stored");
    assert.ok(!t.logs().includes(USER.secretAccessKey));
  });
});
