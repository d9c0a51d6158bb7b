import type { FastifyInstance } from "fastify";
import type { CredentialType as ApiCredentialType } from "../../api/connections.api.ts";
import { federationOperations as ops, wellKnownOperations } from "../../api/federation.api.ts";
import { requireAdminRole } from "../../app/federation.service.ts";
import type { CredentialSpec, CredentialType } from "../../infra/aws/credentials.ts";
import type { HttpDeps } from "../app.ts";
import { routeOf, typed } from "../route.ts";

/** The API's credential types are the ones the credential parser knows (checked when this compiles). */
const sameCredentialTypes: [CredentialType] extends [ApiCredentialType]
  ? [ApiCredentialType] extends [CredentialType]
    ? true
    : false
  : false = true;
void sameCredentialTypes;

/**
 * driftwatch as an OIDC identity provider: the discovery document and the JWKS, served WITHOUT an API key
 * (AWS fetches them) at the root of the public URL, outside /api/v1.
 */
export async function wellKnownRoutes(scope: FastifyInstance, deps: HttpDeps): Promise<void> {
  const app = typed(scope);
  const { federation } = deps.services;
  app.route({
    ...routeOf(wellKnownOperations.getOpenIdConfiguration),
    handler: async (_request, reply) => {
      reply.header("cache-control", "public, max-age=300");
      return federation.openIdConfiguration();
    },
  });
  app.route({
    ...routeOf(wellKnownOperations.getJwks),
    handler: async (_request, reply) => {
      reply.header("cache-control", "public, max-age=60");
      return federation.jwks();
    },
  });
}

export async function federationRoutes(scope: FastifyInstance, deps: HttpDeps): Promise<void> {
  const app = typed(scope);
  const { federation, identity } = deps.services;

  app.route({
    ...routeOf(ops.getFederationInfo),
    handler: async (request) =>
      federation.federationInfo(request.principal.orgId, {
        ...(request.query.account_id === undefined ? {} : { accountId: request.query.account_id }),
        ...(request.query.partition === undefined ? {} : { partition: request.query.partition }),
      }),
  });

  app.route({
    ...routeOf(ops.listSigningKeys),
    handler: async () => ({ items: await federation.signingKeys() }),
  });

  app.route({
    ...routeOf(ops.rotateSigningKey),
    handler: async (request) => {
      requireAdminRole(request.principal.role);
      return federation.rotateSigningKey({ revokePrevious: request.query.revoke_previous === true });
    },
  });

  app.route({
    ...routeOf(ops.validateCredentials),
    handler: async (request) => {
      const { credentials, region, expected_account_id } = request.body;
      const id = await identity.validate(request.principal.orgId, credentials as CredentialSpec, {
        region,
        ...(expected_account_id === undefined ? {} : { expectedAccountId: expected_account_id }),
      });
      return { account: id.account, arn: id.arn, user_id: id.userId };
    },
  });
}
