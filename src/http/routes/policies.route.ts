import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import { badRequest } from "../../app/errors.ts";
import { buildPolicy, POLICY_KINDS, PolicyInputError, type PolicyParams } from "../../domain/iam-policy.ts";
import type { HttpDeps } from "../app.ts";
import { errorResponses } from "../schemas/common.ts";

const Params = Type.Object({ kind: Type.Union(POLICY_KINDS.map((k) => Type.Literal(k))) });

const Query = Type.Object(
  {
    bucket: Type.Optional(Type.String({ maxLength: 63 })),
    prefix: Type.Optional(Type.String({ maxLength: 1024 })),
    kms_key_arn: Type.Optional(Type.String({ maxLength: 2048 })),
    partition: Type.Optional(
      Type.Union([Type.Literal("aws"), Type.Literal("aws-cn"), Type.Literal("aws-us-gov")]),
    ),
    principal_arn: Type.Optional(
      Type.String({
        maxLength: 2048,
        description: "trust-role, bucket-policy: the IAM user or role driftwatch uses.",
      }),
    ),
    external_id: Type.Optional(
      Type.String({ maxLength: 1224, description: "trust-role; default: your organisation's external id." }),
    ),
    account_id: Type.Optional(Type.String({ description: "trust-oidc: the account the role lives in." })),
    access: Type.Optional(
      Type.Union([Type.Literal("source"), Type.Literal("state-read"), Type.Literal("destination")], {
        description: "bucket-policy: what the principal does with the bucket.",
      }),
    ),
  },
  { additionalProperties: false },
);

const Statement = Type.Object({}, { additionalProperties: true });

/** Least-privilege IAM policies, rendered for the caller's organisation (`driftwatch policy` offline). */
export async function policyRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const { federation, identity } = deps.services;
  app.get<{ Params: Static<typeof Params>; Querystring: Static<typeof Query> }>(
    "/policies/:kind",
    {
      schema: {
        tags: ["policies"],
        summary:
          "A least-privilege IAM policy: s3-source, s3-destination, state-read (identity policies), trust-role, trust-oidc (role trust policies), bucket-policy (cross-account).",
        params: Params,
        querystring: Query,
        response: {
          200: Type.Object({
            kind: Type.String(),
            attach: Type.Union([Type.Literal("identity"), Type.Literal("trust"), Type.Literal("resource")]),
            policy: Type.Object({ Version: Type.Literal("2012-10-17"), Statement: Type.Array(Statement) }),
            notes: Type.Array(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { kind } = request.params;
      const params: PolicyParams = { ...request.query };
      if (kind === "trust-role" && params.external_id === undefined) {
        params.external_id = await identity.externalId(request.principal.orgId);
      }
      if (kind === "trust-oidc") {
        params.issuer = federation.issuer;
        params.audience = federation.audience;
        params.org_id = request.principal.orgId;
      }
      try {
        return buildPolicy(kind, params);
      } catch (err) {
        if (err instanceof PolicyInputError)
          throw badRequest(err.code, err.message, err.hint, { field: err.field });
        throw err;
      }
    },
  );
}
