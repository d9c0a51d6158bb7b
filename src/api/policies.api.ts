/** Least-privilege IAM policies, rendered for the caller's organisation (`driftwatch policy` offline). */
import { type Static, Type } from "typebox";
import { POLICY_KINDS } from "../domain/iam-policy.ts";
import { OneOf, PARTITIONS } from "./common.api.ts";
import { operation, STANDARD_ERRORS } from "./operation.ts";

const OneOrMore = Type.Union([Type.String(), Type.Array(Type.String())]);

/** An IAM policy statement (the domain's PolicyStatement). */
export const PolicyStatement = Type.Object(
  {
    Sid: Type.String(),
    Effect: Type.Literal("Allow"),
    Principal: Type.Optional(
      Type.Union([Type.Object({ AWS: Type.String() }), Type.Object({ Federated: Type.String() })]),
    ),
    Action: OneOrMore,
    Resource: Type.Optional(OneOrMore),
    Condition: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), OneOrMore))),
  },
  { additionalProperties: true },
);

export const PolicyDocument = Type.Object({
  Version: Type.Literal("2012-10-17"),
  Statement: Type.Array(PolicyStatement),
});
export type PolicyDocument = Static<typeof PolicyDocument>;

export const BuiltPolicy = Type.Object({
  kind: Type.String(),
  attach: Type.Union([Type.Literal("identity"), Type.Literal("trust"), Type.Literal("resource")]),
  policy: PolicyDocument,
  notes: Type.Array(Type.String()),
});
export type BuiltPolicy = Static<typeof BuiltPolicy>;

export const PolicyQuery = Type.Object(
  {
    bucket: Type.Optional(Type.String({ maxLength: 63 })),
    prefix: Type.Optional(Type.String({ maxLength: 1024 })),
    kms_key_arn: Type.Optional(Type.String({ maxLength: 2048 })),
    partition: Type.Optional(OneOf(PARTITIONS)),
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
export type PolicyQuery = Static<typeof PolicyQuery>;

export const policyOperations = {
  getPolicy: operation({
    operationId: "getPolicy",
    method: "GET",
    path: "/api/v1/policies/:kind",
    tags: ["policies"],
    summary:
      "A least-privilege IAM policy: s3-source, s3-destination, state-read (identity policies), trust-role, trust-oidc (role trust policies), bucket-policy (cross-account).",
    params: Type.Object({ kind: OneOf(POLICY_KINDS) }),
    querystring: PolicyQuery,
    response: { 200: BuiltPolicy },
    errors: { ...STANDARD_ERRORS, 404: "There is no policy of that kind." },
  }),
};
