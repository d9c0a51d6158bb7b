import type { FastifyInstance } from "fastify";
import { eventOperations as ops } from "../../api/events.api.ts";
import type { HttpDeps } from "../app.ts";
import { routeOf, typed } from "../route.ts";

export async function eventRoutes(scope: FastifyInstance, deps: HttpDeps): Promise<void> {
  const app = typed(scope);
  const { events } = deps.services;

  app.route({
    ...routeOf(ops.listDriftEvents),
    handler: async (request) => events.list(request.principal.orgId, request.query),
  });

  app.route({
    ...routeOf(ops.getDriftEventSummary),
    handler: async (request) => ({
      days: await events.summary(
        request.principal.orgId,
        request.query.days ?? 30,
        request.query.connection_id,
      ),
    }),
  });

  app.route({
    ...routeOf(ops.updateDriftEvent),
    handler: async (request) =>
      events.setStatus(
        request.principal.orgId,
        request.params.id,
        request.body.status,
        request.principal.keyId,
      ),
  });
}
