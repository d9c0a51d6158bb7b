/**
 * Resource Explorer 2 (restJson1: `POST /<Operation>`, JSON body, errors as `x-amzn-ErrorType` + JSON
 * `{ "Message" }`) over a scripted account: GetIndex, GetDefaultView, ListIndexes, ListSupportedResourceTypes,
 * Search (the 1,000-result cap and its `Count`) and ListResources (filters only, no cap).
 */
import { createHash } from "node:crypto";
import { idOf, matches, parseQuery, QuerySyntaxError, serviceOf } from "./cloud-emulator.query.ts";
import type { ScriptedAccount, ScriptedResource } from "./cloud-emulator.types.ts";

export class CloudFailure extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface RequestContext {
  region: string;
  /** The caller's ARN, as AWS names it in denials. */
  caller: string;
  startedAt: Date;
}

const SEARCH_QUERY_MAX = 1280;

export function indexRegions(a: ScriptedAccount): string[] {
  if (a.enabled === false) return [];
  if (a.indexRegions) return [...new Set([...a.indexRegions, a.aggregatorRegion])].sort();
  const regions = new Set(a.resources.map((r) => r.region).filter((r) => r !== "global"));
  regions.add(a.aggregatorRegion);
  return [...regions].sort();
}

const indexArn = (a: ScriptedAccount, region: string) =>
  `arn:aws:resource-explorer-2:${region}:${a.accountId}:index/${createHash("sha256").update(`${a.accountId}${region}`).digest("hex").slice(0, 8)}-0000-4000-8000-000000000000`;

export const defaultViewArn = (a: ScriptedAccount) =>
  `arn:aws:resource-explorer-2:${a.aggregatorRegion}:${a.accountId}:view/all-resources/00000000-0000-4000-8000-${a.accountId}`;

function denied(a: ScriptedAccount, ctx: RequestContext, action: string): void {
  if (!a.denied?.actions?.includes(`resource-explorer-2:${action}`)) return;
  throw new CloudFailure(
    403,
    "AccessDeniedException",
    `User: ${ctx.caller} is not authorized to perform: resource-explorer-2:${action} on resource: arn:aws:resource-explorer-2:${ctx.region}:${a.accountId}:* because no identity-based policy allows the resource-explorer-2:${action} action`,
  );
}

function requireIndex(a: ScriptedAccount, ctx: RequestContext): void {
  if (!indexRegions(a).includes(ctx.region)) {
    throw new CloudFailure(404, "ResourceNotFoundException", `There is no index in ${ctx.region}.`);
  }
}

/** The resources a query may see through the view it runs in (401 when there is no usable view). */
function visibleThroughView(a: ScriptedAccount, ctx: RequestContext, viewArn: unknown): ScriptedResource[] {
  const hasView = indexRegions(a).includes(ctx.region) && a.defaultView !== false;
  const isAggregator = ctx.region === a.aggregatorRegion;
  if (!hasView || !isAggregator || (viewArn !== undefined && viewArn !== defaultViewArn(a))) {
    throw new CloudFailure(401, "UnauthorizedException", "Unauthorized");
  }
  return a.resources;
}

function resourceJson(a: ScriptedAccount, r: ScriptedResource, ctx: RequestContext): Record<string, unknown> {
  const reported = r.lastReportedAt ?? ctx.startedAt.toISOString();
  const out: Record<string, unknown> = {
    Arn: r.arn,
    OwningAccountId: a.accountId,
    Region: r.region,
    ResourceType: r.resourceType,
    Service: serviceOf(r),
    LastReportedAt: reported,
    Properties: [
      {
        Name: "tags",
        LastReportedAt: reported,
        Data: Object.entries(r.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
      },
    ],
  };
  if (!a.omitCfnType) out.CfnResourceType = r.cfnType;
  return out;
}

function pageSize(value: unknown, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw new CloudFailure(400, "ValidationException", `MaxResults must be between 1 and ${max}.`);
  }
  return value;
}

/** NextToken: the offset, bound to the query it belongs to. */
function encodeToken(query: string, offset: number): string {
  const q = createHash("sha256").update(query).digest("hex").slice(0, 16);
  return Buffer.from(JSON.stringify({ q, o: offset })).toString("base64url");
}

function decodeToken(token: unknown, query: string): number {
  if (token === undefined || token === null) return 0;
  try {
    const { q, o } = JSON.parse(Buffer.from(String(token), "base64url").toString("utf8"));
    if (q === createHash("sha256").update(query).digest("hex").slice(0, 16) && Number.isInteger(o)) return o;
  } catch {}
  throw new CloudFailure(400, "ValidationException", "The NextToken is not valid for this request.");
}

