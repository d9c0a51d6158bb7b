/**
 * Routes from the operations in src/api: the method, the URL, and a schema with the operationId, the
 * request and response schemas and the declared errors. With the TypeBox type provider, the handler's
 * request (params, query, body) and its result are typed from those same schemas.
 *
 *   typed(app).route({ ...routeOf(OPERATIONS.getConnection), handler: async (request) => … })
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import type { Static, TUnsafe } from "typebox";
import type { ErrorBody } from "../api/common.api.ts";
import { errorResponses, type Operation } from "../api/operation.ts";
import { API_PREFIX } from "../api/operations.ts";

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<TypeBoxTypeProvider>();
}

interface RouteSchema<O extends Operation> {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  security?: [];
  params: O["params"];
  querystring: O["querystring"];
  body: O["body"];
  response: O["response"] & { [S in keyof O["errors"] | "4xx"]: TUnsafe<Static<typeof ErrorBody>> };
}

/** Route options for an operation; `/api/v1` operations are registered in the `/api/v1` scope. */
export function routeOf<const O extends Operation>(
  op: O,
): { method: O["method"]; url: string; schema: RouteSchema<O>; config?: object } {
  const schema: Record<string, unknown> = {
    operationId: op.operationId,
    tags: [...op.tags],
    summary: op.summary,
    response: { ...op.response, ...errorResponses(op.errors) },
  };
  if (op.description) schema.description = op.description;
  if (op.security) schema.security = [];
  if (op.params) schema.params = op.params;
  if (op.querystring) schema.querystring = op.querystring;
  if (op.body) schema.body = op.body;
  return {
    method: op.method,
    url: op.path.startsWith(`${API_PREFIX}/`) ? op.path.slice(API_PREFIX.length) : op.path,
    schema: schema as unknown as RouteSchema<O>,
    // A file body is not validated (it is streamed), but the document still says what to send.
    ...(op.rawBody ? { config: { swaggerTransform: documentFileBody } } : {}),
  };
}

function documentFileBody({ schema, url }: { schema: object; url: string }) {
  return {
    url,
    schema: {
      ...schema,
      consumes: ["application/octet-stream"],
      body: { type: "string", format: "binary", description: "The file, as it is (any content type)." },
    },
  };
}
