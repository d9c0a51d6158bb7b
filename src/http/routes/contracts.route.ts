import type { FastifyInstance } from "fastify";
import { contractOperations as ops } from "../../api/contracts.api.ts";
import type { HttpDeps } from "../app.ts";
import { acceptRawBodies, assertBodyWithin, readAll } from "../raw-body.ts";
import { routeOf, typed } from "../route.ts";

export async function contractRoutes(scope: FastifyInstance, deps: HttpDeps): Promise<void> {
  const app = typed(scope);
  const { contracts } = deps.services;

  app.route({
    ...routeOf(ops.createContract),
    handler: async (request, reply) =>
      reply.status(201).send(await contracts.create(request.principal.orgId, request.body)),
  });

  app.route({
    ...routeOf(ops.listContracts),
    handler: async (request) => contracts.list(request.principal.orgId, request.query),
  });

  app.route({
    ...routeOf(ops.lintContract),
    handler: async (request) => ({ issues: contracts.lint(request.body.document) }),
  });

  app.route({
    ...routeOf(ops.getContract),
    handler: async (request) => contracts.get(request.principal.orgId, request.params.id),
  });

  app.route({
    ...routeOf(ops.updateContract),
    handler: async (request) => contracts.update(request.principal.orgId, request.params.id, request.body),
  });

  app.route({
    ...routeOf(ops.deleteContract),
    handler: async (request, reply) => {
      await contracts.delete(request.principal.orgId, request.params.id);
      return reply.status(204).send(null);
    },
  });

  app.route({
    ...routeOf(ops.listContractVersions),
    handler: async (request) => ({
      items: await contracts.versions(request.principal.orgId, request.params.id),
    }),
  });

  app.route({
    ...routeOf(ops.getContractVersion),
    handler: async (request) =>
      contracts.version(request.principal.orgId, request.params.id, request.params.version),
  });

  // Routes whose body is a file, streamed as it comes.
  await scope.register(async (fileScope) => {
    acceptRawBodies(fileScope);
    const files = typed(fileScope);
    const limit = deps.checkBodyLimitBytes;

    files.route({
      ...routeOf(ops.checkFile),
      bodyLimit: limit,
      handler: async (request) => {
        assertBodyWithin(request, limit);
        const body = (request.body ?? (async function* () {})()) as AsyncIterable<Uint8Array>;
        const result = await contracts.check(
          request.principal.orgId,
          request.params.id,
          body,
          request.query.filename ?? "upload",
          request.query.format,
        );
        return {
          format: result.format ?? null,
          records: result.records,
          size: result.size,
          sha256: result.sha256,
          events: result.events,
        };
      },
    });

    files.route({
      ...routeOf(ops.inferContract),
      bodyLimit: limit,
      handler: async (request) => {
        assertBodyWithin(request, limit);
        const bytes = request.body
          ? await readAll(request.body as AsyncIterable<Uint8Array>, limit)
          : Buffer.alloc(0);
        return contracts.infer(request.query.filename ?? "sample", bytes, request.query.format);
      },
    });
  });
}