function filterResources(a: ScriptedAccount, all: ScriptedResource[], query: string, keywords: boolean) {
  let terms: ReturnType<typeof parseQuery>;
  try {
    terms = parseQuery(query, { keywords });
  } catch (err) {
    if (err instanceof QuerySyntaxError) throw new CloudFailure(400, "ValidationException", err.message);
    throw err;
  }
  return all.filter((r) => matches(terms, r, a.accountId)).sort((x, y) => (x.arn < y.arn ? -1 : 1));
}

export function resourceExplorer(
  a: ScriptedAccount,
  action: string,
  body: Record<string, unknown>,
  ctx: RequestContext,
): Record<string, unknown> {
  denied(a, ctx, action);
  switch (action) {
    case "GetIndex": {
      requireIndex(a, ctx);
      const aggregator = ctx.region === a.aggregatorRegion;
      const others = indexRegions(a).filter((r) => r !== ctx.region);
      return {
        Arn: indexArn(a, ctx.region),
        Type: aggregator ? "AGGREGATOR" : "LOCAL",
        State: "ACTIVE",
        ...(aggregator ? { ReplicatingFrom: others } : { ReplicatingTo: [a.aggregatorRegion] }),
        CreatedAt: ctx.startedAt.toISOString(),
        LastUpdatedAt: ctx.startedAt.toISOString(),
      };
    }
    case "GetDefaultView":
      requireIndex(a, ctx);
      return ctx.region === a.aggregatorRegion && a.defaultView !== false
        ? { ViewArn: defaultViewArn(a) }
        : {};
    case "ListIndexes": {
      const wanted = Array.isArray(body.Regions) ? (body.Regions as string[]) : undefined;
      const indexes = indexRegions(a)
        .filter((r) => !wanted || wanted.includes(r))
        .map((r) => ({
          Region: r,
          Arn: indexArn(a, r),
          Type: r === a.aggregatorRegion ? "AGGREGATOR" : "LOCAL",
        }))
        .filter((i) => body.Type === undefined || i.Type === body.Type);
      return { Indexes: indexes };
    }
    case "ListSupportedResourceTypes": {
      const seen = new Map<string, { Service: string; ResourceType: string; CFNResourceTypes: string[] }>();
      for (const r of a.resources) {
        if (!seen.has(r.resourceType)) {
          seen.set(r.resourceType, {
            Service: serviceOf(r),
            ResourceType: r.resourceType,
            CFNResourceTypes: [r.cfnType],
          });
        }
      }
      return { ResourceTypes: [...seen.values()].sort((x, y) => (x.ResourceType < y.ResourceType ? -1 : 1)) };
    }
    case "Search": {
      if (typeof body.QueryString !== "string") {
        throw new CloudFailure(400, "ValidationException", "QueryString is required.");
      }
      if (body.QueryString.length > SEARCH_QUERY_MAX) {
        throw new CloudFailure(
          400,
          "ValidationException",
          `QueryString is longer than ${SEARCH_QUERY_MAX} characters.`,
        );
      }
      const all = visibleThroughView(a, ctx, body.ViewArn);
      const limit = a.searchLimit ?? 1000;
      const matched = filterResources(a, all, body.QueryString, true);
      const reachable = matched.slice(0, limit);
      const size = pageSize(body.MaxResults, 1000, 50);
      const offset = decodeToken(body.NextToken, body.QueryString);
      const page = reachable.slice(offset, offset + size);
      const next =
        offset + size < reachable.length ? encodeToken(body.QueryString, offset + size) : undefined;
      return {
        Resources: page.map((r) => resourceJson(a, r, ctx)),
        ViewArn: defaultViewArn(a),
        Count: { TotalResources: reachable.length, Complete: matched.length <= limit },
        ...(next ? { NextToken: next } : {}),
      };
    }
    case "ListResources": {
      const all = visibleThroughView(a, ctx, body.ViewArn);
      const filters = body.Filters as { FilterString?: unknown } | undefined;
      const query = typeof filters?.FilterString === "string" ? filters.FilterString : "";
      const matched = filterResources(a, all, query, false);
      const size = pageSize(body.MaxResults, 1000, 100);
      const offset = decodeToken(body.NextToken, `list:${query}`);
      const page = matched.slice(offset, offset + size);
      const next = offset + size < matched.length ? encodeToken(`list:${query}`, offset + size) : undefined;
      return {
        Resources: page.map((r) => resourceJson(a, r, ctx)),
        ViewArn: defaultViewArn(a),
        ...(next ? { NextToken: next } : {}),
      };
    }
    default:
      throw new CloudFailure(404, "UnknownOperationException", `The emulator does not implement ${action}.`);
  }
}

export { idOf };
