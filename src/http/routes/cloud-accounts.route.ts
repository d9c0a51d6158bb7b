import type { FastifyInstance } from "fastify";
import { cloudAccountOperations as ops } from "../../api/cloud-accounts.api.ts";
import { notFound } from "../../app/errors.ts";
import type { HttpDeps } from "../app.ts";
import { routeOf, typed } from "../route.ts";

export async function cloudAccountRoutes(scope: FastifyInstance, deps: HttpDeps): Promise<void> {
  const app = typed(scope);
  const { cloudAccounts } = deps.services;

  app.route({
    ...routeOf(ops.createCloudAccount),
    handler: async (request, reply) =>
      reply.status(201).send(await cloudAccounts.create(request.principal.orgId, request.body)),
  });

  // The seed's spelling: the organisation in the path must be the key's own (another one is not found).
  app.route({
    ...routeOf(ops.createOrgAccount),
    handler: async (request, reply) => {
      if (request.params.id !== request.principal.orgId) throw notFound("Organisation", request.params.id);
      return reply.status(201).send(await cloudAccounts.create(request.principal.orgId, request.body));
    },
  });

  app.route({
    ...routeOf(ops.listCloudAccounts),
    handler: async (request) => cloudAccounts.list(request.principal.orgId, request.query),
  });

  app.route({
    ...routeOf(ops.getCloudAccount),
    handler: async (request) => cloudAccounts.get(request.principal.orgId, request.params.id),
  });

  app.route({
    ...routeOf(ops.updateCloudAccount),
    handler: async (request) =>
      cloudAccounts.update(request.principal.orgId, request.params.id, request.body),
  });

  app.route({
    ...routeOf(ops.deleteCloudAccount),
    handler: async (request, reply) => {
      await cloudAccounts.delete(request.principal.orgId, request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.route({
    ...routeOf(ops.testCloudAccount),
    handler: async (request) => cloudAccounts.test(request.principal.orgId, request.params.id),
  });

  app.route({
    ...routeOf(ops.getCloudAccountSetup),
    handler: async (request) => cloudAccounts.setup(request.principal.orgId, request.params.id),
  });
}
