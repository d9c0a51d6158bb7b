import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ApiKeyService, Principal } from "../app/api-keys.service.ts";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal;
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : "invalid";
}

/** Every route registered inside `scope` requires an API key; the key's organisation scopes every query. */
export function requireApiKey(scope: FastifyInstance, apiKeys: ApiKeyService): void {
  scope.decorateRequest("principal", undefined as unknown as Principal);
  scope.addHook("onRequest", async (request) => {
    request.principal = await apiKeys.authenticate(bearerToken(request));
  });
}
