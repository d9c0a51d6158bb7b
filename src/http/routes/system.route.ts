import type { FastifyInstance } from "fastify";
import { systemOperations as ops } from "../../api/system.api.ts";
import type { HttpDeps } from "../app.ts";
import { routeOf, typed } from "../route.ts";

/** Liveness, readiness and metrics: no API key, no org. */
export async function systemRoutes(scope: FastifyInstance, deps: HttpDeps): Promise<void> {
  const app = typed(scope);
  app.route({ ...routeOf(ops.getHealth), handler: async () => ({ status: "ok" as const }) });

  app.route({
    ...routeOf(ops.getReadiness),
    handler: async (_request, reply) => {
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
  });

  app.get("/metrics", { schema: { hide: true } }, async (_request, reply) => {
    reply.header("content-type", deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
}
