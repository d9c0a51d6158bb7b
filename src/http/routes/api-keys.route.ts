import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import type { HttpDeps } from "../app.ts";
import { errorResponses, IdParams, NullableTimestamp, Timestamp } from "../schemas/common.ts";

const ApiKey = Type.Object(
  {
    id: Type.String({ format: "uuid" }),
    name: Type.String(),
    role: Type.Union([Type.Literal("admin"), Type.Literal("member")]),
    prefix: Type.String({ description: "The first characters of the key, to tell keys apart." }),
    created_at: Timestamp,
    last_used_at: NullableTimestamp,
    revoked_at: NullableTimestamp,
  },
  { $id: "ApiKey" },
);

const CreateApiKey = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.Optional(Type.Union([Type.Literal("admin"), Type.Literal("member")], { default: "member" })),
  },
  { additionalProperties: false },
);

const Org = Type.Object({
  id: Type.String({ format: "uuid" }),
  name: Type.String(),
  external_id: Type.String({ description: "Pin this in your IAM role trust policies (sts:ExternalId)." }),
  created_at: Timestamp,
  api_key: Type.Object({ id: Type.String(), role: Type.String() }),
});

export async function apiKeyRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  app.addSchema(ApiKey);
  const { apiKeys } = deps.services;

  app.get(
    "/org",
    {
      schema: {
        tags: ["organisation"],
        summary: "The organisation of the calling API key, with its external id.",
        response: { 200: Org, ...errorResponses },
      },
    },
    async (request) => ({
      ...(await apiKeys.getOrg(request.principal.orgId)),
      api_key: { id: request.principal.keyId, role: request.principal.role },
    }),
  );

  app.post<{ Body: Static<typeof CreateApiKey> }>(
    "/api-keys",
    {
      schema: {
        tags: ["api-keys"],
        summary: "Create an API key. The key is in this response only; store it now.",
        body: CreateApiKey,
        response: {
          201: Type.Object({ key: Type.String(), api_key: Type.Ref("ApiKey") }),
          ...errorResponses,
          403: Type.Ref("ErrorResponse"),
        },
      },
    },
    async (request, reply) => reply.status(201).send(await apiKeys.create(request.principal, request.body)),
  );

  app.get(
    "/api-keys",
    {
      schema: {
        tags: ["api-keys"],
        summary: "List API keys (prefix only).",
        response: { 200: Type.Object({ items: Type.Array(Type.Ref("ApiKey")) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await apiKeys.list(request.principal) }),
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    "/api-keys/:id",
    {
      schema: {
        tags: ["api-keys"],
        summary: "Revoke an API key. Requests with it get 401 from now on.",
        params: IdParams,
        response: { 200: Type.Ref("ApiKey"), ...errorResponses, 403: Type.Ref("ErrorResponse") },
      },
    },
    async (request) => apiKeys.revoke(request.principal, request.params.id),
  );
}
