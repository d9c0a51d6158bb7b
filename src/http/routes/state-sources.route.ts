import type { FastifyInstance } from "fastify";
import { stateSourceOperations as ops } from "../../api/state-sources.api.ts";
import type { HttpDeps } from "../app.ts";
import { routeOf, typed } from "../route.ts";

export async function stateSourceRoutes(scope: FastifyInstance, deps: HttpDeps): Promise<void> {
  const app = typed(scope);
  const { stateSources } = deps.services;

  app.route({
    ...routeOf(ops.createStateSource),
    handler: async (request, reply) =>
      reply.status(201).send(await stateSources.create(request.principal.orgId, request.body)),
  });

  app.route({
    ...routeOf(ops.listStateSources),
    handler: async (request) => stateSources.list(request.principal.orgId, request.query),
  });

  app.route({
    ...routeOf(ops.getStateSource),
    handler: async (request) => stateSources.get(request.principal.orgId, request.params.id),
  });

  app.route({
    ...routeOf(ops.deleteStateSource),
    handler: async (request, reply) => {
      await stateSources.delete(request.principal.orgId, request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.route({
    ...routeOf(ops.testStateSource),
    handler: async (request) => stateSources.test(request.principal.orgId, request.params.id),
  });
}
