/**
 * The three STS calls driftwatch makes, through the real `@aws-sdk/client-sts`: AssumeRole (signed with a
 * stored key), AssumeRoleWithWebIdentity (unsigned; driftwatch's own token) and GetCallerIdentity (who are
 * these credentials?). Each failure is thrown as an AwsCallError with a stable code and a hint.
 */
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  type Credentials,
  GetCallerIdentityCommand,
  STSClient,
} from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsCredentialIdentity } from "@smithy/types";
import { type AwsOperation, awsCallError } from "./aws-errors.ts";

export interface StsTarget {
  /** Region STS is dialled in (and requests are signed for). */
  region: string;
  /** Override of AWS's regional endpoint (tests, VPC or FIPS endpoints). */
  endpoint?: string;
  /** SDK attempts per call, retries included. Default 3. */
  maxAttempts?: number;
}

/** Temporary credentials with their expiry, as the SDK's credential providers return them. */
export interface TemporaryCredentials extends AwsCredentialIdentity {
  sessionToken: string;
  expiration: Date;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** Names a role session the way CloudTrail will show it: `driftwatch-<first 8 characters of the org id>`. */
export function roleSessionName(orgId: string): string {
  const tag = orgId.replace(/[^\w+=,.@-]/g, "").slice(0, 8);
  return `driftwatch-${tag || "org"}`;
}

function client(target: StsTarget, credentials?: AwsCredentialIdentity): STSClient {
  return new STSClient({
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    // No stored key for the unsigned web-identity call: never fall back to the process's own AWS identity.
    credentials: credentials ?? { accessKeyId: "", secretAccessKey: "" },
    maxAttempts: target.maxAttempts ?? 3,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 15_000 }),
  });
}

function temporary(creds: Credentials | undefined, op: AwsOperation): TemporaryCredentials {
  if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken || !creds.Expiration) {
    throw awsCallError(
      Object.assign(new Error("STS answered without credentials"), {
        name: "IncompleteResponse",
        $metadata: { httpStatusCode: 200 },
      }),
      op,
    );
  }
  return {
    accessKeyId: creds.AccessKeyId,
    secretAccessKey: creds.SecretAccessKey,
    sessionToken: creds.SessionToken,
    expiration: creds.Expiration,
  };
}

async function call<T>(
  target: StsTarget,
  credentials: AwsCredentialIdentity | undefined,
  op: AwsOperation,
  fn: (sts: STSClient) => Promise<T>,
): Promise<T> {
  const sts = client(target, credentials);
  try {
    return await fn(sts);
  } catch (err) {
    throw awsCallError(err, op);
  } finally {
    sts.destroy();
  }
}

function operation(target: StsTarget, action: string, extra: Partial<AwsOperation> = {}): AwsOperation {
  return {
    service: "sts",
    action,
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    ...extra,
  };
}

export async function assumeRole(
  target: StsTarget,
  credentials: AwsCredentialIdentity,
  params: { roleArn: string; externalId?: string; sessionName: string; durationSeconds?: number },
): Promise<TemporaryCredentials> {
  const op = operation(target, "AssumeRole", {
    roleArn: params.roleArn,
    ...(params.externalId ? { externalId: params.externalId } : {}),
  });
  const out = await call(target, credentials, op, (sts) =>
    sts.send(
      new AssumeRoleCommand({
        RoleArn: params.roleArn,
        RoleSessionName: params.sessionName,
        ...(params.externalId ? { ExternalId: params.externalId } : {}),
        ...(params.durationSeconds ? { DurationSeconds: params.durationSeconds } : {}),
      }),
    ),
  );
  return temporary(out.Credentials, op);
}

export async function assumeRoleWithWebIdentity(
  target: StsTarget,
  params: {
    roleArn: string;
    token: string;
    sessionName: string;
    durationSeconds?: number;
    issuer?: string;
    audience?: string;
  },
): Promise<TemporaryCredentials> {
  const op = operation(target, "AssumeRoleWithWebIdentity", {
    roleArn: params.roleArn,
    ...(params.issuer ? { issuer: params.issuer } : {}),
    ...(params.audience ? { audience: params.audience } : {}),
  });
  const out = await call(target, undefined, op, (sts) =>
    sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: params.roleArn,
        RoleSessionName: params.sessionName,
        WebIdentityToken: params.token,
        ...(params.durationSeconds ? { DurationSeconds: params.durationSeconds } : {}),
      }),
    ),
  );
  return temporary(out.Credentials, op);
}

export async function getCallerIdentity(
  target: StsTarget,
  credentials: AwsCredentialIdentity,
): Promise<CallerIdentity> {
  const op = operation(target, "GetCallerIdentity");
  const out = await call(target, credentials, op, (sts) => sts.send(new GetCallerIdentityCommand({})));
  if (!out.Account || !out.Arn || !out.UserId) {
    throw awsCallError(
      Object.assign(new Error("STS answered without an identity"), {
        name: "IncompleteResponse",
        $metadata: { httpStatusCode: 200 },
      }),
      op,
    );
  }
  return { account: out.Account, arn: out.Arn, userId: out.UserId };
}
