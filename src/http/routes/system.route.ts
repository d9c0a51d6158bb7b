import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { HttpDeps } from "../app.ts";

/** Liveness, readiness and metrics: no API key, no org. */
export async function systemRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  app.get(
    "/healthz",
    {
      schema: {
        tags: ["system"],
        summary: "Liveness: the process answers.",
        security: [],
        response: { 200: Type.Object({ status: Type.Literal("ok") }) },
      },
    },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/readyz",
    {
      schema: {
        tags: ["system"],
        summary: "Readiness: the database answers.",
        security: [],
        response: {
          200: Type.Object({ status: Type.Literal("ready"), database: Type.String() }),
          503: Type.Ref("ErrorResponse"),
        },
      },
    },
    async (_request, reply) => {
      try {
        await Promise.race([
          deps.db.query("SELECT 1"),
          new Promise((_r, reject) =>
            setTimeout(() => reject(new Error("timed out after 2 s")), 2000).unref(),
          ),
        ]);
        return { status: "ready" as const, database: deps.db.engine };
      } catch (err) {
        return reply.status(503).send({
          error: {
            code: "database.unavailable",
            message: `The database does not answer: ${(err as Error).message}`,
            hint: "Check DATABASE_URL and that the PostgreSQL server is running.",
          },
        });
      }
    },
  );

  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    reply.header("content-type", deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
