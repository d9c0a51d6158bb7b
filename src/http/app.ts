import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ValidatorFactory } from "@fastify/ajv-compiler";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import type { Logger } from "pino";
import { API_PREFIX, NAMED_SCHEMAS } from "../api/operations.ts";
import type { Services } from "../app/runtime.ts";
import type { Db } from "../infra/db/engine.ts";
import { requireApiKey } from "./auth.ts";
import { installErrorHandler } from "./error-handler.ts";
import type { Metrics } from "./metrics.ts";
import { apiKeyRoutes } from "./routes/api-keys.route.ts";
import { cloudAccountRoutes } from "./routes/cloud-accounts.route.ts";
import { connectionRoutes } from "./routes/connections.route.ts";
import { contractRoutes } from "./routes/contracts.route.ts";
import { destinationRoutes } from "./routes/destinations.route.ts";
import { eventRoutes } from "./routes/events.route.ts";
import { federationRoutes, wellKnownRoutes } from "./routes/federation.route.ts";
import { policyRoutes } from "./routes/policies.route.ts";
import { stateSourceRoutes } from "./routes/state-sources.route.ts";
import { systemRoutes } from "./routes/system.route.ts";
import { buildValidatorCompiler } from "./validation.ts";

export interface HttpDeps {
  db: Db;
  services: Services;
  metrics: Metrics;
  logger: Logger;
  bodyLimitBytes: number;
  /** Largest file accepted by the routes that take a file body (contract check and infer). */
  checkBodyLimitBytes: number;
  publicUrl: string;
  /** Built UI (web/dist); served at `/` when present. */
  webDir?: string;
}

/** Route modules under /api/v1; each receives the deps and registers on an API-key-protected scope. */
export type ApiRoutes = (scope: FastifyInstance, deps: HttpDeps) => Promise<void>;
const API_ROUTES: ApiRoutes[] = [
  apiKeyRoutes,
  contractRoutes,
  connectionRoutes,
  eventRoutes,
  federationRoutes,
  policyRoutes,
  cloudAccountRoutes,
  stateSourceRoutes,
  destinationRoutes,
];

/**
 * The document's server: this installation's public URL; while that is the default loopback one, the
 * server the document was fetched from (a relative URL), which is right for every client that can read it.
 */
export function serverEntry(publicUrl: string): { url: string; description: string } {
  const host = new URL(publicUrl).hostname;
  const loopback = host === "localhost" || host === "[::1]" || /^127\./.test(host);
  return loopback
    ? {
        url: "/",
        description: "The server this document was fetched from (set DRIFTWATCH_PUBLIC_URL to name it).",
      }
    : { url: publicUrl, description: "This driftwatch installation (DRIFTWATCH_PUBLIC_URL)." };
}

export const DEFAULT_WEB_DIR = join(import.meta.dirname, "..", "..", "web", "dist");

export async function createHttpApp(
  deps: HttpDeps,
  extraApiRoutes: ApiRoutes[] = [],
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.bodyLimitBytes,
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: false,
    schemaController: {
      compilersFactory: {
        buildValidator: ((externalSchemas: unknown) =>
          buildValidatorCompiler(externalSchemas as Record<string, unknown>)) as unknown as ValidatorFactory,
      },
    },
  });
  installErrorHandler(app, deps.bodyLimitBytes);
  // The shapes operations reference by name (`$ref: "Connection"`): one registration for every scope.
  for (const schema of NAMED_SCHEMAS) app.addSchema(schema);

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    deps.metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    deps.metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    request.log.info(
      { method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      "request",
    );
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "driftwatch API",
        version: "1",
        description:
          "Watches what lands in S3 and says when it drifts from what was agreed. Every `/api/v1` call needs `Authorization: Bearer <api key>`. Every error has the body `{ error: { code, message, hint } }`.",
        license: { name: "Apache 2.0", identifier: "Apache-2.0" },
      },
      servers: [serverEntry(deps.publicUrl)],
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
      security: [{ apiKey: [] }],
    },
    // Components keep their names (`#/components/schemas/Connection`), so generated clients name them too.
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs" });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (scope) => systemRoutes(scope, deps));
  await app.register(async (scope) => wellKnownRoutes(scope, deps));
  await app.register(
    async (scope) => {
      requireApiKey(scope, deps.services.apiKeys);
      for (const routes of [...API_ROUTES, ...extraApiRoutes]) await routes(scope, deps);
    },
    { prefix: API_PREFIX },
  );

  const webDir = deps.webDir ?? DEFAULT_WEB_DIR;
  if (existsSync(join(webDir, "index.html"))) {
    await app.register(fastifyStatic, { root: webDir, prefix: "/", wildcard: false, index: ["index.html"] });
    // Client-side routes (/connections/…) get the app shell; API and asset misses stay JSON 404s.
    app.addHook("onSend", async (request, reply, payload) => {
      if (
        reply.statusCode === 404 &&
        request.method === "GET" &&
        !request.url.startsWith("/api/") &&
        !/\.[a-z0-9]+($|\?)/i.test(request.url) &&
        (request.headers.accept ?? "").includes("text/html")
      ) {
        reply.code(200).type("text/html; charset=utf-8");
        return reply.sendFile("index.html");
      }
      return payload;
    });
  } else {
    app.get("/", { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .send(
          "<!doctype html><title>driftwatch</title><p>The UI is not built. Run <code>npm run build:web</code> (npm start does it for you), or use the API: <a href='/docs'>/docs</a>.</p>",
        ),
    );
  }
  return app;
}
