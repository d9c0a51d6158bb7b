import type { FastifyInstance } from "fastify";
import { Type } from "typebox";
import type { HttpDeps } from "../app.ts";
import { errorResponses } from "../schemas/common.ts";

/** S3 connections. (The list is real; creating connections comes with the S3 watch.) */
export async function connectionRoutes(app: FastifyInstance, _deps: HttpDeps): Promise<void> {
  app.get(
    "/connections",
    {
      schema: {
        tags: ["connections"],
        summary: "List cloud connections.",
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({}, { additionalProperties: true })),
            next_cursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async () => ({ items: [], next_cursor: null }),
  );
}
