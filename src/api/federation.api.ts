/** driftwatch as an OIDC identity provider for AWS, its signing keys, and checking credentials. */
import { type Static, Type } from "typebox";
import { OneOf, PARTITIONS } from "./common.api.ts";
import { CredentialsInput } from "./connections.api.ts";
import { operation, STANDARD_ERRORS } from "./operation.ts";
import { PolicyDocument } from "./policies.api.ts";

const tags = ["federation"];

export const OpenIdConfiguration = Type.Object({
  issuer: Type.String(),
  jwks_uri: Type.String(),
  response_types_supported: Type.Array(Type.String()),
  subject_types_supported: Type.Array(Type.String()),
  id_token_signing_alg_values_supported: Type.Array(Type.String()),
  claims_supported: Type.Array(Type.String()),
  scopes_supported: Type.Array(Type.String()),
});
export type OpenIdConfiguration = Static<typeof OpenIdConfiguration>;

const Jwk = Type.Unsafe<Record<string, unknown>>({
  type: "object",
  additionalProperties: true,
  description: "A public JSON Web Key.",
});

const ClaimNames = Type.Object({ subject: Type.String(), audience: Type.String(), org_id: Type.String() });

export const FederationInfo = Type.Object({
  issuer: Type.String(),
  discovery_url: Type.String(),
  jwks_uri: Type.String(),
  audience: Type.String(),
  provider_name: Type.String({
    description:
      "The IAM OIDC provider's name and the prefix of its condition keys: the issuer without https://.",
  }),
  subject: Type.String(),
  org_id: Type.String(),
  claims: ClaimNames,
  condition_keys: ClaimNames,
  token_lifetime_seconds: Type.Integer(),
  signing_algorithm: Type.String(),
  oidc_provider_arn: Type.Optional(Type.String({ description: "With account_id: the provider to create." })),
  trust_policy: Type.Optional(PolicyDocument),
  notes: Type.Optional(Type.Array(Type.String())),
  commands: Type.Optional(
    Type.Object({ create_provider: Type.String(), add_audience: Type.String(), create_role: Type.String() }),
  ),
  warnings: Type.Array(Type.String()),
});
export type FederationInfo = Static<typeof FederationInfo>;

export const SigningKey = Type.Object({
  kid: Type.String(),
  alg: Type.String(),
  state: Type.Union([Type.Literal("pending"), Type.Literal("active"), Type.Literal("retired")]),
  created_at: Type.String(),
  activates_at: Type.String(),
  published_until: Type.Union([Type.String(), Type.Null()], {
    description: "When it leaves the JWKS; null while it signs or waits to.",
  }),
});
export type SigningKey = Static<typeof SigningKey>;

const denied = {
  403: "Only an admin key may do this.",
  422: "AWS refused the credentials (the code, the step of the chain and the fix).",
} as const;

/** Served at the root of the public URL without an API key: AWS reads them. */
export const wellKnownOperations = {
  getOpenIdConfiguration: operation({
    operationId: "getOpenIdConfiguration",
    method: "GET",
    path: "/.well-known/openid-configuration",
    tags,
    summary: "OIDC discovery document (no API key). AWS reads it to find the JWKS.",
    security: [],
    response: { 200: OpenIdConfiguration },
    errors: {},
  }),
  getJwks: operation({
    operationId: "getJwks",
    method: "GET",
    path: "/.well-known/jwks.json",
    tags,
    summary: "The public keys driftwatch signs federation tokens with (no API key).",
    security: [],
    response: { 200: Type.Object({ keys: Type.Array(Jwk) }) },
    errors: {},
  }),
};

export const federationOperations = {
  getFederationInfo: operation({
    operationId: "getFederationInfo",
    method: "GET",
    path: "/api/v1/federation-info",
    tags,
    summary:
      "How to trust driftwatch from an AWS account: issuer, audience, subject, claim names, and (with account_id) the OIDC provider ARN and the trust policy for your organisation.",
    querystring: Type.Object(
      {
        account_id: Type.Optional(
          Type.String({
            description: "12-digit AWS account id: adds the provider ARN and the trust policy.",
          }),
        ),
        partition: Type.Optional(OneOf(PARTITIONS, { default: "aws" })),
      },
      { additionalProperties: false },
    ),
    response: { 200: FederationInfo },
    errors: STANDARD_ERRORS,
  }),
  listSigningKeys: operation({
    operationId: "listSigningKeys",
    method: "GET",
    path: "/api/v1/federation/signing-keys",
    tags,
    summary:
      "The federation signing keys: the active one, a pre-published next one, retired ones still in the JWKS.",
    response: { 200: Type.Object({ items: Type.Array(SigningKey) }) },
    errors: { 401: STANDARD_ERRORS[401] },
  }),
  rotateSigningKey: operation({
    operationId: "rotateSigningKey",
    method: "POST",
    path: "/api/v1/federation/rotate-signing-key",
    tags,
    summary:
      "Admin: sign new federation tokens with a new key now. Earlier keys stay in the JWKS until their last token expired, unless revoke_previous.",
    querystring: Type.Object(
      {
        revoke_previous: Type.Optional(
          Type.Boolean({
            default: false,
            description:
              "Remove the previous keys from the JWKS at once (a leaked key): tokens they signed stop working.",
          }),
        ),
      },
      { additionalProperties: false },
    ),
    response: { 200: Type.Object({ kid: Type.String(), previous: Type.Array(SigningKey) }) },
    errors: { ...STANDARD_ERRORS, 403: denied[403] },
  }),
  validateCredentials: operation({
    operationId: "validateCredentials",
    method: "POST",
    path: "/api/v1/credentials/validate",
    tags,
    summary:
      "Check AWS credentials through the whole chain (AssumeRole / AssumeRoleWithWebIdentity, then GetCallerIdentity) without saving anything.",
    body: Type.Object(
      {
        credentials: CredentialsInput,
        region: Type.String({
          minLength: 1,
          maxLength: 32,
          description: "Region of the resource (and of STS).",
        }),
        expected_account_id: Type.Optional(
          Type.String({ description: "Refuse credentials of another account." }),
        ),
      },
      { additionalProperties: false },
    ),
    response: { 200: Type.Object({ account: Type.String(), arn: Type.String(), user_id: Type.String() }) },
    errors: { ...STANDARD_ERRORS, 422: denied[422] },
  }),
};
