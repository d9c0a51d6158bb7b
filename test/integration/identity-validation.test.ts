/**
 * Validation before save: every misconfiguration a user can make with AWS credentials is refused with a
 * stable code, AWS's own code and a hint that names the fix, through IdentityService.validate and through
 * POST /api/v1/credentials/validate; and no secret reaches a response or a log line on the way.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { IdentityService } from "../../src/app/identity.service.ts";
import { trustOidcPolicy, trustRolePolicy } from "../../src/domain/iam-policy.ts";
import type { AwsCallError } from "../../src/infra/aws/aws-errors.ts";
import type { CredentialSpec } from "../../src/infra/aws/credentials.ts";
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
  accessKeyId: "EXAMPLEUSERKEY01",
  secretAccessKey: "dwUserSecretEXAMPLEdwUserSecretEXAMPLE00",
  arn: "arn:aws:iam::444455556666:user/driftwatch",
};
const ROLE_ORG = `arn:aws:iam::${ACCOUNT}:role/OrgExternalId`;
const ROLE_OIDC = `arn:aws:iam::${ACCOUNT}:role/DriftwatchFederated`;

describe("validation before save refuses each misconfiguration with a stable code and hint", () => {
  let t: IdentityStack;
  let orgB: StackOrg;
  before(async () => {
    t = await startIdentityStack({
      sts: {
        users: [USER],
        regions: ["us-east-1", "eu-west-1", "ap-east-1"],
        disabledRegions: ["ap-east-1"],
      },
    });
    orgB = await t.newOrg("other");
    t.sts.setRole({
      arn: ROLE_ORG,
      trustPolicy: trustRolePolicy({ principalArn: USER.arn, externalId: t.org.externalId }).policy,
    });
    // Pinned to organisation B: a token of organisation A must not assume it.
    t.sts.setRole({
      arn: ROLE_OIDC,
      trustPolicy: trustOidcPolicy({ accountId: ACCOUNT, issuer: ISSUER, audience: AUDIENCE, orgId: orgB.id })
        .policy,
    });
    t.sts.addOidcProvider({ account: ACCOUNT, url: ISSUER, clientIds: [AUDIENCE] });
    t.sts.addOidcProvider({ account: "210987654321", url: ISSUER, clientIds: ["sts.amazonaws.com"] });
    t.sts.setRole({
      arn: "arn:aws:iam::210987654321:role/WrongAudience",
      trustPolicy: trustOidcPolicy({
        accountId: "210987654321",
        issuer: ISSUER,
        audience: AUDIENCE,
        orgId: t.org.id,
      }).policy,
    });
  });
  after(async () => t.close());

  const keys = { access_key_id: USER.accessKeyId, secret_access_key: USER.secretAccessKey };

  async function refused(
    spec: CredentialSpec,
    code: string,
    awsCode: string | null,
    hint: RegExp,
    opts: { region?: string; expectedAccountId?: string; orgId?: string } = {},
  ): Promise<void> {
    await assert.rejects(
      t.identity.validate(opts.orgId ?? t.org.id, spec, {
        region: opts.region ?? "us-east-1",
        ...(opts.expectedAccountId ? { expectedAccountId: opts.expectedAccountId } : {}),
      }),
      (e: AwsCallError) => {
        assert.equal(e.code, code);
        assert.equal(e.status, 422);
        assert.equal((e.details as { aws_code: string | null }).aws_code, awsCode);
        assert.match(e.hint!, hint);
        return true;
      },
    );
    // The same through the API, which the UI's "test credentials" button calls.
    const res = await t.api("/api/v1/credentials/validate", {
      body: {
        credentials: spec,
        region: opts.region ?? "us-east-1",
        ...(opts.expectedAccountId ? { expected_account_id: opts.expectedAccountId } : {}),
      },
      ...(opts.orgId === orgB.id ? { key: orgB.adminKey } : {}),
    });
    assert.equal(res.status, 422, res.text);
    assert.equal(res.body.error.code, code);
    assert.equal(res.body.error.details.aws_code, awsCode);
    assert.match(res.body.error.hint, hint);
  }

  test("an unknown access key: InvalidClientTokenId", async () => {
    await refused(
      { type: "aws_static", ...keys, access_key_id: "EXAMPLENOSUCHKEY" },
      "aws.sts.unknown_access_key",
      "InvalidClientTokenId",
      /access key id for typos/,
    );
  });

  test("a wrong secret: SignatureDoesNotMatch", async () => {
    await refused(
      { type: "aws_static", ...keys, secret_access_key: "z".repeat(40) },
      "aws.sts.signature_mismatch",
      "SignatureDoesNotMatch",
      /Paste the secret access key again/,
    );
  });

  test("an expired session token: ExpiredToken", async () => {
    const session = await (
      await t.identity.provider(t.org.id, { type: "aws_role", ...keys, role_arn: ROLE_ORG }, "us-east-1")
    )();
    t.clock.now += 3601_000;
    try {
      await refused(
        {
          type: "aws_static",
          access_key_id: session.accessKeyId,
          secret_access_key: session.secretAccessKey,
          session_token: session.sessionToken!,
        },
        "aws.sts.token_expired",
        "ExpiredToken",
        /long-lived access key/,
      );
    } finally {
      t.clock.now -= 3601_000;
    }
  });

  test("an external id mismatch: AccessDenied on AssumeRole, the hint names the external id sent", async () => {
    await refused(
      { type: "aws_role", ...keys, role_arn: ROLE_ORG, external_id: "dw-not-the-right-one" },
      "aws.sts.assume_role_denied",
      "AccessDenied",
      /sts:ExternalId condition must equal "dw-not-the-right-one"/,
    );
    // Organisation B's default external id is its own, so B cannot use A's role either (confused deputy).
    await refused(
      { type: "aws_role", ...keys, role_arn: ROLE_ORG },
      "aws.sts.assume_role_denied",
      "AccessDenied",
      /trust policy/,
      {
        orgId: orgB.id,
      },
    );
  });

  test("a token for org A is refused by a role pinned to org B; org B gets in", async () => {
    const spec: CredentialSpec = { type: "aws_oidc", role_arn: ROLE_OIDC };
    await refused(
      spec,
      "aws.sts.web_identity_denied",
      "AccessDenied",
      /StringEquals on <provider>:sub = org-<your org id>/,
    );
    const ok = await t.identity.validate(orgB.id, spec, { region: "us-east-1", expectedAccountId: ACCOUNT });
    assert.match(ok.arn, /assumed-role\/DriftwatchFederated\//);
  });

  test("a provider without driftwatch's audience: InvalidIdentityToken, hint adds the client id", async () => {
    await refused(
      { type: "aws_oidc", role_arn: "arn:aws:iam::210987654321:role/WrongAudience" },
      "aws.sts.oidc_audience_mismatch",
      "InvalidIdentityToken",
      new RegExp(`--client-id ${AUDIENCE.replace(/[./]/g, "\\$&")}`),
    );
  });

  test("an account without driftwatch's OIDC provider (issuer mismatch): InvalidIdentityToken", async () => {
    t.sts.setRole({
      arn: "arn:aws:iam::333333333333:role/NoProvider",
      trustPolicy: trustOidcPolicy({
        accountId: "333333333333",
        issuer: ISSUER,
        audience: AUDIENCE,
        orgId: t.org.id,
      }).policy,
    });
    await refused(
      { type: "aws_oidc", role_arn: "arn:aws:iam::333333333333:role/NoProvider" },
      "aws.sts.oidc_provider_missing",
      "InvalidIdentityToken",
      /create-open-id-connect-provider --url https:\/\/driftwatch\.test/,
    );
  });

  test("region problems: malformed, unknown to STS, and not activated", async () => {
    const spec: CredentialSpec = { type: "aws_static", ...keys };
    await refused(spec, "aws.sts.region_invalid", null, /region code/, { region: "Ireland" });
    await refused(spec, "aws.sts.region_invalid", "SignatureDoesNotMatch", /region code/, {
      region: "eu-fake-3",
    });
    await refused(spec, "aws.sts.region_disabled", "RegionDisabledException", /Activate the region/, {
      region: "ap-east-1",
    });
  });

  test("credentials of another account than the one claimed: account_mismatch", async () => {
    await refused({ type: "aws_static", ...keys }, "aws.sts.account_mismatch", null, /account 123456789012/, {
      expectedAccountId: ACCOUNT,
    });
  });

  test("an unreachable STS endpoint: retryable aws.sts.unreachable", async () => {
    const offline = new IdentityService(t.database.db, t.federation, {
      stsEndpoint: "http://127.0.0.1:9",
      stsMaxAttempts: 1,
    });
    await assert.rejects(
      offline.validate(t.org.id, { type: "aws_static", ...keys }, { region: "us-east-1" }),
      (e: AwsCallError) => {
        assert.equal(e.code, "aws.sts.unreachable");
        assert.equal(e.mapped.aws_code, "ECONNREFUSED");
        assert.equal(e.mapped.retryable, true);
        assert.match(e.hint!, /http:\/\/127\.0\.0\.1:9/);
        return true;
      },
    );
  });

  test("a malformed spec is a 400 naming the field, before any call to AWS", async () => {
    const before = t.sts.calls.length;
    const res = await t.api("/api/v1/credentials/validate", {
      body: {
        credentials: { type: "aws_role", ...keys, role_arn: "arn:aws:iam::123:role/x" },
        region: "us-east-1",
      },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "credentials.invalid");
    assert.equal(res.body.error.details.field, "role_arn");
    assert.equal(t.sts.calls.length, before);
  });

  test("no secret reaches a response, an error or a log line", async () => {
    await t.federation.mint(t.org.id); // so a private signing key exists to look for
    const wrong = "Secret/ThatIsWrong+EXAMPLE0123456789abcd";
    const session = await (
      await t.identity.provider(t.org.id, { type: "aws_role", ...keys, role_arn: ROLE_ORG }, "us-east-1")
    )();
    const texts: string[] = [];
    for (const credentials of [
      { type: "aws_static", ...keys, secret_access_key: wrong },
      {
        type: "aws_static",
        access_key_id: session.accessKeyId,
        secret_access_key: wrong,
        session_token: session.sessionToken,
      },
      { type: "aws_role", ...keys, role_arn: ROLE_ORG, external_id: "dw-wrong" },
    ]) {
      const res = await t.api("/api/v1/credentials/validate", { body: { credentials, region: "us-east-1" } });
      assert.equal(res.status, 422);
      texts.push(res.text);
    }
    texts.push((await t.api("/api/v1/federation-info?account_id=123456789012")).text);
    const { rows } = await t.database.db.query<{ secret_org_id: string; secret_id: string }>(
      "SELECT secret_org_id, secret_id FROM federation_signing_keys WHERE secret_id IS NOT NULL",
    );
    assert.ok(rows.length > 0);
    const privateD = (
      JSON.parse(await t.vault.openText(t.database.db, rows[0]!.secret_org_id, rows[0]!.secret_id)) as {
        d: string;
      }
    ).d;
    const everything = texts.join("\n") + t.logs();
    for (const secret of [
      USER.secretAccessKey,
      wrong,
      session.secretAccessKey,
      session.sessionToken!,
      privateD,
    ]) {
      assert.ok(!everything.includes(secret), "a secret leaked");
    }
    assert.ok(!/"d"\s*:\s*"[A-Za-z0-9_-]{100,}"/.test(everything), "no private JWK member");
  });
});
