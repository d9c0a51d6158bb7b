import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { fingerprint } from "../crypto/sealed-secrets.ts";

/**
 * How driftwatch signs in to AWS (or an S3-compatible store) for a connection, cloud account or destination.
 * The top-level `type` decides how the rest is read; nothing has to be repeated inside.
 *
 * - `aws_static`: an access key pair; with `role_arn` (+ `external_id`) it chains through sts:AssumeRole.
 * - `aws_role`:   an access key pair that assumes `role_arn` (the role is required).
 * - `aws_oidc`:   no stored key at all: driftwatch signs a short-lived token as an OIDC identity provider and
 *                 calls sts:AssumeRoleWithWebIdentity for `role_arn`.
 *
 * The whole spec is sealed at rest; `publicCredentialView` is what responses show.
 */
export type CredentialSpec =
  | {
      type: "aws_static";
      access_key_id: string;
      secret_access_key: string;
      session_token?: string;
      role_arn?: string;
      external_id?: string;
    }
  | { type: "aws_role"; access_key_id: string; secret_access_key: string; role_arn: string; external_id?: string }
  | { type: "aws_oidc"; role_arn: string; region?: string };

export type CredentialType = CredentialSpec["type"];

export interface PublicCredentialView {
  type: CredentialType;
  /** A non-secret fingerprint that changes when the credential changes. */
  fingerprint: string;
  access_key_id_suffix?: string;
  role_arn?: string;
  external_id?: string;
}

export function publicCredentialView(spec: CredentialSpec): PublicCredentialView {
  const view: PublicCredentialView = { type: spec.type, fingerprint: fingerprint(JSON.stringify(spec)) };
  if ("access_key_id" in spec) view.access_key_id_suffix = spec.access_key_id.slice(-4);
  if ("role_arn" in spec && spec.role_arn) view.role_arn = spec.role_arn;
  if ("external_id" in spec && spec.external_id) view.external_id = spec.external_id;
  return view;
}

export interface CredentialContext {
  orgId: string;
  /** Region of the resource; STS is dialled here unless the spec names one. */
  region: string;
}

/**
 * A credential provider for the AWS SDK. Static keys are returned as they are; role and OIDC types are
 * resolved through STS and cached until shortly before they expire (the identity work fills these in).
 */
export function credentialProvider(spec: CredentialSpec, _ctx: CredentialContext): AwsCredentialIdentityProvider {
  if (spec.type === "aws_static" && !spec.role_arn) {
    const identity: AwsCredentialIdentity = {
      accessKeyId: spec.access_key_id,
      secretAccessKey: spec.secret_access_key,
      ...(spec.session_token ? { sessionToken: spec.session_token } : {}),
    };
    return async () => identity;
  }
  throw new Error(`credential type ${spec.type}${"role_arn" in spec ? " with a role" : ""} is not supported yet`);
}
