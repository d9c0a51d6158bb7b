import type { FastifyInstance } from "fastify";
import { apiKeyOperations as ops } from "../../api/api-keys.api.ts";
import type { HttpDeps } from "../app.ts";
import { routeOf, typed } from "../route.ts";

export async function apiKeyRoutes(scope: FastifyInstance, deps: HttpDeps): Promise<void> {
  const app = typed(scope);
  const { apiKeys } = deps.services;

  app.route({
    ...routeOf(ops.getOrg),
    handler: async (request) => ({
      ...(await apiKeys.getOrg(request.principal.orgId)),
      api_key: { id: request.principal.keyId, role: request.principal.role },
    }),
  });

  app.route({
    ...routeOf(ops.createApiKey),
    handler: async (request, reply) =>
      reply.status(201).send(await apiKeys.create(request.principal, request.body)),
  });

  app.route({
    ...routeOf(ops.listApiKeys),
    handler: async (request) => ({ items: await apiKeys.list(request.principal) }),
  });

  app.route({
    ...routeOf(ops.revokeApiKey),
    handler: async (request) => apiKeys.revoke(request.principal, request.params.id),
  });
}
