/**
 * Reading a Terraform state object from S3 (the S3 backend's layout: `key`, or
 * `<workspace_key_prefix>/<workspace>/<key>` for a non-default workspace, default prefix `env:`), optionally
 * one version, refusing more than 10 MiB while it streams. Every failure is a `state.*` code with the fix
 * of the state-bucket troubleshooting table (the shared AWS mapping, with the hints a state source needs).
 */
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from "@aws-sdk/client-s3";
import { AppError } from "../../app/errors.ts";
import type { ScanError } from "../../domain/cloud/resource.ts";
import { mapAwsError } from "./aws-errors.ts";

export const STATE_MAX_BYTES = 10 * 1024 * 1024;

export interface StateObjectLocation {
  bucket: string;
  key: string;
  /** A Terraform workspace; `default` or empty means the key itself. */
  workspace?: string;
  /** The S3 backend's `workspace_key_prefix`. Default `env:`. */
  workspaceKeyPrefix?: string;
  versionId?: string;
  /** For the messages: the region the client signs for, and a non-AWS endpoint. */
  region?: string;
  endpoint?: string;
}

export interface StateObject {
  body: Buffer;
  /** The object key read (with the workspace prefix). */
  key: string;
  versionId?: string;
  etag?: string;
}

/** A state object that cannot be read: 422 with a `state.*` code, AWS's code, the fix. */
export class StateReadError extends AppError {
  readonly scanError: ScanError;
  constructor(e: ScanError) {
    super({
      code: e.code,
      status: 422,
      message: e.message,
      hint: e.fix,
      details: { aws_code: e.awsCode ?? null },
    });
    this.name = "StateReadError";
    this.scanError = e;
  }
}

/** The object key Terraform's S3 backend uses for a workspace. */
export function stateObjectKey(
  loc: Pick<StateObjectLocation, "key" | "workspace" | "workspaceKeyPrefix">,
): string {
  if (!loc.workspace || loc.workspace === "default") return loc.key;
  return `${loc.workspaceKeyPrefix ?? "env:"}/${loc.workspace}/${loc.key}`;
}

function hintFor(reason: string, loc: StateObjectLocation, key: string, fallback: string): string {
  switch (reason) {
    case "access_denied":
      return `The identity that reads the state lacks s3:GetObject${loc.versionId ? " and s3:GetObjectVersion" : ""} on arn:aws:s3:::${loc.bucket}/${key}: attach the state-read statement (\`driftwatch policy state-read --bucket ${loc.bucket}\`). If the bucket belongs to another account, its bucket policy must also allow this identity (the cross-account bucket policy).`;
    case "kms_access_denied":
      return "The bucket is encrypted with SSE-KMS and the identity that reads the state lacks kms:Decrypt on its key: add kms:Decrypt (and kms:DescribeKey) on the key to its IAM policy (`driftwatch policy state-read --kms-key <key arn>`); a key in another account must also allow it in its key policy.";
    case "no_such_bucket":
      return `Verify the bucket name "${loc.bucket}" (the name only, no s3:// or ARN) and the state source's region.`;
    case "no_such_key":
      return loc.workspace && loc.workspace !== "default"
        ? `Verify the state key and the workspace: for workspace "${loc.workspace}" Terraform stores the state at ${key} (${loc.workspaceKeyPrefix ?? "env:"}/<workspace>/<key>; the backend's workspace_key_prefix changes the first part).`
        : `Verify the state key. Terraform prefixes env:/<workspace>/ for non-default workspaces: if this state is a workspace's, set the workspace on the state source.`;
    default:
      return fallback;
  }
}

function failure(err: unknown, loc: StateObjectLocation, key: string): StateReadError {
  const m = mapAwsError(err, {
    service: "s3",
    action: loc.versionId ? "GetObjectVersion" : "GetObject",
    bucket: loc.bucket,
    key,
    ...(loc.versionId ? { versionId: loc.versionId } : {}),
    ...(loc.region ? { region: loc.region } : {}),
    ...(loc.endpoint ? { endpoint: loc.endpoint } : {}),
    codePrefix: "state",
  });
  const reason = m.code.split(".").slice(2).join(".");
  const message =
    reason === "no_such_key" ? `There is no state object at s3://${loc.bucket}/${key}.` : m.message;
  return new StateReadError({
    code: m.code,
    ...(m.aws_code ? { awsCode: m.aws_code } : {}),
    message,
    fix: hintFor(reason, loc, key, m.hint),
  });
}

function tooLarge(
  loc: StateObjectLocation,
  key: string,
  size: number | undefined,
  max: number,
): StateReadError {
  return new StateReadError({
    code: "state.too_large",
    message: `The state object s3://${loc.bucket}/${key} is larger than ${max / 1024 / 1024} MiB${size ? ` (${size} bytes)` : ""}: driftwatch does not read it.`,
    fix: "Split the state into workspaces or smaller root modules. Open an issue if you have a legitimate use case above the cap.",
  });
}

export async function readStateObject(
  client: S3Client,
  loc: StateObjectLocation,
  opts: { maxBytes?: number; signal?: AbortSignal } = {},
): Promise<StateObject> {
  const max = opts.maxBytes ?? STATE_MAX_BYTES;
  const key = stateObjectKey(loc);
  let out: GetObjectCommandOutput;
  try {
    out = await client.send(
      new GetObjectCommand({
        Bucket: loc.bucket,
        Key: key,
        ...(loc.versionId ? { VersionId: loc.versionId } : {}),
      }),
      opts.signal ? { abortSignal: opts.signal } : {},
    );
  } catch (err) {
    throw failure(err, loc, key);
  }
  const body = out.Body as unknown as (AsyncIterable<Uint8Array> & { destroy?: () => void }) | undefined;
  if (out.ContentLength !== undefined && out.ContentLength > max) {
    body?.destroy?.();
    throw tooLarge(loc, key, out.ContentLength, max);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body ?? []) {
      size += chunk.length;
      if (size > max) {
        body?.destroy?.();
        throw tooLarge(loc, key, undefined, max);
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    if (err instanceof StateReadError) throw err;
    throw failure(err, loc, key);
  }
  return {
    body: Buffer.concat(chunks, size),
    key,
    ...(out.VersionId ? { versionId: out.VersionId } : {}),
    ...(out.ETag ? { etag: out.ETag.replace(/"/g, "") } : {}),
  };
}
