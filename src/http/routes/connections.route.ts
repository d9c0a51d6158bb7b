import type { FastifyInstance } from "fastify";
import { connectionOperations as ops } from "../../api/connections.api.ts";
import { pollOperations } from "../../api/polls.api.ts";
import type { HttpDeps } from "../app.ts";
import { routeOf, typed } from "../route.ts";

export async function connectionRoutes(scope: FastifyInstance, deps: HttpDeps): Promise<void> {
  const app = typed(scope);
  const { connections, polls, events } = deps.services;

  app.route({
    ...routeOf(ops.createConnection),
    handler: async (request, reply) =>
      reply.status(201).send(await connections.create(request.principal.orgId, request.body)),
  });

  app.route({
    ...routeOf(ops.listConnections),
    handler: async (request) => connections.list(request.principal.orgId, request.query),
  });

  app.route({
    ...routeOf(ops.getConnection),
    handler: async (request) => connections.get(request.principal.orgId, request.params.id),
  });

  app.route({
    ...routeOf(ops.updateConnection),
    handler: async (request) => connections.update(request.principal.orgId, request.params.id, request.body),
  });

  app.route({
    ...routeOf(ops.deleteConnection),
    handler: async (request, reply) => {
      await connections.delete(request.principal.orgId, request.params.id);
      return reply.status(204).send(null);
    },
  });

  for (const [op, paused] of [
    [ops.pauseConnection, true],
    [ops.resumeConnection, false],
  ] as const) {
    app.route({
      ...routeOf(op),
      handler: async (request) => connections.setPaused(request.principal.orgId, request.params.id, paused),
    });
  }

  app.route({
    ...routeOf(pollOperations.pollConnection),
    handler: async (request, reply) => {
      const orgId = request.principal.orgId;
      let run = await polls.requestPoll(orgId, request.params.id);
      if (request.query.wait)
        run = await polls.waitForRun(orgId, run.id, (request.query.timeout_seconds ?? 120) * 1000);
      const finished = run.status === "completed" || run.status === "failed";
      return reply.status(finished ? 200 : 202).send({ poll_run: run });
    },
  });

  app.route({
    ...routeOf(pollOperations.listPollRuns),
    handler: async (request) => {
      await connections.row(request.principal.orgId, request.params.id);
      return {
        items: await polls.listRuns(request.principal.orgId, request.params.id, request.query.limit ?? 20),
      };
    },
  });

  app.route({
    ...routeOf(pollOperations.getPollRun),
    handler: async (request) => polls.getRun(request.principal.orgId, request.params.id),
  });

  app.route({
    ...routeOf(pollOperations.listConnectionFiles),
    handler: async (request) => {
      await connections.row(request.principal.orgId, request.params.id);
      return events.files(request.principal.orgId, request.params.id, request.query);
    },
  });

  app.route({
    ...routeOf(ops.getConnectionPolicy),
    handler: async (request) => connections.policy(request.principal.orgId, request.params.id),
  });
}
