/**
 * Cloud Control API (awsJson1_0: `POST /` with `X-Amz-Target: CloudApiService.<Operation>`, errors as
 * `{ "__type": "com.amazonaws.cloudcontrol#<Code>", "Message" }`) over a scripted account: GetResource and
 * ListResources, with the errors Cloud Control gives for denied calls, denied per-service reads, unknown
 * or unsupported types, identifiers it does not accept, and missing resources.
 */
import { randomUUID } from "node:crypto";
import { idOf } from "./cloud-emulator.query.ts";
import { CloudFailure, type RequestContext } from "./cloud-emulator.resource-explorer.ts";
import type { ScriptedAccount, ScriptedResource } from "./cloud-emulator.types.ts";

/** `AWS::S3::Bucket` → `s3`: the service whose read API Cloud Control calls for the type. */
export function serviceOfType(typeName: string): string {
  return (typeName.split("::")[1] ?? "").toLowerCase();
}

export function identifierOf(r: ScriptedResource): string {
  return r.identifier ?? idOf(r);
}

/** Resources by type and identifier, built once per account (the account's resources do not change). */
const INDEX = new WeakMap<ScriptedResource[], Map<string, ScriptedResource[]>>();

function find(a: ScriptedAccount, typeName: string, identifier: string, region: string) {
  let index = INDEX.get(a.resources);
  if (!index) {
    index = new Map();
    for (const r of a.resources) {
      const key = `${r.cfnType}\u0000${identifierOf(r)}`;
      index.set(key, [...(index.get(key) ?? []), r]);
    }
    INDEX.set(a.resources, index);
  }
  return index
    .get(`${typeName}\u0000${identifier}`)
    ?.find((r) => r.region === region || r.region === "global");
}

function checkType(a: ScriptedAccount, ctx: RequestContext, typeName: unknown, action: string): string {
  if (
    typeof typeName !== "string" ||
    !/^[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}$/.test(typeName)
  ) {
    throw new CloudFailure(
      400,
      "ValidationException",
      "1 validation error detected: Value at 'typeName' failed to satisfy constraint",
    );
  }
  if (a.denied?.actions?.includes(`cloudformation:${action}`)) {
    throw new CloudFailure(
      400,
      "AccessDeniedException",
      `User: ${ctx.caller} is not authorized to perform: cloudformation:${action} on resource: arn:aws:cloudformation:${ctx.region}:${a.accountId}:resource/* because no identity-based policy allows the cloudformation:${action} action`,
    );
  }
  if (a.unknownTypes?.includes(typeName)) {
    throw new CloudFailure(404, "TypeNotFoundException", `The type '${typeName}' cannot be found.`);
  }
  if (a.unsupportedTypes?.includes(typeName)) {
    throw new CloudFailure(
      405,
      "UnsupportedActionException",
      `Resource type ${typeName} does not support ${action === "GetResource" ? "READ" : "LIST"} action`,
    );
  }
  if (a.denied?.readDeniedTypes?.includes(typeName)) {
    const svc = serviceOfType(typeName);
    const name = typeName.split("::")[2];
    throw new CloudFailure(
      400,
      "AccessDeniedException",
      `${typeName} Handler returned status FAILED: User: ${ctx.caller} is not authorized to perform: ${svc}:Describe${name}s because no identity-based policy allows the ${svc}:Describe${name}s action (Service: ${svc}, Status Code: 403, Request ID: ${randomUUID()}) (HandlerErrorCode: AccessDenied, RequestToken: ${randomUUID()})`,
    );
  }
  return typeName;
}

function describe(r: ScriptedResource) {
  return { Identifier: identifierOf(r), Properties: JSON.stringify(r.properties ?? {}) };
}

export function cloudControl(
  a: ScriptedAccount,
  action: string,
  body: Record<string, unknown>,
  ctx: RequestContext,
): Record<string, unknown> {
  switch (action) {
    case "GetResource": {
      const typeName = checkType(a, ctx, body.TypeName, action);
      const identifier = body.Identifier;
      if (typeof identifier !== "string" || identifier === "" || identifier.length > 1024) {
        throw new CloudFailure(
          400,
          "ValidationException",
          "1 validation error detected: Value at 'identifier' failed to satisfy constraint",
        );
      }
      if (a.unsupportedIdentifierTypes?.includes(typeName)) {
        throw new CloudFailure(
          400,
          "InvalidRequestException",
          `Identifier '${identifier}' is not valid for resource type ${typeName}: its primary identifier has parts Cloud Control cannot take from it.`,
        );
      }
      const found = find(a, typeName, identifier, ctx.region);
      if (!found) {
        throw new CloudFailure(
          404,
          "ResourceNotFoundException",
          `Resource of type '${typeName}' with identifier '${identifier}' was not found.`,
        );
      }
      return { TypeName: typeName, ResourceDescription: describe(found) };
    }
    case "ListResources": {
      const typeName = checkType(a, ctx, body.TypeName, action);
      const all = a.resources
        .filter((r) => r.cfnType === typeName && (r.region === ctx.region || r.region === "global"))
        .sort((x, y) => (identifierOf(x) < identifierOf(y) ? -1 : 1));
      const size = typeof body.MaxResults === "number" ? Math.min(100, Math.max(1, body.MaxResults)) : 20;
      const offset = typeof body.NextToken === "string" ? Number.parseInt(body.NextToken, 36) || 0 : 0;
      const page = all.slice(offset, offset + size);
      return {
        TypeName: typeName,
        ResourceDescriptions: page.map(describe),
        ...(offset + size < all.length ? { NextToken: (offset + size).toString(36) } : {}),
      };
    }
    default:
      throw new CloudFailure(400, "UnknownOperationException", `The emulator does not implement ${action}.`);
  }
}
