import type { FastifyInstance } from "fastify";
import { destinationOperations as ops } from "../../api/destinations.api.ts";
import type { HttpDeps } from "../app.ts";
import { routeOf, typed } from "../route.ts";

/** S3 destinations: CRUD, the connection test, the policy, and the path template preview. */
export async function destinationRoutes(scope: FastifyInstance, deps: HttpDeps): Promise<void> {
  const app = typed(scope);
  const { destinations, exports } = deps.services;

  app.route({
    ...routeOf(ops.previewDestinationTemplate),
    handler: async (request) =>
      destinations.preview(request.principal.orgId, request.body.path_prefix, request.body.kind),
  });

  app.route({
    ...routeOf(ops.createDestination),
    handler: async (request, reply) =>
      reply.status(201).send(await destinations.create(request.principal.orgId, request.body)),
  });

  app.route({
    ...routeOf(ops.listDestinations),
    handler: async (request) => destinations.list(request.principal.orgId, request.query),
  });

  app.route({
    ...routeOf(ops.getDestination),
    handler: async (request) => destinations.get(request.principal.orgId, request.params.id),
  });

  app.route({
    ...routeOf(ops.updateDestination),
    handler: async (request) => destinations.update(request.principal.orgId, request.params.id, request.body),
  });

  app.route({
    ...routeOf(ops.deleteDestination),
    handler: async (request, reply) => {
      await destinations.delete(request.principal.orgId, request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.route({
    ...routeOf(ops.testDestination),
    handler: async (request) => destinations.test(request.principal.orgId, request.params.id),
  });

  app.route({
    ...routeOf(ops.getDestinationPolicy),
    handler: async (request) => destinations.policy(request.principal.orgId, request.params.id),
  });

  app.route({
    ...routeOf(ops.exportDestination),
    handler: async (request) => exports.exportNow(request.principal.orgId, request.params.id),
  });

  app.route({
    ...routeOf(ops.listExportBatches),
    handler: async (request) => ({
      items: await exports.batches(request.principal.orgId, request.params.id, request.query.limit ?? 20),
    }),
  });
}
