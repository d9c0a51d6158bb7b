import type { FastifyInstance } from "fastify";
import { policyOperations as ops } from "../../api/policies.api.ts";
import { badRequest } from "../../app/errors.ts";
import { buildPolicy, PolicyInputError, type PolicyParams } from "../../domain/iam-policy.ts";
import type { HttpDeps } from "../app.ts";
import { routeOf, typed } from "../route.ts";

/** Least-privilege IAM policies, rendered for the caller's organisation (`driftwatch policy` offline). */
export async function policyRoutes(scope: FastifyInstance, deps: HttpDeps): Promise<void> {
  const app = typed(scope);
  const { federation, identity } = deps.services;
  app.route({
    ...routeOf(ops.getPolicy),
    handler: async (request) => {
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
  });
}
