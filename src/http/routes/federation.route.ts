import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import { requireAdminRole } from "../../app/federation.service.ts";
import { CREDENTIAL_TYPES, type CredentialSpec } from "../../infra/aws/credentials.ts";
import type { HttpDeps } from "../app.ts";
import { errorResponses } from "../schemas/common.ts";

const tags = ["federation"];
const Jwk = Type.Object({}, { additionalProperties: true, description: "A public JSON Web Key." });

/**
 * driftwatch as an OIDC identity provider: the discovery document and the JWKS, served WITHOUT an API key
 * (AWS fetches them) at the root of the public URL, outside /api/v1.
 */
export async function wellKnownRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const { federation } = deps.services;
  app.get(
    "/.well-known/openid-configuration",
    {
      schema: {
        tags,
        summary: "OIDC discovery document (no API key). AWS reads it to find the JWKS.",
        security: [],
        response: {
          200: Type.Object(
            { issuer: Type.String(), jwks_uri: Type.String() },
            { additionalProperties: true },
          ),
        },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=300");
      return federation.openIdConfiguration();
    },
  );
  app.get(
    "/.well-known/jwks.json",
    {
      schema: {
        tags,
        summary: "The public keys driftwatch signs federation tokens with (no API key).",
        security: [],
        response: { 200: Type.Object({ keys: Type.Array(Jwk) }) },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "public, max-age=60");
      return federation.jwks();
    },
  );
}

const InfoQuery = Type.Object(
  {
    account_id: Type.Optional(
      Type.String({ description: "12-digit AWS account id: adds the provider ARN and the trust policy." }),
    ),
    partition: Type.Optional(
      Type.Union([Type.Literal("aws"), Type.Literal("aws-cn"), Type.Literal("aws-us-gov")], {
        default: "aws",
      }),
    ),
  },
  { additionalProperties: false },
);

const RotateQuery = Type.Object(
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
);

const SigningKey = Type.Object({
  kid: Type.String(),
  alg: Type.String(),
  state: Type.Union([Type.Literal("pending"), Type.Literal("active"), Type.Literal("retired")]),
  created_at: Type.String(),
  activates_at: Type.String(),
  published_until: Type.Union([Type.String(), Type.Null()]),
});

/** The credential body: the top-level `type` decides the other fields; secrets are write-only. */
export const CredentialSpecBody = Type.Object(
  {
    type: Type.Union(CREDENTIAL_TYPES.map((t) => Type.Literal(t))),
    access_key_id: Type.Optional(Type.String({ maxLength: 128 })),
    secret_access_key: Type.Optional(Type.String({ maxLength: 256, writeOnly: true })),
    session_token: Type.Optional(Type.String({ maxLength: 8192, writeOnly: true })),
    role_arn: Type.Optional(Type.String({ maxLength: 2048 })),
    external_id: Type.Optional(Type.String({ maxLength: 1224 })),
    region: Type.Optional(
      Type.String({ maxLength: 32, description: "aws_oidc: the region STS is dialled in." }),
    ),
  },
  { additionalProperties: false },
);

const ValidateBody = Type.Object(
  {
    credentials: CredentialSpecBody,
    region: Type.String({ minLength: 1, maxLength: 32, description: "Region of the resource (and of STS)." }),
    expected_account_id: Type.Optional(
      Type.String({ description: "Refuse credentials of another account." }),
    ),
  },
  { additionalProperties: false },
);

const problem = { 403: Type.Ref("ErrorResponse"), 422: Type.Ref("ErrorResponse") };

export async function federationRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const { federation, identity } = deps.services;

  app.get<{ Querystring: Static<typeof InfoQuery> }>(
    "/federation-info",
    {
      schema: {
        tags,
        summary:
          "How to trust driftwatch from an AWS account: issuer, audience, subject, claim names, and (with account_id) the OIDC provider ARN and the trust policy for your organisation.",
        querystring: InfoQuery,
        response: { 200: Type.Object({}, { additionalProperties: true }), ...errorResponses },
      },
    },
    async (request) =>
      federation.federationInfo(request.principal.orgId, {
        ...(request.query.account_id === undefined ? {} : { accountId: request.query.account_id }),
        ...(request.query.partition === undefined ? {} : { partition: request.query.partition }),
      }),
  );

  app.get(
    "/federation/signing-keys",
    {
      schema: {
        tags,
        summary:
          "The federation signing keys: the active one, a pre-published next one, retired ones still in the JWKS.",
        response: { 200: Type.Object({ items: Type.Array(SigningKey) }), ...errorResponses },
      },
    },
    async () => ({ items: await federation.signingKeys() }),
  );

  app.post<{ Querystring: Static<typeof RotateQuery> }>(
    "/federation/rotate-signing-key",
    {
      schema: {
        tags,
        summary:
          "Admin: sign new federation tokens with a new key now. Earlier keys stay in the JWKS until their last token expired, unless revoke_previous.",
        querystring: RotateQuery,
        response: {
          200: Type.Object({ kid: Type.String(), previous: Type.Array(SigningKey) }),
          ...errorResponses,
          ...problem,
        },
      },
    },
    async (request) => {
      requireAdminRole(request.principal.role);
      return federation.rotateSigningKey({ revokePrevious: request.query.revoke_previous === true });
    },
  );

  app.post<{ Body: Static<typeof ValidateBody> }>(
    "/credentials/validate",
    {
      schema: {
        tags,
        summary:
          "Check AWS credentials through the whole chain (AssumeRole / AssumeRoleWithWebIdentity, then GetCallerIdentity) without saving anything.",
        body: ValidateBody,
        response: {
          200: Type.Object({ account: Type.String(), arn: Type.String(), user_id: Type.String() }),
          ...errorResponses,
          ...problem,
        },
      },
    },
    async (request) => {
      const { credentials, region, expected_account_id } = request.body;
      const id = await identity.validate(request.principal.orgId, credentials as CredentialSpec, {
        region,
        ...(expected_account_id === undefined ? {} : { expectedAccountId: expected_account_id }),
      });
      return { account: id.account, arn: id.arn, user_id: id.userId };
    },
  );
}
